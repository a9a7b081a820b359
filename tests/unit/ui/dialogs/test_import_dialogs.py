"""File → New archive from… / Add to this archive…: the sources dialog, the progress dialog, the report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reader.core.importing import WxrOptions, WxrReport
from reader.core.paths import resolve
from reader.core.usecases.context import AppContext
from reader.core.usecases.importing import ImportReport, ImportRequest, import_into
from reader.ui.dialogs.import_progress import eta_text
from reader.ui.dialogs.importing import (
    ImportProgressDialog,
    ImportSourcesDialog,
    report_text,
)

WXR = Path(__file__).resolve().parents[3] / "fixtures" / "wxr" / "example-1.2.xml"


class Asker:
    """Stands in for the file dialogs: hands back what the test set, records what was asked."""

    def __init__(self, files: list[Path] | None = None, folder: Path | None = None) -> None:
        self.files, self.folder = files or [], folder
        self.asked: list[tuple[str, Path, str]] = []

    def ask_files(self, _parent: QWidget, caption: str, start: Path, name_filter: str) -> list[Path]:
        self.asked.append((caption, start, name_filter))
        return list(self.files)

    def ask_folder(self, _parent: QWidget, caption: str, start: Path) -> Path | None:
        self.asked.append((caption, start, ""))
        return self.folder


def sources_dialog(qtbot: QtBot, mode: str, start: Path, asker: Asker, title: str | None = None
                   ) -> ImportSourcesDialog:
    made = ImportSourcesDialog(mode, start, title, ask_files=asker.ask_files,  # type: ignore[arg-type]
                               ask_folder=asker.ask_folder)
    qtbot.addWidget(made)
    return made


def pages(folder: Path, count: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        page = folder / f"page{n}.html"
        page.write_text(f"<html><head><title>Page {n}</title></head><body><h1>Page {n}</h1>"
                        f"<p>Text of page {n}, long enough to be an article.</p></body></html>",
                        encoding="utf-8")
        made.append(page)
    return made


def test_new_archive_from_pages(qtbot: QtBot, tmp_path: Path) -> None:
    files = pages(tmp_path / "saved")
    asker = Asker(files=files)
    made = sources_dialog(qtbot, "new", tmp_path, asker)
    assert not made.ok.isEnabled() and made.message.text() == "Give the new archive a title."
    made.title.setText("My Reading, 2026")
    assert made.folder.text() == str(tmp_path / "my-reading-2026")  # suggested from the title
    assert not made.ok.isEnabled() and made.message.text() == "Choose the pages to import."
    made.choose.click()
    assert asker.asked[0][2].startswith("Saved pages and Markdown (") and "*.md" in asker.asked[0][2]
    assert made.ok.isEnabled() and "page0.html, page1.html" in made.sources.text()
    made.accept()
    request = made.request()
    assert request == ImportRequest(tmp_path / "my-reading-2026", tuple(files), title="My Reading, 2026")
    outcome = import_into(AppContext.of(resolve(tmp_path / "data")), request)
    assert report_text(outcome.value) == "2 added, 0 updated, 0 skipped."


def test_a_folder_that_has_files_is_refused_inline(qtbot: QtBot, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine", encoding="utf-8")
    made = sources_dialog(qtbot, "new", tmp_path, Asker(files=pages(tmp_path / "saved")))
    made.title.setText("Taken")
    made.choose.click()
    made.folder.clear()
    qtbot.keyClicks(made.folder, str(taken))  # typed: the reader's choice
    assert not made.ok.isEnabled() and made.icon.isVisibleTo(made)
    assert "already has files in it" in made.message.text() and str(taken) in made.message.text()
    made.title.setText("Other")  # the reader's folder is not replaced by a suggestion
    assert made.folder.text() == str(taken)
    (taken / "keep.txt").unlink()
    qtbot.keyClicks(made.folder, "/")  # the same folder, looked at again
    assert made.ok.isEnabled() and not made.icon.isVisibleTo(made)


def test_browsing_to_a_folder_with_files_suggests_a_new_one_inside(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    asker = Asker(folder=tmp_path / "docs")
    made = sources_dialog(qtbot, "new", tmp_path, asker)
    made.title.setText("Week One")
    made.folder_browse.click()
    assert made.folder.text() == str(tmp_path / "docs" / "week-one")
    asker.folder = tmp_path / "empty"
    made.folder_browse.click()
    assert made.folder.text() == str(tmp_path / "empty")


def test_add_a_folder_of_pages(qtbot: QtBot, tmp_path: Path) -> None:
    pages(tmp_path / "saved")
    made = sources_dialog(qtbot, "add", tmp_path, Asker(folder=tmp_path / "saved"), title="Week One")
    assert made.windowTitle() == "Add to “Week One”" and not made.archive_box.isVisibleTo(made)
    made.set_kind("folder")
    assert made.choose.text() == "&Choose Folder…"
    assert made.message.text() == "Choose a folder of saved pages."
    made.choose.click()
    assert made.ok.isEnabled()
    request = made.request(tmp_path / "archive")
    assert request == ImportRequest(tmp_path / "archive", (tmp_path / "saved",))
    with pytest.raises(ValueError):
        made.request(None)


def test_wordpress_export_with_options(qtbot: QtBot, tmp_path: Path) -> None:
    media = tmp_path / "uploads"
    asker = Asker(files=[WXR, tmp_path / "ignored.xml"], folder=media)
    made = sources_dialog(qtbot, "add", tmp_path, asker)
    assert not made.wordpress_box.isVisibleTo(made)
    made.set_kind("wordpress")
    assert made.wordpress_box.isVisibleTo(made)
    made.choose.click()
    assert made.sources_chosen() == [WXR] and asker.asked[-1][2] == "WordPress export (*.xml)"
    made.include_pages.setChecked(True)
    made.media.setText(str(tmp_path / "nowhere"))
    assert not made.ok.isEnabled() and "media folder" in made.message.text()
    media.mkdir()
    made.media_browse.click()
    assert made.media.text() == str(media) and made.ok.isEnabled()
    request = made.request(tmp_path / "archive")
    assert request.wordpress == WxrOptions(include_pages=True, media=media) and request.sources == (WXR,)
    made.set_kind("pages")  # another kind forgets the sources chosen for the first
    assert made.sources_chosen() == [] and not made.ok.isEnabled()


def test_controls_are_named_with_distinct_mnemonics(qtbot: QtBot, tmp_path: Path) -> None:
    made = sources_dialog(qtbot, "new", tmp_path, Asker())
    made.set_kind("wordpress")
    for control in made.findChildren(QAbstractButton) + made.findChildren(QLineEdit):
        assert control.accessibleName(), control
    texts = [b.text() for b in made.findChildren(QAbstractButton) if b.text() != "&Cancel"] + [
        label.text() for label in made.findChildren(QWidget) if hasattr(label, "buddy") and label.buddy()]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(keys) >= 10 and len(keys) == len(set(keys)), texts
    made.show()
    qtbot.waitExposed(made)
    assert made.focusWidget() is made.title
    qtbot.keyClick(made.title, Qt.Key.Key_Tab)
    assert made.focusWidget() is made.folder


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def progress_dialog(qtbot: QtBot, clock: Clock) -> ImportProgressDialog:
    made = ImportProgressDialog(clock=clock)
    qtbot.addWidget(made)
    return made


def test_progress_shows_phase_bar_and_time_left_per_phase(qtbot: QtBot) -> None:
    clock = Clock()
    made = progress_dialog(qtbot, clock)
    clock.now += 1
    made.update("Reading", 1, 100)  # 1 %: too early to guess
    assert made.phase.text() == "Reading… 1 of 100" and made.bar.value() == 1 and made.eta.text() == ""
    clock.now += 9
    made.update("Reading", 10, 100)  # 10 s for 10: 90 s for the rest
    assert made.eta.text() == "about 90 s left" and made.bar.maximum() == 100
    clock.now += 2
    made.update("Reading", 20, 100)  # 12 s for 20 → 48 s
    assert made.eta.text() == "about 48 s left"
    clock.now += 5
    made.update("Indexing", 5, 10)  # the new phase counts from the last report: 5 s for 5
    assert made.phase.text() == "Indexing… 5 of 10" and made.eta.text() == "about 5 s left"
    made.update("Indexing", 10, 10)
    assert made.eta.text() == ""
    made.update("Importing", 0, 0)
    assert made.bar.maximum() == 0 and made.phase.text() == "Importing…"


def test_long_waits_are_told_in_minutes() -> None:
    assert (eta_text(0.2), eta_text(119), eta_text(600)) == ("about 1 s left", "about 119 s left",
                                                             "about 10 min left")


def test_cancel_asks_once_and_the_dialog_waits(qtbot: QtBot) -> None:
    made = progress_dialog(qtbot, Clock())
    made.show()
    qtbot.waitExposed(made)
    made.update("Importing", 3, 10)
    with qtbot.waitSignal(made.cancel_requested):
        qtbot.keyClick(made, Qt.Key.Key_Escape)
    assert made.isVisible() and not made.cancel_button.isEnabled() and made.phase.text() == "Cancelling…"
    with qtbot.assertNotEmitted(made.cancel_requested):
        made.close()
        made.reject()
    made.update("Importing", 4, 10)
    assert made.phase.text() == "Cancelling…" and made.bar.value() == 4
    with qtbot.waitSignal(made.finished) as finished:
        made.finish()
    assert finished.args == [0] and not made.isVisible()


def test_cancel_button_click(qtbot: QtBot) -> None:
    made = progress_dialog(qtbot, Clock())
    with qtbot.waitSignal(made.cancel_requested):
        made.cancel_button.click()
    made.update()  # a plain repaint is still QWidget's


def test_report_lists_skip_reasons() -> None:
    report = ImportReport(Path("a"), added=["a", "b", "c"], updated=["d"], unchanged=4,
                          skipped=Counter({"draft": 2, "password-protected": 1}), removed=["old"],
                          wordpress=WxrReport(Path("a")))
    assert report_text(report) == ("3 added, 1 updated, 3 skipped (4 unchanged).\nSkipped:\n• 2 draft\n"
                                   "• 1 password-protected\n1 no longer in the export (kept in the archive).")


def test_progress_from_a_real_import_cancelled_then_completed(qtbot: QtBot, tmp_path: Path) -> None:
    from reader.core.usecases.importing import Cancelled

    made = progress_dialog(qtbot, Clock())
    ctx = AppContext.of(resolve(tmp_path / "data"))
    request = ImportRequest(tmp_path / "arch", tuple(pages(tmp_path / "saved", 4)), title="T")
    made.cancel_requested.connect(lambda: made.setProperty("stop", True))

    def progress(phase: str, done: int, total: int) -> None:
        made.update(phase, done, total)
        if phase == "Reading" and done == 2:
            made.reject()
        if made.property("stop"):
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_into(ctx, request, progress)
    assert not (tmp_path / "arch").exists() and made.phase.text() == "Cancelling…"
    again = progress_dialog(qtbot, Clock())
    outcome = import_into(ctx, request, again.update)
    assert again.phase.text() == "Importing… 4 of 4" and report_text(outcome.value).startswith("4 added")
