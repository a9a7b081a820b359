"""PublicMode in one process: End session, the idle timeout and quitting, as a patron meets them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.core.archive import open_archive
from reader.core.policy import Policy
from reader.core.resources import bundled_archive
from reader.core.session import Session
from reader.core.usecases import AppContext
from reader.ui.mainwindow import MainWindow
from reader.ui.public import BANNER_NO_EXPORT, BANNER_TEXT, PublicMode


@pytest.fixture
def sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Path]:
    """Session folders go under tmp_path; the app's quit-on-close setting is restored afterwards."""
    base = tmp_path / "sessions"
    base.mkdir()
    monkeypatch.setenv("READING_ROOM_SESSION_TMP", str(base))
    quits = qapp.quitOnLastWindowClosed()
    yield base
    qapp.setQuitOnLastWindowClosed(quits)
    QGuiApplication.clipboard().clear()


class Patron:
    """Answers the confirm dialogs: records each one, clicks the button named ``answer``."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.seen: list[tuple[str, list[str], str]] = []

    def __call__(self, box: QMessageBox) -> None:
        texts = [b.text() for b in box.buttons()]
        default = box.defaultButton()
        self.seen.append((box.windowTitle(), texts, default.text() if default else ""))
        answer = self.answers.pop(0)
        [button] = [b for b in box.buttons() if b.text().replace("&", "").startswith(answer)]
        button.click()


def public_mode(qtbot: QtBot, policy: Policy, patron: Patron | None = None) -> tuple[PublicMode, list[int]]:
    def make(session: Session) -> QWidget:
        # not qtbot.addWidget: PublicMode closes and deletes each window itself
        ctx = AppContext.of(session.paths.ensure(), policy, session)
        return MainWindow(ctx, open_archive(bundled_archive()))

    public = PublicMode(policy, make)
    exits: list[int] = []
    public.exit_app = exits.append
    if patron is not None:
        public.ask = patron
    window = public.start()
    window.show()
    qtbot.waitExposed(window)
    return public, exits


def folders(base: Path) -> list[str]:
    return sorted(p.name for p in base.iterdir())


def test_end_session_opens_a_new_window_on_a_new_session_and_keeps_running(qtbot: QtBot,
                                                                           sessions: Path) -> None:
    patron = Patron("End session")
    public, exits = public_mode(qtbot, Policy(public_mode=True), patron)
    first, first_root = public.window, public.session.root  # type: ignore[union-attr]
    assert not QApplication.quitOnLastWindowClosed()  # closing one patron's window is not quitting
    public.window.session_banner.end_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: public.ended == 1)
    assert exits == []
    assert public.window is not first and public.window.isVisible()  # type: ignore[union-attr]
    assert not first_root.exists() and folders(sessions) == [public.session.root.name]  # type: ignore[union-attr]
    public.shutdown()
    assert folders(sessions) == []


def test_the_confirm_dialog_defaults_to_cancel_and_offers_export_only_when_allowed(
        qtbot: QtBot, sessions: Path) -> None:
    patron = Patron("Cancel")
    public, _exits = public_mode(qtbot, Policy(public_mode=True), patron)
    window = public.window
    public.end_session()
    assert public.ended == 0 and public.window is window  # Cancel: nothing happens
    [(title, buttons, default)] = patron.seen
    assert title == "End session" and default == "Cancel"
    assert "E&xport notes first…" in buttons
    public.shutdown()

    patron = Patron("Cancel")
    public, _exits = public_mode(qtbot, Policy(public_mode=True, allow_export=False), patron)
    public.end_session()
    [(_title, buttons, default)] = patron.seen
    assert default == "Cancel" and not any("xport" in b for b in buttons)
    public.shutdown()


def test_export_first_then_end(qtbot: QtBot, sessions: Path) -> None:
    patron = Patron("Export notes first", "End session")
    public, _exits = public_mode(qtbot, Policy(public_mode=True), patron)
    exported: list[bool] = []
    public.window.export_notes = lambda: exported.append(True) or 0  # type: ignore[union-attr]
    assert public.end_session()
    assert exported == [True] and len(patron.seen) == 2 and public.ended == 1
    public.shutdown()


def test_quitting_in_public_mode_offers_export_then_wipes_and_exits(qtbot: QtBot, sessions: Path) -> None:
    patron = Patron("Cancel", "Quit")
    public, exits = public_mode(qtbot, Policy(public_mode=True), patron)
    window = public.window
    assert isinstance(window, MainWindow)
    window.actions_by_name["quit"].trigger()  # Ctrl+Q
    qtbot.waitUntil(lambda: len(patron.seen) == 1)
    assert window.isVisible() and exits == [] and len(folders(sessions)) == 1  # Cancel keeps everything
    window.close()  # the title bar's close button
    qtbot.waitUntil(lambda: exits == [0])
    title, buttons, default = patron.seen[-1]
    assert title == "Quit" and default == "Cancel" and "E&xport notes first…" in buttons
    assert exits == [0] and folders(sessions) == [] and public.window is None


def test_a_kiosk_never_quits_closing_ends_the_session(qtbot: QtBot, sessions: Path) -> None:
    patron = Patron("End session")
    public, exits = public_mode(qtbot, Policy(public_mode=True, fullscreen=True), patron)
    first = public.window
    first.close()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: public.ended == 1)
    assert exits == [] and public.ended == 1 and public.window is not first
    assert not public.quit()
    assert exits == []
    public.shutdown()


def test_the_idle_timeout_starts_a_new_session_without_asking(qtbot: QtBot, sessions: Path) -> None:
    now = [1000.0]
    patron = Patron()  # no answers: a question would fail the test
    public, exits = public_mode(qtbot, Policy(public_mode=True, idle_timeout_minutes=5), patron)
    public.idle.clock = lambda: now[0]  # type: ignore[union-attr]
    public.idle.last_input = now[0]  # type: ignore[union-attr]
    first = public.window
    now[0] += 300 + 61
    public.idle.tick()  # type: ignore[union-attr]
    assert public.ended == 1 and public.window is not first and exits == [] and patron.seen == []
    public.shutdown()


def test_end_session_clears_what_the_patron_copied(qtbot: QtBot, sessions: Path) -> None:
    public, _exits = public_mode(qtbot, Policy(public_mode=True), Patron("End session"))
    public.window.activateWindow()  # type: ignore[union-attr]
    QGuiApplication.clipboard().setText("my library card number")
    public.end_session()
    assert QGuiApplication.clipboard().text() == ""
    public.shutdown()


@pytest.mark.parametrize(("allow_export", "text"), [(True, BANNER_TEXT), (False, BANNER_NO_EXPORT)])
def test_the_banner_offers_only_what_the_policy_allows(qtbot: QtBot, sessions: Path, allow_export: bool,
                                                       text: str) -> None:
    public, _exits = public_mode(qtbot, Policy(public_mode=True, allow_export=allow_export))
    banner = public.window.session_banner  # type: ignore[union-attr]
    assert banner.label.text() == text and banner.export_button.isVisibleTo(banner) == allow_export
    assert ("export" in text) == allow_export
    public.shutdown()


def test_a_typo_in_the_policy_turns_exports_off_and_the_banner_says_nothing_of_them(
        qtbot: QtBot, sessions: Path, tmp_path: Path) -> None:
    from reader.core import policy as policy_mod

    bad = tmp_path / "policy.toml"
    bad.write_text("public_mod = true\n", encoding="utf-8")
    public, _exits = public_mode(qtbot, policy_mod.read(bad))
    banner = public.window.session_banner  # type: ignore[union-attr]
    assert "export" not in banner.label.text().lower() and not banner.export_button.isVisibleTo(banner)
    assert banner.problem.text()[:1].isupper() and banner.problem.text().endswith(".")
    public.shutdown()


def test_the_countdown_does_not_move_the_article(qtbot: QtBot, sessions: Path) -> None:
    public, _exits = public_mode(qtbot, Policy(public_mode=True, idle_timeout_minutes=5))
    window = public.window
    assert isinstance(window, MainWindow) and window.session_banner is not None
    view = window.article_view

    def where() -> tuple[int, int, int, int]:
        QApplication.processEvents()
        return view.mapTo(window, view.rect().topLeft()).y(), view.height(), view.x(), view.width()

    before = where()
    window.session_banner.show_countdown(59)
    assert window.session_banner.progress.isVisible()
    during = where()
    window.session_banner.hide_countdown()
    assert during == before and where() == before
    public.shutdown()


def test_the_window_starts_on_a_deeply_nested_settings_file(qtbot: QtBot) -> None:
    from reader.core import paths as pathsmod

    paths = pathsmod.resolve().ensure()
    (paths.config / "settings.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    window = MainWindow(AppContext.of(paths, Policy()), open_archive(bundled_archive()))
    qtbot.addWidget(window)
    window.show()
    assert window.settings.get("theme") == "auto" and window.article_view.article_id is not None


def test_a_refused_archive_says_one_sentence_and_leaves_no_session(
        qtbot: QtBot, sessions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        make_archive: Callable[..., Path]) -> None:
    from reader.app import start
    from reader.cli import build_parser
    from reader.core.errors import ReaderError

    policy = tmp_path / "policy.toml"
    policy.write_text("public_mode = true\nallow_open_other_archives = false\n", encoding="utf-8")
    monkeypatch.setenv("READING_ROOM_POLICY", str(policy))
    other = make_archive({"a": '+++\ntitle = "A"\n+++\nText.\n'})
    with pytest.raises(ReaderError) as refused:
        start(build_parser().parse_args(["--archive", str(other)]))
    message = str(refused.value)
    assert message == "Opening other archives is turned off on this computer."
    assert folders(sessions) == []  # wiped before the app exits, not at the next start
