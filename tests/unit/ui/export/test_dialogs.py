"""File → Export notes… and Import notes… on a real main window, with the dialogs injected."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.annotations import Annotations, AnnotationStore
from reader.core.archive import Archive, open_archive
from reader.ui.export import dialogs
from reader.ui.export.dialogs import ExportChoice, ExportDialog, export_notes, import_notes
from reader.ui.mainwindow import MainWindow

from .conftest import FOX, OWL


@pytest.fixture
def window(qtbot: QtBot, make_archive, tmp_path: Path) -> MainWindow:
    paths = pathsmod.Paths.under(tmp_path / "data").ensure()
    made = MainWindow(open_archive(make_archive({"fox": FOX, "owl": OWL})), paths=paths)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.open_article("fox")
    notes = Annotations(made.notes_store, made.archive)
    notes.add_quote("fox", "quick brown fox", creator="Ada", tags=("lang",))
    notes.add_quote("owl", "flies silently", creator="Bob", note="Silent.")
    return made


def path_to(target: Path) -> Callable[..., str]:
    """A stand-in for QFileDialog that always answers ``target``."""
    return lambda *_args: str(target)


def test_menu_actions_and_shortcuts(window: MainWindow) -> None:
    actions = window.actions_by_name
    assert actions["export_notes"].shortcut().toString() == "Ctrl+E"
    assert actions["import_notes"].shortcut().toString() == "Ctrl+I"
    file_menu = window.menuBar().actions()[0].menu()
    assert actions["export_notes"] in file_menu.actions() and actions["import_notes"] in file_menu.actions()


@pytest.mark.parametrize("fmt", ["md", "json", "html", "pdf"])
def test_export_all_in_each_format(window: MainWindow, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / "notes"
    count = export_notes(window, choose=lambda *_a: ExportChoice(fmt), ask_path=path_to(target))
    written = target.with_suffix(f".{fmt}")
    assert count == 2 and written.exists()
    assert "2 notes exported" in window.statusBar().currentMessage()
    if fmt == "pdf":
        assert written.read_bytes().startswith(b"%PDF")
    elif fmt == "json":
        assert len(json.loads(written.read_bytes())["first"]["items"]) == 2


def test_export_scopes(window: MainWindow, tmp_path: Path) -> None:
    seen: list[tuple[list[str], str | None]] = []

    def choose(_parent: object, tags: list[str], article: str | None, _title: str | None) -> ExportChoice:
        seen.append((tags, article))
        return ExportChoice("md", article=article)

    assert export_notes(window, choose=choose, ask_path=path_to(tmp_path / "a.md")) == 1
    assert seen == [(["lang"], "fox")]
    assert "quick brown fox" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert export_notes(window, choose=lambda *_a: ExportChoice("md", tag="lang"),
                        ask_path=path_to(tmp_path / "t.md")) == 1


def test_cancel_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    assert export_notes(window, choose=lambda *_a: None, ask_path=path_to(tmp_path / "x.md")) == 0
    assert export_notes(window, choose=lambda *_a: ExportChoice("md"), ask_path=lambda *_a: "") == 0
    assert import_notes(window, ask_path=lambda *_a: "") is None
    assert not (tmp_path / "x.md").exists()


def test_export_dialog_choice(qtbot: QtBot) -> None:
    dialog = ExportDialog(["lang", "x"], "The Fox")
    qtbot.addWidget(dialog)
    assert dialog.choice("fox") == ExportChoice("md")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    dialog.article_radio.setChecked(True)
    assert dialog.choice("fox") == ExportChoice("pdf", article="fox")
    dialog.tag_radio.setChecked(True)
    dialog.tag_combo.setCurrentText("x")
    assert dialog.choice("fox") == ExportChoice("pdf", tag="x")
    assert not ExportDialog([], None).article_radio.isEnabled()


def test_import_round_trip_redraws(window: MainWindow, tmp_path: Path) -> None:
    exported = tmp_path / "n.json"
    export_notes(window, choose=lambda *_a: ExportChoice("json"), ask_path=path_to(exported))
    for note in window.notes_store.all():
        window.notes_store.delete(note.id)
    window.notes.refresh()
    assert window.article_view.marks("notes") == []
    report = import_notes(window, ask_path=path_to(exported))
    assert report is not None and report.imported == 2
    assert window.statusBar().currentMessage().startswith("2 imported")
    assert len(window.article_view.marks("notes")) == 1  # the shown article's note is drawn again


def test_bad_file_goes_through_show_error(window: MainWindow, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, exc, _log=None: shown.append(str(exc)))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert import_notes(window, ask_path=path_to(bad)) is None
    assert len(shown) == 1 and window.notes_store.all() != []


def test_write_export_refuses_empty(store: AnnotationStore, archive: Archive, tmp_path: Path) -> None:
    from reader.core.errors import ReaderError

    with pytest.raises(ReaderError, match="no notes"):
        dialogs.write_export(store, archive, ExportChoice("md"), tmp_path / "x.md")


def test_export_the_notes_shown_in_the_notes_panel(window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.notes.model import Filters

    shown_errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, exc, _log=None: shown_errors.append(str(exc)))
    window.notes_panel.set_scope("all")
    window.notes_panel.model.set_filters(Filters(creator="Bob"))
    shown = dialogs.shown_notes(window)
    assert [note.quote for note in shown] == ["flies silently"]
    target = tmp_path / "shown.json"
    assert export_notes(window, choose=lambda *_a: ExportChoice("json", shown=True),
                        ask_path=path_to(target)) == 1
    items = json.loads(target.read_bytes())["first"]["items"]
    assert [item["id"][9:] for item in items] == [note.id for note in shown]
    window.notes_panel.model.set_filters(Filters(creator="Nobody"))
    dialog = ExportDialog(["lang"], None, window, len(dialogs.shown_notes(window)))
    assert not dialog.shown_radio.isEnabled() and dialog.shown_radio.text().endswith("(0)")
    assert export_notes(window, choose=lambda *_a: ExportChoice("md", shown=True),
                        ask_path=path_to(tmp_path / "none.md")) == 0
    assert not (tmp_path / "none.md").exists() and "no notes shown in the notes panel" in shown_errors[0]


def test_export_dialog_panel_scope(qtbot: QtBot) -> None:
    dialog = ExportDialog(["lang"], "The Fox", shown=3)
    qtbot.addWidget(dialog)
    assert dialog.shown_radio.isEnabled() and "(3)" in dialog.shown_radio.text()
    dialog.shown_radio.setChecked(True)
    assert dialog.choice("fox") == ExportChoice("md", shown=True)
