"""One article with its highlights and notes inline: a single HTML file that opens anywhere.

A pure function of the article and its anchored notes.  The article's
sanitized body is re-emitted tag for tag while counting characters exactly as
the canonical text does (:mod:`reader.core.annotations.text`: white space and
block breaks collapse to one space), so a note's ``start..end`` lands on the
same words the window highlights.  Highlights are ``<mark>`` in the note's
colour with a numbered footnote; notes on the whole article come first in a
framed block, bookmarks are small flags at their place (and listed), and notes
whose words are gone are listed too.  Styles are inline and images that would need
the network are replaced by their description, so the file opens offline.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from reader.core import render
from reader.core.annotations import Annotation
from reader.core.archive import Article
from reader.core.i18n import _, ngettext

#: Highlight colours, readable on white and in print.
SWATCHES = {"yellow": "#fff3a3", "green": "#c8f0c0", "blue": "#cfe3ff", "pink": "#ffd0e0",
            "purple": "#e4d4ff"}

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; line-height: 1.6;
       max-width: 42em; margin: 2em auto;
       padding: 0 1em; color: #1d1d1d; background: #fff; }
header h1 { font-size: 20pt; line-height: 1.2; margin-bottom: .2em; }
.meta, .byline, .source { color: #555; font-size: 10pt; }
mark { padding: 0 .05em; color: inherit; }
sup.ref a { text-decoration: none; font-weight: bold; font-size: 8pt; color: #444; }
section.notes { border-top: 1px solid #aaa; margin-top: 2.5em; font-size: 11pt; }
section.notes li { margin-bottom: .8em; }
table.page-notes { background-color: #f6f6f2; border: 1px solid #ccc; border-collapse: collapse;
                   margin: 1em 0; width: 100%; }
table.page-notes h2 { font-size: 12pt; margin: .2em 0 .4em; }
table.page-notes td.swatch { width: 5px; padding: 0; }
table.page-notes p { margin: .2em 0; }
.bookmark { font-family: sans-serif; font-size: 8.5pt; font-style: normal; font-weight: bold; color: #333;
            background: #eee; border-left: 3px solid #888; border-radius: 2px; padding: 0 .35em;
            margin-right: .2em; white-space: nowrap; }
blockquote.quote { margin: 0 0 .2em; padding-left: .6em; border-left: 3px solid #ccc; font-style: italic; }
.img { color: #777; font-style: italic; }
@media print { body { max-width: none; margin: 0; } a { color: inherit; } }
""" + "".join(f"mark.{name} {{ background-color: {colour}; text-decoration-color: {colour}; }}\n"
              for name, colour in SWATCHES.items()) + (
    # after the colours, and the shorthand Qt's PDF layout reads (no !important there: the later rule wins)
    "".join(f"mark.{name}.underline {{ background-color: transparent; text-decoration: underline; "
            f"text-decoration-color: {colour}; text-decoration-thickness: 2px; }}\n"
            for name, colour in SWATCHES.items()))


@dataclass(frozen=True)
class Placed:
    """A note and where its words are now (None: not found, listed apart)."""

    note: Annotation
    start: int | None
    end: int | None


def annotated_html(article: Article, placed: Sequence[Placed], *, archive_title: str = "",
                   exported: str = "", language: str = "en") -> bytes:
    """The whole page: metadata, page notes, the body with marks, then the numbered notes."""
    page = [p.note for p in placed if p.note.selector.is_page]
    marks = sorted((p for p in placed if p.note.is_bookmark and p.start is not None),
                   key=lambda p: (p.start, p.note.created))
    inline = sorted((p for p in placed if not p.note.selector.is_page and not p.note.is_bookmark
                     and p.start is not None), key=lambda p: (p.start, p.end, p.note.created))
    lost = [p.note for p in placed if not p.note.selector.is_page and p.start is None]
    numbers = {p.note.id: n for n, p in enumerate(inline, 1)}
    flags = [(p.start or 0, _flag(p.note, n)) for n, p in enumerate(marks, 1)]
    body = _Marker(inline, numbers, flags).run(render.body_html(article))
    meta = article.meta
    parts = ["<!DOCTYPE html>", f'<html lang="{html.escape(language)}"><head>',
             '<meta charset="utf-8">',
             '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
             "style-src 'unsafe-inline'; img-src data:\">",
             f"<title>{html.escape(meta.title)}</title>", f"<style>{STYLE}</style></head><body>",
             render.header_html(meta)]
    notes = len(placed) - len(marks)
    facts = [_("From {title}").format(title=html.escape(archive_title)) if archive_title else "",
             _("exported {date}").format(date=html.escape(exported)) if exported else "",
             ngettext("{count} note", "{count} notes", notes).format(count=notes),
             ngettext("{count} bookmark", "{count} bookmarks", len(marks)).format(count=len(marks))
             if marks else ""]
    parts.append(f'<p class="meta">{" · ".join(f for f in facts if f)}</p>')
    if page:
        # A table, not a styled <section>: Qt lays the PDF out and frames only tables and cells.
        heading = html.escape(_("Notes on the whole article"))
        parts.append('<table class="page-notes" border="1" cellspacing="0" cellpadding="8" width="100%">'
                     f"<tr><td><h2>{heading}</h2>")
        parts.extend('<table class="page-note" cellspacing="0" cellpadding="4" width="100%"><tr>'
                     f'<td class="swatch" width="5" style="background-color: {SWATCHES[note.color]}"></td>'
                     f"<td>{_entry(note)}</td></tr></table>" for note in page)
        parts.append("</td></tr></table>")
    parts.append(f"<main>{body}</main>")
    if inline:
        heading = html.escape(_("Notes"))
        parts.append(f'<section class="notes"><h2>{heading}</h2><ol>')
        parts.extend(f'<li id="note-{numbers[p.note.id]}">{_entry(p.note, quote=True)}</li>' for p in inline)
        parts.append("</ol></section>")
    if marks:
        heading = html.escape(_("Bookmarks"))
        parts.append(f'<section class="notes"><h2>{heading}</h2><ul>')
        parts.extend(f'<li><a href="#bookmark-{n}">{html.escape(p.note.note)}</a>: '
                     f"<i>{html.escape(p.note.quote)}</i></li>" for n, p in enumerate(marks, 1))
        parts.append("</ul></section>")
    if lost:
        heading = html.escape(_("Notes whose words are no longer in the article"))
        parts.append(f'<section class="notes"><h2>{heading}</h2><ul>')
        parts.extend(f"<li>{_entry(note, quote=True)}</li>" for note in lost)
        parts.append("</ul></section>")
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")


def _flag(note: Annotation, n: int) -> str:
    """A bookmark in the text: a small labelled flag, in its colour, that the list links to."""
    label = html.escape(_("Bookmark"))
    return (f'<span class="bookmark" id="bookmark-{n}" style="border-left-color: {SWATCHES[note.color]}" '
            f'title="{label}">&#9873; {html.escape(note.note)}</span> ')


def _trailing_space(quote: str) -> int:
    return len(quote) - len(quote.rstrip()) if quote.strip() else 0


def _entry(note: Annotation, *, quote: bool = False) -> str:
    facts = [note.creator, note.modified, " ".join(f"#{t}" for t in note.tags)]
    out = f'<blockquote class="quote">{html.escape(note.quote)}</blockquote>' if quote and note.quote else ""
    if note.note:
        out += _Marker([], {}).run(render.markdown_to_html(note.note))  # its images too: offline
    return out + f'<div class="meta">{html.escape(" · ".join(f for f in facts if f))}</div>'


class _Marker(HTMLParser):
    """Re-emits sanitized HTML with ``<mark>`` around the canonical spans of the notes."""

    def __init__(self, inline: Sequence[Placed], numbers: dict[str, int],
                 flags: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(convert_charrefs=True)
        self.flags = list(flags)  # (canonical offset, HTML): put before the character there
        self.out: list[str] = []
        self.count = 0  # characters of canonical text so far
        self.pending = False  # white space (or a block break) seen since the last character
        # a quote ending in white space ends at its last character: the space after a block is
        # only counted when the next block's text comes, too late for the reference
        self.spans = [(p.start or 0, (p.end or 0) - _trailing_space(p.note.quote), p.note, numbers[p.note.id])
                      for p in inline]
        self.closed: set[str] = set()

    def run(self, fragment: str) -> str:
        self.feed(fragment)
        self.close()
        return "".join(self.out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in render._BLOCK_TAGS or tag == "br":
            self.pending = self.count > 0
        if tag == "img":
            self.out.append(self._image(dict(attrs)))
        else:
            self.out.append(self.get_starttag_text() or f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in render._BLOCK_TAGS:
            self.pending = self.count > 0
        self.out.append(f"</{tag}>")

    @staticmethod
    def _image(attrs: dict[str, str | None]) -> str:
        src = attrs.get("src") or ""
        if src.startswith("data:"):
            return f'<img src="{html.escape(src)}" alt="{html.escape(attrs.get("alt") or "")}">'
        return f'<span class="img">[image: {html.escape(attrs.get("alt") or "no description")}]</span>'

    def handle_data(self, data: str) -> None:
        run: list[str] = []
        current: tuple[int, ...] | None = None
        for char in data:
            if char.isspace():  # would be the canonical space at ``count``, if text follows
                self.pending = self.count > 0
            elif self.pending:
                self.count += 1
                self.pending = False
            at = self.count
            due = [] if char.isspace() else self._due(at)
            if due:  # bookmarks placed here, references of spans that ended in the white space passed
                if current is not None:
                    self._flush(run, current)
                    run, current = [], None
                self.out.extend(due)
            active = tuple(i for i, (start, end, _, _) in enumerate(self.spans) if start <= at < end)
            if active != current:
                if current is not None:
                    self._flush(run, current)
                run, current = [], active
            run.append(char)
            if not char.isspace():
                self.count += 1
        if current is not None:
            self._flush(run, current)

    def _due(self, at: int) -> list[str]:
        """What goes before the character at ``at``: missed references, then the bookmarks placed there."""
        due = []
        for start, end, note, n in self.spans:
            if end <= at and start < end and note.id not in self.closed:
                self.closed.add(note.id)
                due.append(f'<sup class="ref"><a href="#note-{n}">{n}</a></sup>')
        while self.flags and self.flags[0][0] <= at:
            due.append(self.flags.pop(0)[1])
        return due

    def _flush(self, run: list[str], active: tuple[int, ...]) -> None:
        text = html.escape("".join(run), quote=False)
        if not active:
            self.out.append(text)
            return
        _, _, note, number = self.spans[active[-1]]
        style = " underline" if note.style == "underline" else ""
        self.out.append(f'<mark class="{note.color}{style}" title="note {number}">{text}</mark>')
        for i in active:  # the reference goes after the last character of the note's words
            _, end, done, n = self.spans[i]
            if self.count >= end and done.id not in self.closed:
                self.closed.add(done.id)
                self.out.append(f'<sup class="ref"><a href="#note-{n}">{n}</a></sup>')
