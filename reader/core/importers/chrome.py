"""Site chrome removal: a short table of rules, each matching a WHOLE paragraph.

Scraped pages carry the site's furniture (share buttons, comment forms,
pop-ups) as paragraphs of their own.  Matching whole paragraphs, never
fragments, is what keeps an article sentence that merely *mentions* sharing or
comments safe.  Before matching, a paragraph is reduced to plain text (see
:func:`plain`): whitespace collapsed, curly quotes straightened, Markdown
markup removed, so one rule serves the text and the HTML importers alike.

Kinds:

- ``drop``: remove the paragraph.
- ``tail``: the paragraph opens the comment/footer region: remove it and
  everything after.  Only once article text has been kept, so a stray
  "3 Comments" above the article cannot swallow it (it is dropped instead).
- ``popup``: remove it and a short heading-like paragraph just before it
  ("Looking for the communists?" before "We've moved to a new website!...").

=================  =====  ==========================================================
rule               kind   what it removes
=================  =====  ==========================================================
skip-link          drop   "Skip to content" accessibility links
share-prompt       drop   "Share this article!", "Share this:", "Share on Facebook"
share-buttons      drop   a paragraph made only of network names ("Facebook Tweet")
like-this          drop   Jetpack "Like this:", "Loading...", "Be the first to like"
comments           tail   "Leave a Reply/Comment", "N comments", "N thoughts on ..."
avatar             drop   "Avatar placeholder" images left as alt text
email-notice       drop   "Your email address will not be published..."
required-fields    drop   "Required fields are marked *"
akismet            drop   "This site uses Akismet to reduce spam..."
moved-popup        popup  "We've moved to a new website!..." announcements
countdown          drop   "This will close in N seconds"
cookies            drop   cookie consent notices and buttons
related            tail   "Related posts", "You may also like" link lists
posted-in          drop   "Posted in News | Tagged ..." category/date lines
newsletter         drop   "Subscribe to our newsletter" prompts
=================  =====  ==========================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["drop", "tail", "popup"]

_NETWORKS = (
    r"facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest|tumblr|pocket"
    r"|mastodon|bluesky|threads|e-?mail|print"
)
# Bare button labels; "x" is left out here because a lone "X" may be content.
_BUTTONS = (
    r"facebook|twitter|tweet|linkedin|whatsapp|reddit|telegram|pinterest|pin it"
    r"|tumblr|pocket|mastodon|bluesky|e-?mail|print|share|more"
)


@dataclass(frozen=True)
class Rule:
    """One kind of chrome paragraph; ``pattern`` must match the whole plain text."""

    name: str
    pattern: re.Pattern[str]
    kind: Kind


def _rule(name: str, pattern: str, kind: Kind = "drop") -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), kind)


RULES: tuple[Rule, ...] = (
    _rule("skip-link", r"(skip|jump) to (the )?(main )?(content|navigation|menu)"),
    _rule(
        "share-prompt",
        rf"(click to )?share( this( article| post| page| story)?)?( on ({_NETWORKS}))?"
        r"( \(opens in new window\))?\s*[!:.]?",
    ),
    _rule("share-buttons", rf"(({_BUTTONS})( \(opens in new window\))?[\s,|•·/]*)+"),
    _rule("like-this", r"like this:?|(like )?loading(\.\.\.|…)|be the first to like this\.?"),
    _rule(
        "comments",
        r"(leave|post|add|write) a (reply|comment|response)(( to [^.!?]{1,80})? cancel reply|\s*[!:.]?)"
        r"|cancel reply|comments?( \(\d+\))?:?|(no|one|\d+) (comments?|responses?|replies)"
        r'|(one|\d+) (thoughts?|responses?|replies|comments?) (on|to) ".{1,200}"',
        "tail",
    ),
    _rule("avatar", r"(user )?avatar( placeholder| image)?"),
    _rule(
        "email-notice",
        r"your email address will not be published\.?( required fields are marked( \*)?\.?)?",
    ),
    _rule("required-fields", r"required fields are marked( \*)?\.?"),
    _rule("akismet", r"this site uses akismet to reduce spam\..{0,200}"),
    _rule(
        "moved-popup",
        r"we('ve| have) (moved|relocated)( (to|over))* (a|our) new (website|site|home|address)\b.{0,400}",
        "popup",
    ),
    _rule(
        "countdown",
        r"(this (pop-?up |window |message )?will )?close[sd]? in \d+ seconds?\.?",
    ),
    _rule(
        "cookies",
        r"(this (web)?site|we|our (web)?site) uses? cookies\b"
        r"(?=.{0,300}\b(experience|consent|accept|agree|policy|privacy|browsing|analytics)).{0,300}"
        r"|(accept|reject|allow|decline)( all)? cookies|cookie (settings|policy|preferences)",
    ),
    _rule(
        "related",
        r"related( posts| articles| stories| reading)?:?|you (may|might) also like:?",
        "tail",
    ),
    _rule("posted-in", r"(posted|filed|tagged)( on| in| by| under)?:? [^.!?]{1,150}"),
    _rule(
        "newsletter",
        r"(subscribe|sign up)( now)?( to| for)? (our )?(newsletter|mailing list|updates)[!.:]?",
    ),
)

_APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]*)>")
_BLOCK_MARK = re.compile(r"^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d{1,9}[.)]\s+)", re.MULTILINE)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(?<!\\)(\*{1,3}|_{2,3}|(?<!\w)_|_(?!\w))")
_SPACE = re.compile(r"\s+")


def plain(paragraph: str) -> str:
    """The paragraph as a rule sees it: one line of unformatted text."""
    text = paragraph.translate(_APOSTROPHES)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BLOCK_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    # Unescape after removing emphasis so a literal "\*" survives as "*".
    text = _ESCAPE.sub(r"\1", text)
    return _SPACE.sub(" ", text).strip()


def match(paragraph: str) -> Rule | None:
    """The first rule the whole paragraph matches, if any."""
    text = plain(paragraph)
    if not text:
        return None
    for rule in RULES:
        if rule.pattern.fullmatch(text):
            return rule
    return None


def is_chrome(paragraph: str) -> bool:
    """True when some rule recognises the paragraph as site furniture."""
    return match(paragraph) is not None


def _heading_like(paragraph: str) -> bool:
    """A pop-up's title: short, and not ending like a sentence of the article."""
    if paragraph.lstrip().startswith("#"):
        return True
    text = plain(paragraph)
    return 0 < len(text) <= 80 and len(text.split()) <= 10 and not text.endswith((".", "!", "…"))


def strip_chrome(paragraphs: list[str]) -> list[str]:
    """Drop chrome paragraphs, keeping every other paragraph in order."""
    kept: list[str] = []
    article_seen = previous_kept = False
    for paragraph in paragraphs:
        rule = match(paragraph)
        if rule is None:
            kept.append(paragraph)
        elif rule.kind == "tail" and article_seen:
            break
        elif rule.kind == "popup" and previous_kept and _heading_like(kept[-1]):
            kept.pop()
        article_seen = article_seen or rule is None
        previous_kept = rule is None
    return kept
