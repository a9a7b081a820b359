"""The File menu's new commands driven end to end on real archives: open, recent, import, pack, PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.annotations import Annotations
from reader.core.archive import open_archive
from reader.core.policy import Policy
from reader.core.resources import bundled_archive
from reader.core.usecases import AppContext
from reader.core.usecases.importing import ImportRequest
from reader.ui.dialogs.files import FileChooser
from reader.ui.dialogs.pack import PackChoice
from reader.ui.mainwindow import MainWindow
from tests.unit.core.importers.wxr_builder import item, write

FOX = '+++\ntitle = "The Fox"\n+++\n\nThe quick brown fox jumps over the lazy dog.\n'
OWL = '+++\ntitle = "The Owl"\n+++\n\nThe owl flies silently through the night.\n'


class Answers:
    """Stand-ins for the file dialogs: the next path each returns."""

    def __init__(self) -> None:
        self.save = ""
        self.open = ""


def make_window(qtbot: QtBot, data: Path, archive: Path, answers: Answers,
                policy: Policy | None = None, **commands: object) -> MainWindow:
    ctx = AppContext.of(pathsmod.Paths.under(data).ensure(), policy)
    files = FileChooser(ctx.policy, ctx.settings, ask_save=lambda *_a: answers.save,
                        ask_open=lambda *_a: answers.open)
    window = MainWindow(ctx, open_archive(archive), files=files)
    for name, value in commands.items():
        setattr(window.commands, name, value)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_for_index(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.index_keeper.index is not None, timeout=30_000)


def test_open_archive_switches_every_pane(qtbot: QtBot, tmp_path: Path, make_archive) -> None:
    answers = Answers()
    window = make_window(qtbot, tmp_path / "data", bundled_archive(), answers)
    wait_for_index(qtbot, window)
    other = make_archive({"fox": FOX, "owl": OWL}, title="Animals")
    Annotations(window.notes_store, open_archive(other)).add_quote("fox", "quick brown fox", note="Mine")
    answers.open = str(other / "archive.toml")  # a folder is chosen through its archive.toml
    window.actions_by_name["open_archive"].trigger()
    assert window.windowTitle().startswith("Animals — ")
    assert window.library_pane.model.count() == 2 and window.archive.location == other
    assert window.article_view.article_id in {"fox", "owl"}
    window.open_article("fox")
    assert len(window.article_view.marks("notes")) == 1  # the notes pane follows the archive
    wait_for_index(qtbot, window)
    assert window.index_keeper.index is not None
    assert [h.id for h in window.index_keeper.index.search("owl").hits] == ["owl"]  # and search does too
    assert "2 articles" in window.archive_label.text()


def test_open_recent_and_a_missing_one_is_offered_for_removal(qtbot: QtBot, tmp_path: Path, make_archive,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    answers = Answers()
    window = make_window(qtbot, tmp_path / "data", bundled_archive(), answers)
    other = make_archive({"fox": FOX}, name="other", title="Other")
    window.commands.open_archive(other)
    window.commands.open_archive(bundled_archive())
    menu = QMenu()
    window.commands.fill_recent(menu)
    [entry] = menu.actions()
    assert "Other" in entry.text()
    entry.trigger()
    assert window.archive.info.title == "Other"
    window.commands.open_archive(bundled_archive())
    shutil.rmtree(other)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window.commands.fill_recent(menu)
    assert "(not found)" in menu.actions()[0].text()
    menu.actions()[0].trigger()
    assert window.commands.recent() == [] and window.archive.location == bundled_archive()


def test_policy_disables_open_archive_with_the_reason(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "data", bundled_archive(), Answers(),
                         Policy(allow_open_other_archives=False, allow_print=False))
    action = window.actions_by_name["open_archive"]
    assert not action.isEnabled() and "turned off" in action.toolTip()
    assert not window.actions_by_name["print_article"].isEnabled()
    assert not window.actions_by_name["export_pdf"].isEnabled()


def big_export(path: Path, posts: int = 300) -> Path:
    words = " ".join(f"word{i}" for i in range(120))
    return write(path, *(item(i, f"Post number {i} says {words}.", title=f"Post {i}")
                         for i in range(1, posts + 1)))


def test_import_a_wordpress_export_cancel_half_way_then_complete(qtbot: QtBot, tmp_path: Path) -> None:
    source = big_export(tmp_path / "site.xml")
    target = tmp_path / "new-archive"
    window = make_window(qtbot, tmp_path / "data", bundled_archive(), Answers(),
                         ask_import_request=lambda *_a: ImportRequest(target, (source,), title="My site"))
    wait_for_index(qtbot, window)
    assert window.commands.new_archive()
    job = window.commands.job
    assert job is not None
    seen: list[str] = []

    def on_progress(phase: str, done: int, total: int) -> None:
        seen.append(phase)
        if phase == "Importing" and done < total:
            window.commands.cancel_import()

    job.progress.connect(on_progress)
    with qtbot.waitSignal(job.cancelled, timeout=60_000):
        pass
    assert "Importing" in seen
    assert not target.exists() and not list(tmp_path.glob(".new-archive.import-*"))  # as it was
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.archive.location == bundled_archive()

    shown: list[str] = []
    window.commands.show_report = lambda text: shown.append(text)  # type: ignore[method-assign]
    assert window.commands.new_archive()
    job = window.commands.job
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60_000):
        pass
    assert window.archive.location == target and window.library_pane.model.count() == 300
    assert window.windowTitle().startswith("My site")
    assert shown and "300 added" in shown[0]
    assert window.article_view.article_id is not None


def test_make_a_pack_and_import_it_into_a_fresh_data_dir(qtbot: QtBot, tmp_path: Path, make_archive) -> None:
    root = make_archive({"fox": FOX, "owl": OWL}, title="Animals")
    answers = Answers()
    choice = PackChoice("Week 1", "Read these", ("owl", "fox"), None, True)
    window = make_window(qtbot, tmp_path / "ann", root, answers, ask_pack_choice=lambda *_a: choice)
    Annotations(window.notes_store, window.archive).add_quote("fox", "lazy dog", note="Look here")
    pack = tmp_path / "week1.rrpack"
    answers.save = str(pack)
    outcome = window.commands.make_pack()
    assert outcome is not None and outcome.value == (2, 1) and pack.is_file()

    other = make_window(qtbot, tmp_path / "bob", root, Answers())
    imported = other.import_notes(pack)
    assert imported is not None and imported.value.report.imported == 1
    assert [n.note for n in other.notes_store.all(other.archive.info.id)] == ["Look here"]
    model = other.library_pane.model
    groups = [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]
    assert any("Week 1" in g for g in groups)


@pytest.mark.skipif(shutil.which("pdftoppm") is None and not __import__("os").environ.get("CI"),
                    reason="pdftoppm (poppler-utils) is not installed")
def test_export_article_as_pdf_and_render_its_first_page(qtbot: QtBot, tmp_path: Path, make_archive) -> None:
    root = make_archive({"fox": FOX})
    answers = Answers()
    window = make_window(qtbot, tmp_path / "data", root, answers)
    window.settings.set("theme", "dark")  # printing is in print colours whatever the theme
    Annotations(window.notes_store, window.archive).add_quote("fox", "quick brown fox")
    window.notes.refresh()
    target = tmp_path / "out" / "fox.pdf"
    answers.save = str(target)
    outcome = window.commands.export_pdf()
    assert outcome is not None and outcome.value == 1 and target.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
                   check=True)
    [png] = tmp_path.glob("p*.png")
    image = QImage(str(png))
    corner = image.pixelColor(5, 5)
    assert corner.lightness() > 240  # white paper, not the dark theme
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
               for y in range(0, image.height() // 3, 2)}
    assert any(c.startswith("#f") and c[5:7] < "c0" for c in colours)  # a yellow highlight is there


def test_add_saved_pages_to_this_archive_shows_the_new_article(qtbot: QtBot, tmp_path: Path,
                                                               make_archive) -> None:
    root = make_archive({"fox": FOX}, title="Animals")
    page = tmp_path / "pages" / "badger.html"
    page.parent.mkdir()
    page.write_text("<html><head><title>The Badger</title></head><body><article><h1>The Badger</h1>"
                    "<p>The badger digs a sett under the hedge.</p></article></body></html>",
                    encoding="utf-8")

    def ask(_parent: object, _mode: str, _start: object, _title: object, folder: Path) -> ImportRequest:
        return ImportRequest(folder, (page.parent,))

    window = make_window(qtbot, tmp_path / "data", root, Answers(), ask_import_request=ask)
    window.commands.show_report = lambda _text: None  # type: ignore[method-assign]
    assert window.commands.add_to_archive()
    job = window.commands.job
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    assert window.library_pane.model.count() == 2 and window.archive.location == root
    assert "badger" in (window.article_view.article_id or "")
    assert "1 added" in window.statusBar().currentMessage()


def test_the_bundled_and_zipped_archives_cannot_be_added_to(qtbot: QtBot, tmp_path: Path,
                                                            make_archive) -> None:
    window = make_window(qtbot, tmp_path / "data", bundled_archive(), Answers())
    action = window.actions_by_name["add_to_archive"]
    assert not action.isEnabled() and "comes with Reading Room" in action.toolTip()
    zipped = Path(shutil.make_archive(str(tmp_path / "animals"), "zip", make_archive({"fox": FOX})))
    window.commands.open_archive(zipped)
    assert window.archive.location == zipped
    assert not action.isEnabled() and "zipped" in action.toolTip()
    window.commands.open_archive(make_archive({"owl": OWL}, name="birds"))
    assert action.isEnabled()


def test_export_the_article_with_its_notes_as_one_web_page(qtbot: QtBot, tmp_path: Path,
                                                          make_archive) -> None:
    answers = Answers()
    window = make_window(qtbot, tmp_path / "data", make_archive({"fox": FOX}), answers)
    Annotations(window.notes_store, window.archive).add_quote("fox", "lazy dog", note="Not so lazy")
    window.notes.refresh()
    target = tmp_path / "fox.html"
    answers.save = str(target)
    window.actions_by_name["export_annotated"].trigger()
    page = target.read_text(encoding="utf-8")
    assert "Not so lazy" in page and "lazy dog" in page and "The Fox" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing to fetch: one offline file


def test_join_a_group_folder_and_a_members_file_arriving_is_merged(qtbot: QtBot, tmp_path: Path,
                                                                    make_archive) -> None:
    root = make_archive({"fox": FOX}, title="Animals")
    folder = tmp_path / "group"
    folder.mkdir()
    windows = []
    for name in ("Ann", "Bob"):
        window = make_window(qtbot, tmp_path / name, root, Answers())
        window.commands.groups.ask_folder = lambda *_a: folder
        window.commands.groups.ask_name = lambda *_a, n=name: n
        windows.append(window)
    ann, bob = windows
    Annotations(ann.notes_store, ann.archive).add_quote("fox", "quick brown fox", creator="Ann", note="Mine")
    assert ann.actions_by_name["join_group"].isEnabled()
    ann.actions_by_name["join_group"].trigger()
    assert len(list(folder.glob("*.json"))) == 1 and "group" in ann.statusBar().currentMessage().lower()
    bob.actions_by_name["join_group"].trigger()  # Bob joins: Ann's note arrives as her layer
    assert [n.note for n in bob.notes_store.all(bob.archive.info.id)] == ["Mine"]
    Annotations(bob.notes_store, bob.archive).add_quote("fox", "lazy dog", creator="Bob", note="Bob's")
    bob.actions_by_name["sync_group"].trigger()
    qtbot.waitUntil(lambda: len(ann.notes_store.all(ann.archive.info.id)) == 2, timeout=10_000)  # watched


def test_a_policy_can_turn_group_folders_off(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path / "data", bundled_archive(), Answers(), Policy(allow_groups=False))
    action = window.actions_by_name["join_group"]
    assert not action.isEnabled() and "turned off" in action.toolTip()
