"""Saved pages in other encodings import with their accents right; garbage is one clear line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.errors import SourceError
from reader.core.importers import extract
from reader.core.importers.encoding import declared_charset, decode_page

TEXT = "Déjà vu à Noël: l’été, “œuvre” — 5 €, naïveté, Ærø, señor"


def page(charset_tag: str, body: str) -> str:
    return (f"<!doctype html><html><head>{charset_tag}<title>Été</title></head>"
            f"<body><article><p>{body}</p></article></body></html>")


def test_windows_1252_page_keeps_its_accents(tmp_path: Path) -> None:
    source = tmp_path / "cp1252.html"
    source.write_bytes(page('<meta charset="windows-1252">', TEXT).encode("cp1252"))
    article = extract(source)
    assert article.body == TEXT and article.title == "Été"


def test_iso_8859_1_page_via_http_equiv(tmp_path: Path) -> None:
    text = "Café crème, garçon, übermäßig, ñandú"
    source = tmp_path / "latin1.htm"
    tag = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    source.write_bytes(page(tag, text).encode("latin-1"))
    assert extract(source).body == text


def test_iso_8859_1_label_means_windows_1252_as_in_browsers() -> None:
    data = page("<meta charset=iso-8859-1>", "“quoted”").encode("cp1252")
    assert "“quoted”" in decode_page(data, "p.html")
    assert declared_charset(b"<meta charset='latin1'>") == "cp1252"
    assert declared_charset(b"<meta charset='no-such-codec'>") is None


def test_undeclared_legacy_page_is_detected(tmp_path: Path) -> None:
    text = " ".join(["Les élèves français étudièrent l’histoire économique de la région."] * 8)
    source = tmp_path / "undeclared.html"
    source.write_bytes(page("", text).encode("cp1252"))
    assert extract(source).body == text


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_mark_wins(codec: str) -> None:
    data = page('<meta charset="windows-1252">', TEXT).encode(codec)
    assert TEXT in decode_page(data, "p.html")


def test_declared_charset_that_lies_falls_back_to_utf8() -> None:
    data = page('<meta charset="us-ascii">', "").encode() + "naïve \x81".encode()
    assert "naïve" in decode_page(data, "p.html")


def test_undecodable_page_is_one_line_naming_the_file(tmp_path: Path) -> None:
    source = tmp_path / "binary.html"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(SourceError, match=r"binary\.html: cannot tell which text encoding") as caught:
        extract(source)
    assert "\n" not in str(caught.value)


def test_text_files_stay_utf8_only(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("café".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        extract(source)


@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_one_clear_error(data: bytes) -> None:
    try:
        assert isinstance(decode_page(data, "x.html"), str)
    except SourceError as exc:
        assert str(exc).startswith("x.html: ")


PAGE_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=200)  # what pages hold


@given(PAGE_TEXT, st.sampled_from(["utf-8", "cp1252", "iso-8859-15", "koi8-r"]))
def test_declared_pages_round_trip(text: str, codec: str) -> None:
    try:
        data = page(f'<meta charset="{codec}">', text).encode(codec)
    except UnicodeEncodeError:
        return
    assert text in decode_page(data, "x.html") or codecs.lookup(codec).name == "cp1252"
