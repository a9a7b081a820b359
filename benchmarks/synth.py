"""Deterministic synthetic archives for benchmarks.

Real archives are small or private; benchmarks need tens of thousands of
articles whose statistics look like prose: a Zipf-distributed vocabulary
(s≈1.1) of pronounceable pseudo-words, a few hundred real English words (so
queries like "socialism" or "running" hit and the stemmer matters), realistic
lengths and metadata.  Everything derives from one seed, and every article from
its own ``Random(seed, index)``, so the same call always writes identical files
and the query mix of a benchmark can be drawn from the same vocabulary.

    python benchmarks/synth.py --articles 10000 --out /tmp/synth-10k
"""

from __future__ import annotations

import argparse
import array
import itertools
import math
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

#: Bump when the output changes, so cached archives are regenerated.
GENERATOR_VERSION = 1

ZIPF_S = 1.1
PSEUDO_WORDS = 40_000
#: Sampling goes through a table of this many slots (fast ``choices`` without weights).
TABLE_BITS = 21
TABLE_SLOTS = 1 << TABLE_BITS

def _words(text: str) -> tuple[str, ...]:
    """Word lists read best as prose blocks."""
    return tuple(text.split())


#: The most frequent words of English prose, in rank order: they lead the Zipf ranking.
FUNCTION_WORDS = _words(
    "the of and to a in is that for it as was with on by be this are from at or which not but have "
    "an they their has were been its more one all also had can would who there will other into these "
    "so than them we"
)

#: Content words, grouped in families so inflections (run/runs/running) all occur.
REAL_WORDS = _words(
    "run runs running runner ran work works worked working worker workers workplace social socialism "
    "socialist socialists society societies capital capitalism capitalist capitalists economy economic "
    "economics economist class classes labour labor strike strikes striking striker union unions party "
    "parties state states revolution revolutions revolutionary history historical historian theory "
    "theories theoretical politics political politician wage wages price prices market markets profit "
    "profits crisis crises power powerful people government governments war wars peace land city cities "
    "student students organize organized organizing organization organizations movement movements "
    "struggle struggles struggling democracy democratic freedom free right rights law laws production "
    "produce producing producer industry industrial factory factories farmer farmers farming education "
    "reading reader readers write writing writer writers written book books paper papers news press "
    "march marches marching protest protests protesting global globalization nation national nationalism "
    "world international internationalism analysis analyze question questions answer answers argument "
    "arguments argue idea ideas change changes changing changed build building builds built grow growth "
    "growing fight fighting fights vote votes voting voter voters election elections reform reforms "
    "reformist army armies police prison prisons court courts trade trades trading bank banks banking "
    "money debt debts tax taxes taxation rent rents house housing houses health water food energy oil "
    "climate environment environmental science scientific technology technologies machine machines "
    "computer computers network networks women woman men man children child family families youth young "
    "life lives living death time year years day days culture cultural art artist artists music language "
    "languages philosophy philosopher religion religious church nature natural material materialism "
    "materialist dialectic dialectical dialectics ideology ideological imperialism imperialist colonial "
    "colonialism independence leader leaders leadership member members membership meeting meetings "
    "congress conference committee program policy policies collapse recovery café naïve élite régime "
    "façade"
)

SYLLABLE_ONSETS = _words(
    "b c d f g h j k l m n p r s t v w z br cr dr fl gr kl pr st tr sh ch th"
)
SYLLABLE_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io")
SYLLABLE_CODAS = ("", "", "", "", "", "", "n", "r", "s", "l", "m", "t", "k", "nd", "st", "rn")
#: Zipf-Mandelbrot shift: keeps "the" near 6 % of tokens instead of 14 %.
ZIPF_SHIFT = 2.7

FIRST_NAMES = _words(
    "Ann Peter Maria John Sarah David Laura Michael Emma James Olivia Daniel Sofia Thomas Alice Robert "
    "Hannah Paul Grace Mark Rosa Karl Leon Clara Ahmed Fatima Chen Mei Ravi Priya Kwame Amara Ivan Olga "
    "José François Zoë Søren Łukasz Björn Renée Chloé Jürgen Nuño Inés Ángel Çağla Siobhán"
)
LAST_NAMES = _words(
    "Smith Jones Brown Taylor Wilson Evans Walker Wright Green Hall Wood Clarke Hughes Turner Baker Ward "
    "Morris Cooper Reid Grant Marx Luxemburg Trotsky Gramsci Singh Patel Khan Okafor Mensah Nakamura "
    "Wang Li Kim Ivanova Petrov Rossi Bianchi Santos Silva Müller García Nowak Øster Kovač Ó_Briain "
    "Dubois Lefèvre Núñez Jørgensen Şahin Wójcik Hernández Böhm Dvořák O'Connor"
)

CATEGORIES = (
    "Theory", "History", "Economics", "International", "Britain", "Europe", "Latin America", "Asia",
    "Africa", "Middle East", "Culture", "Science", "Philosophy", "Women", "Youth", "Labour Movement",
    "Editorials", "Reviews", "Interviews", "Debates", "Environment", "Education", "Technology",
    "Health", "Archives",
)

AUTHOR_POOL = 400
TAG_POOL = 300
MISSING_DATE_RATE = 0.03
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def _zipf_weights(count: int, s: float, shift: float = 0.0) -> list[float]:
    """Zipf-Mandelbrot weights ``1 / (rank + 1 + shift) ** s``; the shift flattens the head like prose."""
    return [1.0 / (rank + 1 + shift) ** s for rank in range(count)]


@dataclass(frozen=True)
class Vocabulary:
    """Every word list a seed implies; benchmarks pick their queries from it."""

    seed: int
    ranked: tuple[str, ...]          # all words, most frequent first
    real_words: tuple[str, ...]      # the real content words (no function words)
    authors: tuple[str, ...]         # most prolific first
    tags: tuple[str, ...]            # most used first
    categories: tuple[str, ...]

    @classmethod
    def build(cls, seed: int = 1) -> Vocabulary:
        rng = random.Random(f"vocabulary-{seed}")
        reserved = set(FUNCTION_WORDS) | set(REAL_WORDS)
        pseudo: list[str] = []
        seen: set[str] = set()
        while len(pseudo) < PSEUDO_WORDS:
            word = "".join(
                rng.choice(SYLLABLE_ONSETS) + rng.choice(SYLLABLE_VOWELS) + rng.choice(SYLLABLE_CODAS)
                for _ in range(rng.choice((2, 2, 2, 2, 3, 3, 4)))
            )
            if word not in seen and word not in reserved:
                seen.add(word)
                pseudo.append(word)
        # Short words are the frequent ones (as in every language), with some noise.
        pseudo.sort(key=lambda word: len(word) + rng.gauss(0, 2))
        # Real content words land at log-uniform ranks 45..5000: present even in small corpora,
        # from frequent to mid-frequency, each member of a family at its own rank.
        ranked = list(pseudo)
        for word in REAL_WORDS:
            ranked.insert(int(math.exp(rng.uniform(math.log(45), math.log(5000)))), word)
        ranked[:0] = FUNCTION_WORDS
        names = sorted({f"{first} {last.replace('_', ' ')}" for first in FIRST_NAMES for last in LAST_NAMES})
        authors = rng.sample(names, AUTHOR_POOL)
        real_tags = rng.sample([w for w in REAL_WORDS if w.isascii()], TAG_POOL // 2)  # no diacritics in tags
        tags = real_tags + rng.sample(pseudo[:5000], TAG_POOL - len(real_tags))
        rng.shuffle(tags)
        return cls(seed, tuple(ranked), tuple(REAL_WORDS), tuple(authors), tuple(tags), CATEGORIES)

    def word_table(self) -> list[str]:
        """Exactly TABLE_SLOTS slots, each word given slots ∝ its Zipf weight (at least one)."""
        weights = _zipf_weights(len(self.ranked), ZIPF_S, ZIPF_SHIFT)
        total = sum(weights)
        counts = [max(1, int(w / total * TABLE_SLOTS)) for w in weights]
        counts[0] += TABLE_SLOTS - sum(counts)  # "the" absorbs the rounding
        return [word for word, n in zip(self.ranked, counts, strict=True) for _ in range(n)]

    # -- query terms, by frequency band ------------------------------------------------------
    def content_ranked(self) -> list[str]:
        """Ranked words without the function words (which an analyzer may drop as stop words)."""
        return list(self.ranked[len(FUNCTION_WORDS):])

    def frequent(self, count: int) -> list[str]:
        return self.content_ranked()[:count]

    def mid(self, count: int, rng: random.Random) -> list[str]:
        """Words around ranks 300..3000: a handful of hits per thousand articles."""
        return rng.sample(self.content_ranked()[300:3000], count)

    def rare(self, count: int, rng: random.Random) -> list[str]:
        """Words past rank 20,000: few or no hits in small archives."""
        return rng.sample(self.content_ranked()[20_000:], count)

    def prefix_words(self, min_length: int = 7) -> list[str]:
        """Real ASCII words long enough to be typed letter by letter ("soc", "soci", ...)."""
        return [w for w in self.real_words if len(w) >= min_length and w.isascii()]


# -- writing ---------------------------------------------------------------------------------
def toml_string(value: str) -> str:
    """A TOML basic string: backslashes and quotes escaped (we never emit control characters)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


class _Writer:
    """Per-process state: the vocabulary and its sampling tables, built once."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.vocab = Vocabulary.build(seed)
        self.table = self.vocab.word_table()
        self.author_cum = list(itertools.accumulate(_zipf_weights(AUTHOR_POOL, 1.0)))
        self.tag_cum = list(itertools.accumulate(_zipf_weights(TAG_POOL, 1.0)))
        self.cat_cum = list(itertools.accumulate(_zipf_weights(len(CATEGORIES), 0.8)))

    def sentence(self, rng: random.Random, words: list[str]) -> str:
        if len(words) > 6 and rng.random() < 0.3:
            cut = rng.randrange(2, len(words) - 2)
            words[cut] += ","
        words[0] = words[0].capitalize()
        return " ".join(words) + ("?" if rng.random() < 0.05 else ".")

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """``count`` Zipf-distributed words: 32 random bits each, the top bits index the table."""
        raw = array.array("I", rng.randbytes(4 * count))
        if sys.byteorder == "big":  # the same files on every machine
            raw.byteswap()
        table, shift = self.table, 32 - TABLE_BITS
        return [table[v >> shift] for v in raw]

    def sentences(self, rng: random.Random, count: int) -> list[str]:
        """``count`` words of prose as sentences of 6 to 24 words."""
        words = self.draw(rng, count)
        out = []
        start = 0
        while start < count:
            end = min(count, start + rng.randint(6, 24))
            out.append(self.sentence(rng, words[start:end]))
            start = end
        return out

    def prose(self, rng: random.Random, count: int) -> str:
        return " ".join(self.sentences(rng, count))

    def title(self, rng: random.Random) -> str:
        words = [w.capitalize() for w in self.draw(rng, rng.randint(3, 9))]
        roll = rng.random()
        if roll < 0.04:
            words[-1] = f'"{words[-1]}"'
        elif roll < 0.06:
            words[0] += "'s"
        elif roll < 0.065:
            words.insert(1, "\\")
        return " ".join(words)

    def body(self, rng: random.Random) -> str:
        total = int(min(3000, max(150, rng.lognormvariate(math.log(800), 0.6))))
        paragraphs = max(3, min(rng.randint(3, 12), total // 25))
        cuts = sorted(rng.sample(range(1, total), paragraphs - 1))
        sizes = [b - a for a, b in itertools.pairwise([0, *cuts, total])]
        blocks: list[str] = []
        quote_at = rng.randrange(1, paragraphs) if rng.random() < 0.2 else -1
        list_at = rng.randrange(1, paragraphs) if rng.random() < 0.2 else -1
        heading_rate = 0.25 if rng.random() < 0.3 else 0.0
        for index, size in enumerate(sizes):
            if index and rng.random() < heading_rate:
                heading = self.draw(rng, rng.randint(2, 6))
                blocks.append("## " + " ".join(w.capitalize() for w in heading))
            text = self.prose(rng, size)
            if index == quote_at:
                text = "> " + text
            blocks.append(text)
            if index == list_at:
                items = ("- " + self.prose(rng, rng.randint(2, 8)) for _ in range(rng.randint(3, 6)))
                blocks.append("\n".join(items))
        return "\n\n".join(blocks)

    def article(self, index: int) -> tuple[str, str]:
        """``(id, file text)`` of article ``index``: a pure function of seed and index."""
        rng = random.Random(self.seed * 1_000_003 + index)
        vocab = self.vocab
        title = self.title(rng)
        slug = "-".join(filter(None, _SLUG_DROP.split(title.lower())))[:40].strip("-")
        article_id = f"{slug or 'article'}-{index:06d}"
        lines = [f"title = {toml_string(title)}"]
        authors = list(dict.fromkeys(rng.choices(vocab.authors, cum_weights=self.author_cum,
                                                 k=rng.choice((0, 1, 1, 1, 1, 2, 2, 3)))))
        if authors:
            lines.append(f"authors = {_toml_list(authors)}")
        if rng.random() >= MISSING_DATE_RATE:
            year = rng.randint(2005, 2024)
            lines.append(f"date = {year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        tags = list(dict.fromkeys(rng.choices(vocab.tags, cum_weights=self.tag_cum, k=rng.randint(0, 5))))
        if tags:
            lines.append(f"tags = {_toml_list(tags)}")
        categories = rng.choices(CATEGORIES, cum_weights=self.cat_cum, k=rng.randint(1, 2))
        categories = list(dict.fromkeys(categories))
        lines.append(f"categories = {_toml_list(categories)}")
        if rng.random() < 0.5:
            summary = self.prose(rng, rng.randint(12, 30)).split(". ")[0].rstrip(".") + "."
            if rng.random() < 0.05:
                summary = f'"{summary}" \\ a note'
            lines.append(f"summary = {toml_string(summary)}")
        return article_id, "+++\n" + "\n".join(lines) + "\n+++\n\n" + self.body(rng) + "\n"


_WORKER: _Writer | None = None


def _write_range(seed: int, articles_dir: str, start: int, stop: int) -> None:
    global _WORKER
    if _WORKER is None or _WORKER.seed != seed:
        _WORKER = _Writer(seed)
    for index in range(start, stop):
        article_id, text = _WORKER.article(index)
        with open(f"{articles_dir}/{article_id}.md", "w", encoding="utf-8") as handle:
            handle.write(text)


def archive_id(articles: int, seed: int) -> str:
    """Encodes everything the output depends on, so a cached archive can be checked for reuse."""
    return f"synth-n{articles}-s{seed}-v{GENERATOR_VERSION}"


def generate_archive(root: Path, articles: int, seed: int = 1, workers: int = 1) -> Path:
    """Write ``articles`` articles into ``root`` (created); identical output for any ``workers``."""
    articles_dir = root / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    (root / "archive.toml").write_text(
        f'id = "{archive_id(articles, seed)}"\n'
        f'title = "Synthetic archive ({articles} articles, seed {seed})"\n'
        'description = "Generated by benchmarks/synth.py for benchmarks."\n'
        'language = "en"\n'
        f'version = "{GENERATOR_VERSION}"\n',
        encoding="utf-8",
    )
    if workers <= 1 or articles < 2000:
        _write_range(seed, str(articles_dir), 0, articles)
        return root
    step = math.ceil(articles / workers)
    with Pool(workers) as pool:
        pool.starmap(_write_range, [(seed, str(articles_dir), start, min(articles, start + step))
                                    for start in range(0, articles, step)])
    return root


def iter_sentences(body: str) -> Iterator[list[str]]:
    """Lowercase words of each prose sentence of a generated body (markup stripped)."""
    for block in body.split("\n\n"):
        if block.startswith("#"):
            continue
        for line in block.splitlines():
            for sentence in re.split(r"[.?,]\s*", line.lstrip("> -")):
                words = sentence.lower().split()
                if words:
                    yield words


def pick_phrases(root: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Adjacent content-word pairs read from the generated text, so phrase queries really match."""
    files = sorted((root / "articles").glob("*.md"))
    stop = set(FUNCTION_WORDS)
    phrases: list[tuple[str, str]] = []
    for path in rng.sample(files, min(len(files), count * 3)):
        body = path.read_text(encoding="utf-8").split("\n+++\n", 1)[-1]
        pairs = [(a, b) for words in iter_sentences(body) for a, b in itertools.pairwise(words)
                 if a not in stop and b not in stop and a.isalpha() and b.isalpha()]
        if pairs:
            phrases.append(rng.choice(pairs))
        if len(phrases) == count:
            break
    return phrases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="processes (the output is the same for any number)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generate_archive(args.out, args.articles, args.seed, args.workers)
    print(f"wrote {args.articles} articles to {args.out} in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
