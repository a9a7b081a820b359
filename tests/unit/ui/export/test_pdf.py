"""The PDF handout: a real PDF, page-numbered, written atomically."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.annotations import Annotations
from reader.core.archive import Archive
from reader.ui.export.pdf import export_pdf, handout_pdf


def test_handout_is_a_pdf_with_pages(qapp: object, tmp_path: Path, archive: Archive,
                                     service: Annotations) -> None:
    target = tmp_path / "out" / "handout.pdf"
    pages = handout_pdf([a for a, _ in service.all()], archive, target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and pages >= 2
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") >= 1
    assert [p.name for p in target.parent.iterdir()] == ["handout.pdf"]  # no temporary file left


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_first_page_renders(qapp: object, tmp_path: Path, archive: Archive, service: Annotations) -> None:
    target = tmp_path / "handout.pdf"
    handout_pdf([a for a, _ in service.all()], archive, target)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
                   check=True)
    [png] = tmp_path.glob("p*.png")
    assert png.read_bytes().startswith(b"\x89PNG")


def test_failure_leaves_no_file(qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ui.export.pdf as pdf

    def broken(document: object, filename: str) -> int:
        Path(filename).write_bytes(b"%PDF-half")
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "_render", broken)
    with pytest.raises(OSError):
        export_pdf(b"<p>hi</p>", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []
