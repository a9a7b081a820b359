"""Deterministic synthetic WordPress exports (WXR 1.2) for the import benchmark.

A real site's export is private and big; the importer needs one that looks like
WordPress wrote it: an RSS 2.0 channel with the ``wp:`` namespace, authors,
category and tag definitions (some non-ASCII), and items of every kind a site
exports -- published posts (about 88 %), drafts, pending, private, future,
trashed and password-protected posts, pages, attachments, menu items, comments
-- whose bodies are classic-editor HTML with shortcodes (60 %) or block-editor
markup (40 %).  The prose comes from :mod:`synth` (same Zipf vocabulary, same
lognormal lengths), and every item is a pure function of ``(seed, index)``, so
the same arguments always write the same bytes, for any number of workers.

A *changed copy* (``--edit-fraction F --add K --remove R``) is the same export
with one sentence changed in F of the published posts, K new published posts
and R published posts gone; which ones goes to the JSON sidecar
(``OUT.json``) with the item counts and the number of articles an importer
should produce.

    python benchmarks/wxr_synth.py --posts 10000 --out /tmp/site-10k.xml
    python benchmarks/wxr_synth.py --posts 10000 --out /tmp/site-10k-b.xml \
        --edit-fraction 0.01 --add 20 --remove 5
    python benchmarks/wxr_synth.py --size-mb 100 --out /tmp/site-100mb.xml
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import itertools
import json
import math
import os
import random
import re
import sys
import time
import unicodedata
import urllib.parse
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

#: Bump when the output changes, so cached exports are regenerated.
GENERATOR_VERSION = 1

SITE = "https://example.org"
UPLOADS = f"{SITE}/wp-content/uploads"
NAMESPACES = {"http": "http://wordpress.org/export/1.2/", "https": "https://wordpress.org/export/1.2/"}

#: Items come in blocks of 25 with 22 published posts (88 %); the other three of each block cycle
#: through this list, so even a 25-item export has a draft, a page and an attachment.
BLOCK = 25
OTHERS_PER_BLOCK = 3
OTHER_KINDS = ("draft", "page", "attachment", "protected", "pending", "private", "nav_menu_item", "future",
               "trash", "draft", "attachment", "page")
#: kind -> (wp:post_type, wp:status)
KIND_TYPE_STATUS = {
    "post": ("post", "publish"), "draft": ("post", "draft"), "pending": ("post", "pending"),
    "private": ("post", "private"), "future": ("post", "future"), "trash": ("post", "trash"),
    "protected": ("post", "publish"), "page": ("page", "publish"), "attachment": ("attachment", "inherit"),
    "nav_menu_item": ("nav_menu_item", "publish"),
}
SITE_AUTHORS = 40
#: The site's timezone: post_date is local time, post_date_gmt an hour earlier.
UTC_OFFSET = dt.timedelta(hours=1)
NO_DATE = "0000-00-00 00:00:00"
#: Dates of posts added in a changed copy, and the modification date of edited ones: after all others.
ADDED_FROM = dt.datetime(2025, 3, 1, 9, 0, 0)
EDITED_AT = "2025-06-15 10:30:00"
LATEST = dt.datetime(2024, 12, 31, 23, 0, 0)

#: Categories beyond synth's: stored names as WordPress keeps them (``&amp;`` included), with nicenames.
EXTRA_CATEGORIES = (
    ("Économie", "economie", ""),
    ("社会主义", "", ""),                       # nicename: percent-encoded UTF-8
    ("Arts &amp; Culture", "arts-culture", ""),
    ("Uncategorized", "uncategorized", ""),
)
REGION_CATEGORIES = {"Britain", "Europe", "Latin America", "Asia", "Africa", "Middle East"}
NON_ASCII_TAGS = ("Ärger", "café", "Straße", "日本", "naïve")
TITLE_PREFIXES = ("Économie", "社会主义", "Ärger")

_TAG = re.compile(r"<[^>]+>")
_SLUG_RUN = re.compile(r"[^a-z0-9%]+")


def wp_slug(text: str) -> str:
    """Roughly WordPress's ``sanitize_title``: accents removed, other non-ASCII percent-encoded."""
    text = html.unescape(_TAG.sub("", text))
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    folded = folded.replace("ß", "ss").lower()
    encoded = "".join(c if c.isascii() else urllib.parse.quote(c).lower() for c in folded)
    return _SLUG_RUN.sub("-", encoded).strip("-")[:200]


def clean_title(stored: str) -> str:
    """The title a reader should see: markup dropped, entities decoded."""
    return html.unescape(_TAG.sub("", stored)).strip()


def cdata(text: str) -> str:
    """A CDATA section; ``]]>`` is split across two sections as WordPress's ``wxr_cdata`` does."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item_kind(seed: int, index: int, base_posts: int | None = None) -> str:
    """The kind of item ``index``; items past ``base_posts`` (added in a changed copy) are posts."""
    if base_posts is not None and index >= base_posts:
        return "post"
    block, position = divmod(index, BLOCK)
    slots = random.Random(f"wxr-kinds-{seed}-{block}").sample(range(BLOCK), OTHERS_PER_BLOCK)
    if position in slots:
        return OTHER_KINDS[(block * OTHERS_PER_BLOCK + slots.index(position)) % len(OTHER_KINDS)]
    return "post"


def post_id(index: int) -> int:
    """Ids grow with the index and leave gaps (revisions, attachments), as on a real site."""
    return 100 + 3 * index


def is_article(kind: str, *, pages: bool = False, protected: bool = False) -> bool:
    """Whether an importer with these options should turn an item of ``kind`` into an article."""
    return kind == "post" or (pages and kind == "page") or (protected and kind == "protected")


class ChangeError(ValueError):
    """Arguments that cannot describe an export."""


@dataclass(frozen=True)
class Config:
    """Everything an item depends on."""

    seed: int = 1
    base_posts: int | None = None                   # set in a changed copy: later indices are added posts
    edited: frozenset[int] = frozenset()           # indices whose first sentence changes
    change_seed: int = 1


@dataclass
class ItemInfo:
    index: int
    post_id: int
    kind: str
    post_name: str
    title: str
    link_slug: bool = field(default=True)          # whether the link ends in /post_name/


# -- categories, tags, authors ----------------------------------------------------------------
def _categories() -> list[tuple[str, str, str]]:
    """(stored name, nicename, parent nicename) of every category, in definition order."""
    out = [(name, wp_slug(name), "international" if name in REGION_CATEGORIES else "")
           for name in synth.CATEGORIES]
    out += [(name, nice or wp_slug(name), parent) for name, nice, parent in EXTRA_CATEGORIES]
    return out


def _login(name: str, taken: set[str]) -> str:
    parts = wp_slug(name).replace("%", "").split("-")
    login = (parts[0][:1] + "".join(parts[1:]))[:20] or "user"
    candidate, n = login, 1
    while candidate in taken:
        n += 1
        candidate = f"{login}{n}"
    taken.add(candidate)
    return candidate


def _authors(vocab: synth.Vocabulary) -> list[tuple[str, str]]:
    """(login, display name) of the site's authors, most prolific first."""
    taken: set[str] = set()
    return [(_login(name, taken), name) for name in vocab.authors[:SITE_AUTHORS]]


# -- the writer ----------------------------------------------------------------------------------
class _WxrWriter(synth._Writer):
    """Per-process state: synth's vocabulary and tables, plus the site's terms and authors."""

    def __init__(self, config: Config) -> None:
        super().__init__(config.seed)
        self.config = config
        self.authors = _authors(self.vocab)
        self.site_author_cum = list(itertools.accumulate(synth._zipf_weights(SITE_AUTHORS, 1.0)))
        self.categories = _categories()
        self.site_cat_cum = list(itertools.accumulate(synth._zipf_weights(len(synth.CATEGORIES), 0.8)))

    # -- text ---------------------------------------------------------------------------------
    def paragraph(self, rng: random.Random, size: int, edit_rng: random.Random | None = None) -> str:
        """Inline HTML of one paragraph; ``edit_rng`` rewrites its first sentence, and nothing else."""
        sentences = self.sentences(rng, size)
        if edit_rng is not None:
            old = sentences[0]
            count = len(old.split(" "))
            while sentences[0] == old:  # same word count, so the main stream stays in step
                sentences[0] = self.sentence(edit_rng, self.draw(edit_rng, count))
        if len(sentences) > 1 and rng.random() < 0.15:  # a hard line break typed inside the paragraph
            cut = rng.randrange(1, len(sentences))
            text = " ".join(sentences[:cut]) + "\n" + " ".join(sentences[cut:])
        else:
            text = " ".join(sentences)
        roll = rng.random()
        if roll < 0.04:
            text = text.replace(" and ", " &amp; ", 1)
        elif roll < 0.07:
            text = text.replace(", ", " — ", 1)
        elif roll < 0.09:
            text = text.replace(", ", " &#8211; ", 1)
        elif roll < 0.11:
            text = text.replace(". ", ".&nbsp; ", 1)
        if rng.random() < 0.35:
            tokens = text.split(" ")
            start = rng.randrange(len(tokens))
            end = min(len(tokens), start + rng.randint(1, 3)) - 1
            kind = rng.random()
            if kind < 0.35:
                opening, closing = "<strong>", "</strong>"
            elif kind < 0.7:
                opening, closing = "<em>", "</em>"
            elif kind < 0.85:
                opening = f'<a href="{SITE}/{rng.randint(2006, 2024)}/{rng.randint(1, 12):02d}/'
                opening, closing = opening + f'{self.draw(rng, 1)[0]}-{self.draw(rng, 1)[0]}/">', "</a>"
            else:
                opening = f'<a href="https://en.wikipedia.org/wiki/{self.draw(rng, 1)[0].capitalize()}"'
                opening, closing = opening + ' target="_blank" rel="noopener">', "</a>"
            tokens[start] = opening + tokens[start]
            tokens[end] += closing
            text = " ".join(tokens)
        if rng.random() < 0.02:  # an unknown plugin's shortcode, inline
            text += f"[footnote]{' '.join(self.sentences(rng, rng.randint(6, 20)))}[/footnote]"
        return text

    def heading(self, rng: random.Random) -> str:
        return " ".join(w.capitalize() for w in self.draw(rng, rng.randint(2, 6)))

    def sizes(self, rng: random.Random) -> list[int]:
        """Paragraph sizes in words: synth's lognormal length (median 800) and paragraph count."""
        total = int(min(3000, max(150, rng.lognormvariate(math.log(800), 0.6))))
        paragraphs = max(3, min(rng.randint(3, 12), total // 25))
        cuts = sorted(rng.sample(range(1, total), paragraphs - 1))
        return [b - a for a, b in itertools.pairwise([0, *cuts, total])]

    def title(self, rng: random.Random) -> str:  # type: ignore[override]
        """The title as WordPress stores it: sometimes with ``&amp;``, markup or a non-ASCII word."""
        title = super().title(rng)
        roll = rng.random()
        words = title.split(" ")
        if roll < 0.03 and len(words) > 2:
            cut = rng.randrange(1, len(words))
            title = " ".join(words[:cut]) + " &amp; " + " ".join(words[cut:])
        elif roll < 0.05:
            at = rng.randrange(len(words))
            words[at] = f"<em>{words[at]}</em>"
            title = " ".join(words)
        elif roll < 0.06:
            title = f"{rng.choice(TITLE_PREFIXES)} {title}"
        elif roll < 0.063:
            title = ""  # WordPress allows untitled posts
        return title

    # -- media ----------------------------------------------------------------------------------
    def _upload(self, rng: random.Random, when: dt.datetime, ext: str) -> str:
        name = "-".join(self.draw(rng, rng.randint(1, 3)))
        return f"{UPLOADS}/{when.year:04d}/{when.month:02d}/{name}.{ext}"

    def _youtube(self, rng: random.Random) -> str:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
        video = "".join(rng.choice(alphabet) for _ in range(11))
        return f"https://youtu.be/{video}" if rng.random() < 0.2 else f"https://www.youtube.com/watch?v={video}"

    def _img(self, rng: random.Random, when: dt.datetime, attachment: int, *, caption: bool) -> str:
        url = self._upload(rng, when, "jpg")
        alt = " ".join(self.draw(rng, rng.randint(0, 4)))
        align = rng.choice(("alignnone", "aligncenter", "alignleft", "alignright"))
        width, height = rng.choice(((1024, 683), (800, 600), (640, 427), (300, 200)))
        sized = url[:-4] + f"-{width}x{height}.jpg"
        img = (f'<img class="{align} size-large wp-image-{attachment}" src="{sized}" alt="{alt}" '
               f'width="{width}" height="{height}" />')
        if caption:
            text = " ".join(self.sentences(rng, rng.randint(4, 14)))
            opening = f'[caption id="attachment_{attachment}" align="{align}" width="{width}"]'
            return f"{opening}{img} {text}[/caption]"
        return f'<a href="{url}">{img}</a>' if rng.random() < 0.4 else img

    # -- bodies ---------------------------------------------------------------------------------
    def classic(self, rng: random.Random, pid: int, when: dt.datetime, edit_rng: random.Random | None) -> str:
        """Classic-editor HTML: blank lines between paragraphs (wpautop adds the <p>), shortcodes."""
        sizes = self.sizes(rng)
        count = len(sizes)
        extras: dict[int, list[str]] = {}

        def after(block: str, at: int | None = None) -> None:
            extras.setdefault(rng.randrange(count) if at is None else at, []).append(block)

        if rng.random() < 0.3:
            after("<!--more-->" if rng.random() < 0.9 else "<!--more Continue reading-->", 0)
        if rng.random() < 0.25:
            after(self._img(rng, when, pid + 1, caption=False))
        if rng.random() < 0.15:
            after(self._img(rng, when, pid + 2, caption=True))
        if rng.random() < 0.05:
            ids = ",".join(str(pid + k) for k in range(1, rng.randint(3, 8)))
            after(f'[gallery ids="{ids}"]' if rng.random() < 0.7 else f'[gallery columns="2" ids="{ids}"]')
        if rng.random() < 0.06:
            after(f"[embed]{self._youtube(rng)}[/embed]")
        if rng.random() < 0.05:
            vimeo = rng.random() >= 0.8
            after(f"https://vimeo.com/{rng.randint(10**7, 10**9)}" if vimeo else self._youtube(rng))
        if rng.random() < 0.02:
            after(f'[audio mp3="{self._upload(rng, when, "mp3")}"][/audio]')
        if rng.random() < 0.02:
            after(f'[video src="{self._upload(rng, when, "mp4")}"]' if rng.random() < 0.5 else
                  f'[video width="1280" height="720" mp4="{self._upload(rng, when, "mp4")}"][/video]')
        if rng.random() < 0.03 and count > 2:
            after("<!--nextpage-->", rng.randrange(1, count - 1))
        if rng.random() < 0.05:
            after("&nbsp;")
        if rng.random() < 0.005:  # raw code whose text holds the CDATA terminator
            after("<pre>if (a[b[0]]> 1) { return; }</pre>")
        if rng.random() < 0.2:
            tag = "ol" if rng.random() < 0.3 else "ul"
            items = "\n".join(f"<li>{self.paragraph(rng, rng.randint(2, 12))}</li>"
                              for _ in range(rng.randint(3, 6)))
            after(f"<{tag}>\n{items}\n</{tag}>")
        quote_at = rng.randrange(1, count) if rng.random() < 0.2 else -1
        heading_rate = 0.25 if rng.random() < 0.3 else 0.0
        blocks: list[str] = []
        for index, size in enumerate(sizes):
            if index and rng.random() < heading_rate:
                level = 3 if rng.random() < 0.2 else 2
                blocks.append(f"<h{level}>{self.heading(rng)}</h{level}>")
            text = self.paragraph(rng, size, edit_rng if index == 0 else None)
            blocks.append(f"<blockquote>{text}</blockquote>" if index == quote_at else text)
            blocks.extend(extras.get(index, ()))
        return "\n\n".join(blocks)

    def blocks(self, rng: random.Random, pid: int, when: dt.datetime, edit_rng: random.Random | None) -> str:
        """Block-editor markup: every block between ``<!-- wp:name -->`` comments."""
        sizes = self.sizes(rng)
        count = len(sizes)
        extras: dict[int, list[str]] = {}

        def after(block: str, at: int | None = None) -> None:
            extras.setdefault(rng.randrange(count) if at is None else at, []).append(block)

        def para(text: str) -> str:
            return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"

        if rng.random() < 0.3:
            after("<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->", 0)
        for image in range(2):
            if rng.random() < (0.3, 0.12)[image]:
                attachment = pid + 1 + image
                url = self._upload(rng, when, "jpg")
                alt = " ".join(self.draw(rng, rng.randint(0, 4)))
                caption = ""
                if rng.random() < 0.6:
                    text = " ".join(self.sentences(rng, rng.randint(4, 14)))
                    caption = f'<figcaption class="wp-element-caption">{text}</figcaption>'
                after(f'<!-- wp:image {{"id":{attachment},"sizeSlug":"large","linkDestination":"none"}} -->\n'
                      f'<figure class="wp-block-image size-large"><img src="{url}" alt="{alt}" '
                      f'class="wp-image-{attachment}"/>{caption}</figure>\n<!-- /wp:image -->')
        if rng.random() < 0.08:
            if rng.random() < 0.8:
                url, provider, kind = self._youtube(rng), "youtube", "video"
            else:
                url, provider, kind = f"https://vimeo.com/{rng.randint(10**7, 10**9)}", "vimeo", "video"
            after(f'<!-- wp:embed {{"url":"{url}","type":"{kind}","providerNameSlug":"{provider}",'
                  '"responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->\n'
                  f'<figure class="wp-block-embed is-type-{kind} is-provider-{provider} '
                  f'wp-block-embed-{provider} wp-embed-aspect-16-9 wp-has-aspect-ratio">'
                  f'<div class="wp-block-embed__wrapper">\n{url}\n'
                  f"</div></figure>\n<!-- /wp:embed -->")
        if rng.random() < 0.15:
            after("<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n"
                  "<!-- /wp:separator -->")
        if rng.random() < 0.1:
            after("<!-- wp:spacer /-->" if rng.random() < 0.6 else
                  '<!-- wp:spacer {"height":"32px"} -->\n<div style="height:32px" aria-hidden="true" '
                  'class="wp-block-spacer"></div>\n<!-- /wp:spacer -->')
        if rng.random() < 0.02:
            after(f'<!-- wp:audio -->\n<figure class="wp-block-audio"><audio controls '
                  f'src="{self._upload(rng, when, "mp3")}"></audio></figure>\n<!-- /wp:audio -->')
        if rng.random() < 0.03:
            ids = ",".join(str(pid + k) for k in range(1, rng.randint(3, 8)))
            after(f'<!-- wp:shortcode -->\n[gallery ids="{ids}"]\n<!-- /wp:shortcode -->')
        if rng.random() < 0.03 and count > 2:
            after("<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->", rng.randrange(1, count - 1))
        if rng.random() < 0.2:
            items = [self.paragraph(rng, rng.randint(2, 12)) for _ in range(rng.randint(3, 6))]
            ordered = rng.random() < 0.3
            tag, attrs = ("ol", ' {"ordered":true}') if ordered else ("ul", "")
            if rng.random() < 0.6:  # WordPress 6.1+: one list-item block per item
                inner = "".join(f"<!-- wp:list-item -->\n<li>{item}</li>\n<!-- /wp:list-item -->"
                                for item in items)
                html_list = f'<{tag} class="wp-block-list">{inner}</{tag}>'
            else:
                html_list = f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"
            after(f"<!-- wp:list{attrs} -->\n{html_list}\n<!-- /wp:list -->")
        quote_at = rng.randrange(1, count) if rng.random() < 0.2 else -1
        heading_rate = 0.25 if rng.random() < 0.35 else 0.0
        out: list[str] = []
        for index, size in enumerate(sizes):
            if index and rng.random() < heading_rate:
                if rng.random() < 0.2:
                    out.append(f'<!-- wp:heading {{"level":3}} -->\n<h3 class="wp-block-heading">'
                               f"{self.heading(rng)}</h3>\n<!-- /wp:heading -->")
                else:
                    out.append(f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{self.heading(rng)}</h2>\n'
                               "<!-- /wp:heading -->")
            text = self.paragraph(rng, size, edit_rng if index == 0 else None)
            if index == quote_at:
                cite = f"<cite>{rng.choice(self.vocab.authors)}</cite>" if rng.random() < 0.5 else ""
                out.append('<!-- wp:quote -->\n<blockquote class="wp-block-quote">'
                           f"{para(text)}{cite}</blockquote>\n<!-- /wp:quote -->")
            else:
                out.append(para(text))
            out.extend(extras.get(index, ()))
        return "\n\n".join(out)

    # -- items ----------------------------------------------------------------------------------
    def _comments(self, rng: random.Random, when: dt.datetime, first_id: int) -> str:
        out = []
        for n in range(rng.randint(1, 6)):
            at = min(LATEST, when + dt.timedelta(hours=rng.randint(1, 2000)))
            pingback = rng.random() < 0.1
            author = rng.choice(synth.FIRST_NAMES) + " " + rng.choice(synth.LAST_NAMES).replace("_", " ")
            text = " ".join(self.sentences(rng, rng.randint(5, 60)))
            if pingback:
                author, text = f"{SITE}/?p={rng.randint(100, 9999)}", f"[&#8230;] {text} [&#8230;]"
            approved = rng.choices(("1", "0", "spam"), (90, 6, 4))[0]
            email = "" if pingback else "reader@example.net"
            address = f"192.0.2.{rng.randint(1, 254)}"
            reply_to = first_id + n - 1 if n and rng.random() < 0.3 else 0
            out.append(
                "\t\t<wp:comment>\n"
                f"\t\t\t<wp:comment_id>{first_id + n}</wp:comment_id>\n"
                f"\t\t\t<wp:comment_author>{cdata(author)}</wp:comment_author>\n"
                f"\t\t\t<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>\n"
                f"\t\t\t<wp:comment_author_url>{escape(author if pingback else '')}</wp:comment_author_url>\n"
                f"\t\t\t<wp:comment_author_IP>{cdata(address)}</wp:comment_author_IP>\n"
                f"\t\t\t<wp:comment_date>{cdata(_fmt(at))}</wp:comment_date>\n"
                f"\t\t\t<wp:comment_date_gmt>{cdata(_fmt(at - UTC_OFFSET))}</wp:comment_date_gmt>\n"
                f"\t\t\t<wp:comment_content>{cdata(text)}</wp:comment_content>\n"
                f"\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>\n"
                f"\t\t\t<wp:comment_type>{cdata('pingback' if pingback else 'comment')}</wp:comment_type>\n"
                f"\t\t\t<wp:comment_parent>{reply_to}</wp:comment_parent>\n"
                "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n"
                "\t\t</wp:comment>\n"
            )
        return "".join(out)

    def item(self, index: int) -> tuple[ItemInfo, str]:
        """``(info, <item> XML)`` of item ``index``: a pure function of the config and index."""
        config = self.config
        rng = random.Random(f"wxr-{config.seed}-{index}")
        kind = item_kind(config.seed, index, config.base_posts)
        added = config.base_posts is not None and index >= config.base_posts
        edit_rng = random.Random(f"wxr-edit-{config.seed}-{config.change_seed}-{index}") \
            if index in config.edited else None
        pid = post_id(index)
        post_type, status = KIND_TYPE_STATUS[kind]
        if added:
            when = ADDED_FROM + dt.timedelta(hours=index - config.base_posts)  # type: ignore[operator]
        elif kind == "future":
            when = dt.datetime(rng.randint(2031, 2033), rng.randint(1, 12), rng.randint(1, 28),
                               rng.randint(0, 23), rng.randrange(60), rng.randrange(60))
        else:
            when = dt.datetime(rng.randint(2006, 2024), rng.randint(1, 12), rng.randint(1, 28),
                               rng.randint(0, 23), rng.randrange(60), rng.randrange(60))
        modified = when if kind == "future" else min(LATEST, when + dt.timedelta(days=rng.randint(0, 400)))
        modified_text = EDITED_AT if edit_rng is not None else _fmt(modified)
        login = self.authors[rng.choices(range(SITE_AUTHORS), cum_weights=self.site_author_cum)[0]][0]

        content = excerpt = ""
        terms: list[tuple[str, str, str]] = []   # (domain, nicename, stored name)
        meta: list[tuple[str, str]] = [("_edit_last", "1")]
        extra = ""
        if kind == "attachment":
            if rng.random() < 0.5:
                title = "-".join(self.draw(rng, rng.randint(1, 3)))
            else:
                title = f"IMG_{rng.randint(1000, 9999)}"
            url = self._upload(rng, when, "jpg")
            excerpt = " ".join(self.sentences(rng, rng.randint(4, 12))) if rng.random() < 0.4 else ""
            relative = url.removeprefix(UPLOADS + "/")
            width, height = rng.choice(((1920, 1280), (1200, 800), (800, 600)))
            meta = [("_wp_attached_file", relative),
                    ("_wp_attachment_metadata",
                     f'a:4:{{s:5:"width";i:{width};s:6:"height";i:{height};s:4:"file";'
                     f's:{len(relative)}:"{relative}";s:5:"sizes";a:0:{{}}}}'),
                    ("_wp_attachment_image_alt", " ".join(self.draw(rng, rng.randint(0, 4))))]
            extra = f"\t\t<wp:attachment_url>{cdata(url)}</wp:attachment_url>\n"
            parent = pid - 3 * rng.randint(1, 3) if index > 3 else 0
        elif kind == "nav_menu_item":
            title = rng.choice(("", "", "Home", "About", "Archive"))
            parent = 0
            terms.append(("nav_menu", "main-menu", "Main Menu"))
            target = f"{SITE}/{rng.choice(('', 'about/', 'archive/'))}"
            meta = [("_menu_item_type", "custom"), ("_menu_item_menu_item_parent", "0"),
                    ("_menu_item_object", "custom"), ("_menu_item_url", target)]
        else:
            title = self.title(rng)
            parent = 0
            if kind != "page":
                cats = rng.choices(range(len(synth.CATEGORIES)), cum_weights=self.site_cat_cum,
                                   k=rng.randint(1, 2))
                if rng.random() < 0.03:
                    cats.append(len(synth.CATEGORIES) + 0)   # Économie
                if rng.random() < 0.03:
                    cats.append(len(synth.CATEGORIES) + 1)   # 社会主义
                if rng.random() < 0.02:
                    cats.append(len(synth.CATEGORIES) + 2)   # Arts &amp; Culture
                if rng.random() < 0.01:
                    cats = [len(synth.CATEGORIES) + 3]        # Uncategorized
                for cat in dict.fromkeys(cats):
                    name, nicename, _ = self.categories[cat]
                    terms.append(("category", nicename, name))
                tags = rng.choices(self.vocab.tags, cum_weights=self.tag_cum, k=rng.randint(0, 5))
                tags = list(dict.fromkeys(tags))
                if rng.random() < 0.05:
                    tags.append(rng.choice(NON_ASCII_TAGS))
                terms += [("post_tag", wp_slug(tag), tag) for tag in tags]
                if rng.random() < 0.2:
                    meta.append(("_thumbnail_id", str(pid + 1)))
            if rng.random() < 0.3:
                excerpt = " ".join(self.sentences(rng, rng.randint(12, 40)))
            render = self.classic if rng.random() < 0.6 else self.blocks
            content = render(rng, pid, when, edit_rng)
            if kind == "page" and rng.random() < 0.1:
                content += '\n\n[contact-form-7 id="42" title="Contact form 1"]'

        # slugs, links, dates as WordPress leaves them for each status
        unpublished = kind in ("draft", "pending")
        slug = "" if unpublished and rng.random() < 0.7 else (wp_slug(title) or str(pid))
        if kind == "attachment":
            slug = wp_slug(title) or str(pid)
        elif kind == "nav_menu_item":
            slug = str(pid)
        post_name = f"{slug}__trashed" if kind == "trash" else slug
        link_slug = kind in ("post", "protected", "private", "future", "trash", "page")
        date_gmt = NO_DATE if unpublished else _fmt(when - UTC_OFFSET)
        password = f"secret-{pid}" if kind == "protected" else ""
        sticky = "1" if kind == "post" and rng.random() < 0.002 else "0"
        comments = ""
        if kind in ("post", "page", "protected") and rng.random() < 0.12:
            comments = self._comments(rng, when, pid * 10)

        info = ItemInfo(index, pid, kind, post_name, clean_title(title), link_slug)
        title_xml = cdata(title) if rng.random() < 0.7 else escape(clean_title(title))
        pub_date = (when - UTC_OFFSET).strftime("%a, %d %b %Y %H:%M:%S +0000")
        guid = f"{SITE}/?{'attachment_id' if kind == 'attachment' else 'p'}={pid}"
        open_or_closed = cdata("open" if kind in ("post", "protected") else "closed")
        parts = [
            "\t<item>\n",
            f"\t\t<title>{title_xml}</title>\n",
            f"\t\t<link>{_link(info, when)}</link>\n",
            f"\t\t<pubDate>{pub_date}</pubDate>\n",
            f"\t\t<dc:creator>{cdata(login)}</dc:creator>\n",
            f'\t\t<guid isPermaLink="false">{guid}</guid>\n',
            "\t\t<description></description>\n",
            f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n",
            f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n",
            f"\t\t<wp:post_id>{pid}</wp:post_id>\n",
            f"\t\t<wp:post_date>{cdata(_fmt(when))}</wp:post_date>\n",
            f"\t\t<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>\n",
            f"\t\t<wp:post_modified>{cdata(modified_text)}</wp:post_modified>\n",
            f"\t\t<wp:post_modified_gmt>{cdata(_fmt_minus(modified_text))}</wp:post_modified_gmt>\n",
            f"\t\t<wp:comment_status>{open_or_closed}</wp:comment_status>\n",
            f"\t\t<wp:ping_status>{open_or_closed}</wp:ping_status>\n",
            f"\t\t<wp:post_name>{cdata(post_name)}</wp:post_name>\n",
            f"\t\t<wp:status>{cdata(status)}</wp:status>\n",
            f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n",
            f"\t\t<wp:menu_order>{rng.randint(1, 9) if kind == 'nav_menu_item' else 0}</wp:menu_order>\n",
            f"\t\t<wp:post_type>{cdata(post_type)}</wp:post_type>\n",
            f"\t\t<wp:post_password>{cdata(password)}</wp:post_password>\n",
            f"\t\t<wp:is_sticky>{sticky}</wp:is_sticky>\n",
            extra,
        ]
        parts += [f"\t\t<category domain={quoteattr(domain)} nicename={quoteattr(nicename)}>"
                  f"{cdata(name)}</category>\n" for domain, nicename, name in terms]
        if kind == "trash":
            meta += [("_wp_trash_meta_status", "publish"), ("_wp_desired_post_slug", slug)]
        if kind == "post" and rng.random() < 0.05:
            meta.append(("_wp_old_slug", wp_slug(" ".join(self.draw(rng, 3)))))
        parts += [f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
                  f"\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n"
                  for key, value in meta]
        parts.append(comments)
        parts.append("\t</item>\n")
        return info, "".join(parts)


def _fmt(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S")


def _fmt_minus(local: str) -> str:
    return _fmt(dt.datetime.strptime(local, "%Y-%m-%d %H:%M:%S") - UTC_OFFSET)


def _link(info: ItemInfo, when: dt.datetime) -> str:
    if info.kind == "page":
        return f"{SITE}/{info.post_name}/"
    if info.kind == "attachment":
        return f"{SITE}/?attachment_id={info.post_id}"
    if not info.link_slug or not info.post_name:
        return f"{SITE}/?p={info.post_id}"
    return f"{SITE}/{when.year:04d}/{when.month:02d}/{when.day:02d}/{info.post_name}/"


# -- the channel ---------------------------------------------------------------------------------
def header(config: Config, namespace: str = "http") -> str:
    """Everything before the first item: namespaces, site, authors, terms."""
    vocab = synth.Vocabulary.build(config.seed)
    wp = NAMESPACES[namespace]
    out = [
        '<?xml version="1.0" encoding="UTF-8" ?>\n',
        "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n",
        "<!-- It contains information about your site's posts, pages, comments, categories, "
        "and other content. -->\n",
        "<!-- generator=\"WordPress/6.4.3\" created=\"2025-03-01 12:00\" -->\n",
        '<rss version="2.0"\n',
        f'\txmlns:excerpt="{wp}excerpt/"\n',
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n',
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n',
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n',
        f'\txmlns:wp="{wp}"\n',
        ">\n\n<channel>\n",
        "\t<title>The Synthetic Review</title>\n",
        f"\t<link>{SITE}</link>\n",
        "\t<description>Essays, history &amp; theory</description>\n",
        "\t<pubDate>Sat, 01 Mar 2025 12:00:00 +0000</pubDate>\n",
        "\t<language>en-GB</language>\n",
        "\t<wp:wxr_version>1.2</wp:wxr_version>\n",
        f"\t<wp:base_site_url>{SITE}</wp:base_site_url>\n",
        f"\t<wp:base_blog_url>{SITE}</wp:base_blog_url>\n\n",
    ]
    for number, (login, name) in enumerate(_authors(vocab), start=1):
        first, _, last = name.partition(" ")
        out.append(
            f"\t<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
            f"<wp:author_email>{cdata(login + '@example.org')}</wp:author_email>"
            f"<wp:author_display_name>{cdata(name)}</wp:author_display_name>"
            f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
            f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n"
        )
    out.append("\n")
    term_id = 1
    for name, nicename, parent in sorted(_categories(), key=lambda c: c[2] != ""):  # parents first
        out.append(
            f"\t<wp:category>\n\t\t<wp:term_id>{term_id}</wp:term_id>\n"
            f"\t\t<wp:category_nicename>{cdata(nicename)}</wp:category_nicename>\n"
            f"\t\t<wp:category_parent>{cdata(parent)}</wp:category_parent>\n"
            f"\t\t<wp:cat_name>{cdata(name)}</wp:cat_name>\n\t</wp:category>\n"
        )
        term_id += 1
    for tag in (*vocab.tags, *NON_ASCII_TAGS):
        out.append(
            f"\t<wp:tag>\n\t\t<wp:term_id>{term_id}</wp:term_id>\n"
            f"\t\t<wp:tag_slug>{cdata(wp_slug(tag))}</wp:tag_slug>\n"
            f"\t\t<wp:tag_name>{cdata(tag)}</wp:tag_name>\n\t</wp:tag>\n"
        )
        term_id += 1
    out.append(
        f"\t<wp:term>\n\t\t<wp:term_id>{term_id}</wp:term_id>\n\t\t<wp:term_taxonomy>{cdata('nav_menu')}"
        f"</wp:term_taxonomy>\n\t\t<wp:term_slug>{cdata('main-menu')}</wp:term_slug>\n"
        f"\t\t<wp:term_name>{cdata('Main Menu')}</wp:term_name>\n\t</wp:term>\n\n"
        "\t<generator>https://wordpress.org/?v=6.4.3</generator>\n\n"
    )
    return "".join(out)


FOOTER = "</channel>\n</rss>\n"


# -- rendering in order, in parallel ---------------------------------------------------------------
_WORKER: _WxrWriter | None = None


def _init(config: Config) -> None:
    global _WORKER
    _WORKER = _WxrWriter(config)


def _render(indices: list[int]) -> list[tuple[ItemInfo, str]]:
    assert _WORKER is not None
    return [_WORKER.item(index) for index in indices]


def _chunks(indices: Iterable[int], size: int = 100) -> Iterator[list[int]]:
    iterator = iter(indices)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def render_items(config: Config, indices: Iterable[int], workers: int = 1) -> Iterator[tuple[ItemInfo, str]]:
    """Items in index order; a bounded number of chunks is rendered ahead (the stream may be endless)."""
    chunks = _chunks(indices)
    if workers <= 1:
        _init(config)
        for chunk in chunks:
            yield from _render(chunk)
        return
    with Pool(workers, initializer=_init, initargs=(config,)) as pool:
        ahead = itertools.islice(chunks, workers * 3)
        pending = deque(pool.apply_async(_render, (chunk,)) for chunk in ahead)
        while pending:
            done = pending.popleft().get()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.apply_async(_render, (following,)))
            yield from done


# -- the whole export --------------------------------------------------------------------------------
def plan_changes(seed: int, posts: int, edit_fraction: float, add: int, remove: int,
                 change_seed: int = 1) -> tuple[list[int], list[int], list[int]]:
    """(edited, added, removed) item indices; edits and removals are among the published posts."""
    published = [i for i in range(posts) if item_kind(seed, i) == "post"]
    rng = random.Random(f"wxr-changes-{seed}-{change_seed}")
    edited = sorted(rng.sample(published, round(edit_fraction * len(published))))
    rest = sorted(set(published) - set(edited))
    if remove > len(rest):
        raise ChangeError(f"cannot remove {remove} posts: only {len(rest)} published posts are left")
    removed = sorted(rng.sample(rest, remove))
    return edited, list(range(posts, posts + add)), removed


def generate(out: Path, posts: int | None = None, seed: int = 1, *, size_mb: float | None = None,
             namespace: str = "http", edit_fraction: float = 0.0, add: int = 0, remove: int = 0,
             change_seed: int = 1, workers: int = 1, manifest: Path | None = None) -> dict:
    """Write the export to ``out`` and its manifest (default ``OUT.json``); returns the manifest.

    ``size_mb`` writes items until the file reaches that size (``posts`` is then ignored).
    """
    changed = bool(edit_fraction or add or remove)
    if size_mb is None and posts is None:
        raise ChangeError("give posts or size_mb")
    if size_mb is not None and changed:
        raise ChangeError("a changed copy needs --posts (the base's item count, see its manifest), "
                          "not --size-mb")
    if changed:
        assert posts is not None
        edited, added, removed = plan_changes(seed, posts, edit_fraction, add, remove, change_seed)
        config = Config(seed, posts, frozenset(edited), change_seed)
        indices: Iterable[int] = range(posts + add)
    else:
        edited, added, removed = [], [], []
        config = Config(seed)
        indices = itertools.count() if size_mb is not None else range(posts or 0)
    target = None if size_mb is None else int(size_mb * 2**20)
    dropped = set(removed)
    watch = {*edited, *added, *removed}
    seen_slugs: set[str] = set()
    counts: Counter[str] = Counter()
    noted: dict[int, ItemInfo] = {}
    written = 0
    digest = hashlib.sha256()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as handle:
        def put(text: str) -> None:
            nonlocal written
            data = text.encode("utf-8")
            handle.write(data)
            digest.update(data)
            written += len(data)

        put(header(config, namespace))
        footer_size = len(FOOTER)
        for info, xml in render_items(config, indices, workers):
            if info.post_name and not info.post_name.endswith("__trashed"):  # unique, as WordPress keeps them
                if info.post_name in seen_slugs:
                    new = next(f"{info.post_name}-{n}" for n in itertools.count(2)
                               if f"{info.post_name}-{n}" not in seen_slugs)
                    xml = xml.replace(f"<wp:post_name>{cdata(info.post_name)}</wp:post_name>",
                                      f"<wp:post_name>{cdata(new)}</wp:post_name>", 1)
                    xml = xml.replace(f"/{info.post_name}/</link>", f"/{new}/</link>", 1)
                    info.post_name = new
                seen_slugs.add(info.post_name)
            if info.index in watch:
                noted[info.index] = info
            if info.index in dropped:
                continue
            put(xml)
            counts[info.kind] += 1
            if target is not None and written + footer_size >= target:
                break
        put(FOOTER)

    def listing(which: list[int]) -> list[dict]:
        return [{"post_id": noted[i].post_id, "post_name": noted[i].post_name, "title": noted[i].title}
                for i in which]

    items = sum(counts.values())
    report = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "posts": items if target is not None else posts,
        "size_mb": size_mb,
        "namespace": namespace,
        "items": items,
        "bytes": written,
        "sha256": digest.hexdigest(),
        "kinds": dict(sorted(counts.items())),
        "articles": {
            "default": counts["post"],
            "include_pages": counts["post"] + counts["page"],
            "include_protected": counts["post"] + counts["protected"],
            "include_both": counts["post"] + counts["page"] + counts["protected"],
        },
        "change": {"edit_fraction": edit_fraction, "add": add, "remove": remove, "change_seed": change_seed}
        if changed else None,
        "edited": listing(edited),
        "added": listing(added),
        "removed": listing(removed),
    }
    manifest = manifest or manifest_path(out)
    manifest.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return report


def manifest_path(out: Path) -> Path:
    return out.with_name(out.name + ".json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, help="number of <item>s (about 88 %% are published posts)")
    parser.add_argument("--size-mb", type=float,
                        help="instead of --posts: write items until the file has M MiB")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--namespace", choices=tuple(NAMESPACES), default="http",
                        help="scheme of the wp: namespace URI (both occur in real exports)")
    parser.add_argument("--edit-fraction", type=float, default=0.0,
                        help="changed copy: change one sentence in this fraction of the published posts")
    parser.add_argument("--add", type=int, default=0, help="changed copy: add K published posts")
    parser.add_argument("--remove", type=int, default=0, help="changed copy: remove R published posts")
    parser.add_argument("--change-seed", type=int, default=1, help="changed copy: which posts change")
    parser.add_argument("--manifest", type=Path, help="JSON sidecar (default: OUT.json)")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="processes (the output is the same for any number)")
    args = parser.parse_args(argv)
    if (args.posts is None) == (args.size_mb is None):
        parser.error("give exactly one of --posts and --size-mb")
    started = time.perf_counter()
    try:
        report = generate(args.out, args.posts, args.seed, size_mb=args.size_mb, namespace=args.namespace,
                          edit_fraction=args.edit_fraction, add=args.add, remove=args.remove,
                          change_seed=args.change_seed, workers=args.workers, manifest=args.manifest)
    except ChangeError as exc:
        parser.error(str(exc))
    elapsed = time.perf_counter() - started
    print(f"wrote {report['items']} items ({report['articles']['default']} published posts, "
          f"{report['bytes'] / 2**20:.1f} MiB) to {args.out} in {elapsed:.1f} s", file=sys.stderr)
    if report["change"]:
        for what in ("edited", "added", "removed"):
            print(f"{what}: {[entry['post_id'] for entry in report[what]]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
