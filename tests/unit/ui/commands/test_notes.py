"""File → Export notes… and Import notes… on a real main window, with the dialogs injected."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.annotations import Annotations
from reader.core.archive import open_archive
from reader.core.usecases import AppContext
from reader.ui.commands import notes as commands
from reader.ui.dialogs.files import FileChooser
from reader.ui.export.dialogs import ExportChoice
from reader.ui.mainwindow import MainWindow
from reader.ui.notes.model import Filters
from tests.unit.ui.export.conftest import FOX, OWL

Answer = list[str]  # what the stand-in file dialog answers next


@pytest.fixture
def answer() -> Answer:
    return [""]


@pytest.fixture
def window(qtbot: QtBot, make_archive, tmp_path: Path, answer: Answer) -> MainWindow:
    ctx = AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure())
    files = FileChooser(ctx.policy, ctx.settings, ask_save=lambda *_a: answer[0],
                        ask_open=lambda *_a: answer[0])
    made = MainWindow(ctx, open_archive(make_archive({"fox": FOX, "owl": OWL})), files=files)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    made.open_article("fox")
    notes = Annotations(made.notes_store, made.archive)
    notes.add_quote("fox", "quick brown fox", creator="Ada", tags=("lang",))
    notes.add_quote("owl", "flies silently", creator="Bob", note="Silent.")
    return made


def export(window: MainWindow, choice: ExportChoice | Callable[..., ExportChoice | None] | None,
           answer: Answer, target: Path | str) -> int:
    answer[0] = str(target)
    choose = choice if callable(choice) else (lambda *_a: choice)
    current = window.current()
    outcome = commands.export_notes(window, window.ctx, window.archive, window.notes_store, window.files,
                                    article=current.article, shown=current.shown_notes, choose=choose)
    if outcome is not None:
        window.commands.outcome.emit(outcome)
    return outcome.value if outcome is not None else 0


def test_menu_actions_and_shortcuts(window: MainWindow) -> None:
    actions = window.actions_by_name
    assert actions["export_notes"].shortcut().toString() == "Ctrl+E"
    assert actions["import_notes"].shortcut().toString() == "Ctrl+I"
    file_menu = window.menuBar().actions()[0].menu()
    assert actions["export_notes"] in file_menu.actions() and actions["import_notes"] in file_menu.actions()


@pytest.mark.parametrize("fmt", ["md", "json", "html", "pdf"])
def test_export_all_in_each_format(window: MainWindow, tmp_path: Path, answer: Answer, fmt: str) -> None:
    target = tmp_path / "out" / "notes"
    assert export(window, ExportChoice(fmt), answer, target) == 2
    written = target.with_suffix(f".{fmt}")
    assert written.exists()
    assert "2 notes written" in window.statusBar().currentMessage()
    if fmt == "pdf":
        assert written.read_bytes().startswith(b"%PDF")
    elif fmt == "json":
        assert len(json.loads(written.read_bytes())["first"]["items"]) == 2
    assert window.settings.get("window.last_folder") == str(tmp_path / "out")  # the next dialog starts there


def test_export_scopes(window: MainWindow, tmp_path: Path, answer: Answer) -> None:
    seen: list[tuple[list[str], str | None]] = []

    def choose(_parent: object, _ctx: object, tags: list[str], article: object,
               _shown: object) -> ExportChoice:
        article_id = getattr(article, "id", None)
        seen.append((tags, article_id))
        return ExportChoice("md", article=article_id)

    assert export(window, choose, answer, tmp_path / "a.md") == 1
    assert seen == [(["lang"], "fox")]
    assert "quick brown fox" in (tmp_path / "a.md").read_text(encoding="utf-8")
    assert export(window, ExportChoice("md", tag="lang"), answer, tmp_path / "t.md") == 1


def test_the_save_dialog_suggests_a_meaningful_name(window: MainWindow, answer: Answer) -> None:
    asked: list[str] = []
    window.files.ask_save = lambda _p, _c, start, _f: asked.append(start) or ""  # type: ignore[func-returns-value]
    export(window, ExportChoice("md", article="fox"), answer, "")
    assert Path(asked[0]).name == "The-Fox-notes.md"


def test_cancel_writes_nothing(window: MainWindow, tmp_path: Path, answer: Answer) -> None:
    assert export(window, None, answer, tmp_path / "x.md") == 0
    assert export(window, ExportChoice("md"), answer, "") == 0
    answer[0] = ""
    assert window.import_notes() is None
    assert not (tmp_path / "x.md").exists()


def test_import_round_trip_redraws(window: MainWindow, tmp_path: Path, answer: Answer) -> None:
    exported = tmp_path / "n.json"
    export(window, ExportChoice("json"), answer, exported)
    for note in window.notes_store.all():
        window.notes_store.delete(note.id)
    window.notes.refresh()
    assert window.article_view.marks("notes") == []
    answer[0] = str(exported)
    outcome = window.import_notes()
    assert outcome is not None and outcome.value.report.imported == 2
    assert window.statusBar().currentMessage().startswith("2 imported")
    assert len(window.article_view.marks("notes")) == 1  # the notes pane heard the change and redrew


def test_bad_file_goes_through_show_error(window: MainWindow, tmp_path: Path, answer: Answer,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(commands, "show_error", lambda _parent, exc, _log=None: shown.append(str(exc)))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    answer[0] = str(bad)
    assert window.import_notes() is None
    assert len(shown) == 1 and window.notes_store.all() != []


def test_export_the_notes_shown_in_the_notes_panel(window: MainWindow, tmp_path: Path, answer: Answer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shown_errors: list[str] = []
    monkeypatch.setattr(commands, "show_error", lambda _parent, exc, _log=None: shown_errors.append(str(exc)))
    window.notes_panel.set_scope("all")
    window.notes_panel.model.set_filters(Filters(creator="Bob"))
    shown = window.current().shown_notes
    assert [note.quote for note in shown] == ["flies silently"]
    target = tmp_path / "shown.json"
    assert export(window, ExportChoice("json", shown=True), answer, target) == 1
    items = json.loads(target.read_bytes())["first"]["items"]
    assert [item["id"][9:] for item in items] == [note.id for note in shown]
    window.notes_panel.model.set_filters(Filters(creator="Nobody"))
    assert export(window, ExportChoice("md", shown=True), answer, tmp_path / "none.md") == 0
    assert not (tmp_path / "none.md").exists() and "no notes to export" in shown_errors[0].lower()
