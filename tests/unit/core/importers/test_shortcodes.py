"""Shortcodes become HTML or vanish; prose brackets stay."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.importers import shortcodes
from reader.core.importers.shortcodes import Shortcode, parse_attributes


def _nothing(code: Shortcode) -> str | None:
    return None


def _tagged(code: Shortcode) -> str | None:
    return f"<{code.name}:{code.content or ''}>"


@pytest.mark.parametrize(("text", "expected"), [
    ("a [sic] b", "a [sic] b"),  # prose, not a shortcode
    ("see [1] and [citation needed]", "see [1] and [citation needed]"),
    ("[[gallery]] is the escape", "[gallery] is the escape"),
    ("x [box]inside[/box] y", "x inside y"),  # unknown enclosing: content kept
    ("x [button url='/a'] y", "x  y"),  # unknown with attributes: removed
    ("x [contact-field /] y", "x  y"),  # self-closing: removed
    ("x [jetpack_subscription_form] y", "x  y"),  # "_" in the name
    ("x [toc] y", "x  y"),  # known standalone name
    ("[outer][inner_code a=1]text[/outer]", "text"),
])
def test_generic_rules(text: str, expected: str) -> None:
    assert shortcodes.expand(text, _nothing) == expected


def test_handler_sees_name_attributes_and_processed_content() -> None:
    seen: list[Shortcode] = []

    def handler(code: Shortcode) -> str | None:
        seen.append(code)
        return None if code.name == "box" else "X"

    out = shortcodes.expand('[caption id="a" WIDTH=300]pic [box]b[/box][/caption]', handler)
    assert out == "X"
    inner, outer = seen
    assert inner.name == "box" and inner.content == "b"
    assert outer.attrs == {"id": "a", "width": "300"} and outer.content == "pic b"


def test_attribute_forms() -> None:
    attrs, positional = parse_attributes("""a="1" b='2' c=3 "four" five""")
    assert attrs == {"a": "1", "b": "2", "c": "3"} and positional == ("four", "five")
    assert parse_attributes("=https://youtu.be/x") == ({}, ("https://youtu.be/x",))
    assert parse_attributes('title="A &amp; B"') == ({"title": "A & B"}, ())


NAMES = st.sampled_from(["gallery", "caption", "embed", "su_box", "footnote", "my-code", "toc"])
PROSE = st.text(alphabet="abc XYZ.,\n", max_size=20)


@st.composite
def shortcode_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        name = draw(NAMES)
        # "[footnote]" alone could be prose, like "[sic]"; an opening one right before a
        # "[footnote]…[/footnote]" would enclose it, as in WordPress (no nesting of one name)
        forms = ["closed", "self"] if name == "footnote" else ["bare", "attrs", "closed", "self"]
        form = draw(st.sampled_from(forms))
        parts.append(draw(PROSE))
        parts.append({
            "bare": f"[{name}]",
            "attrs": f'[{name} id="{draw(st.integers(0, 99))}"]',
            "closed": f"[{name}]{draw(PROSE)}[/{name}]",
            "self": f"[{name} /]",
        }[form])
    return "".join(parts) + draw(PROSE)


@settings(max_examples=200, deadline=None)
@given(shortcode_text())
def test_no_shortcode_survives_and_prose_is_kept(text: str) -> None:
    out = shortcodes.expand(text, _nothing)
    assert not re.search(r"\[/?(gallery|caption|embed|su_box|footnote|my-code|toc)\b", out)
    for word in re.sub(r"\[[^\]]*\]", " ", text).split():
        assert word in out


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    shortcodes.expand(text, _tagged)


# WordPress's get_shortcode_regex (with attributes that stop at any bracket, as ours do): the
# backtracking oracle our linear-time parser must agree with on every input.
_ORACLE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\[\]/]*(?:/(?!\])[^\[\]/]*)*?)"
    r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)(\]?)",
    re.DOTALL,
)


def _oracle_expand(text: str, handler: shortcodes.Handler, depth: int = 0) -> str:
    if "[" not in text or depth > 8:
        return text

    def replace(match: re.Match[str]) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        name, attrs, closing, content = match.group(2), match.group(3), match.group(4), match.group(5)
        if not shortcodes._is_shortcode(name, attrs, closing is not None, content):
            return match.group(0)
        parsed, positional = shortcodes.parse_attributes(attrs.strip())
        if content is not None:
            content = _oracle_expand(content, handler, depth + 1)
        result = handler(shortcodes.Shortcode(name.lower(), parsed, positional, content))
        return match.group(1) + ((content or "") if result is None else result) + match.group(6)

    return _ORACLE.sub(replace, text)


def _tagging(code: shortcodes.Shortcode) -> str | None:
    if code.name == "b":
        return None
    return f"<{code.name}:{sorted(code.attrs.items())}:{code.positional}:{code.content}>"


@given(st.lists(st.sampled_from(["[", "]", "/", "[/b]", "[/caption]", "[b", "[caption", "[[", "]]",
                                 " x=1", "=", '"', "a", " ", "-c", "\n"]), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_linear_parser_agrees_with_wordpress_regex(text: str) -> None:
    assert shortcodes.expand(text, _tagging) == _oracle_expand(text, _tagging)
