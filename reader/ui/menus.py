"""The menu bar: every action once, with its shortcut (the shortcuts dialog reads them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

THEME_LABELS = (("auto", "&Automatic (follow the system)"), ("light", "&Light"), ("sepia", "&Sepia"),
                ("dark", "&Dark"))


def _action(window: MainWindow, text: str, slot: Callable[[], object],
            *shortcuts: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def build(window: MainWindow) -> dict[str, QAction]:
    """Create the menus; returns the actions by name for tests and state updates."""
    bar = window.menuBar()
    view_actions = window.article_view.actions()
    actions: dict[str, QAction] = {}

    file_menu = bar.addMenu("&File")
    policy = window.policy
    actions["export_notes"] = _action(window, "&Export notes…", window.export_notes, "Ctrl+E")
    actions["import_notes"] = _action(window, "&Import notes…", window.import_notes, "Ctrl+I")
    actions["export_notes"].setEnabled(policy.allow_export)
    file_menu.addAction(actions["export_notes"])
    file_menu.addAction(actions["import_notes"])
    file_menu.addSeparator()
    if window.session_banner is not None:
        banner = window.session_banner
        actions["end_session"] = _action(window, "E&nd session…", banner.end_requested.emit, "Ctrl+Shift+Q")
        file_menu.addAction(actions["end_session"])
    actions["quit"] = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    if not policy.fullscreen:  # a kiosk is left through End session only
        file_menu.addAction(actions["quit"])
    else:
        actions["quit"].setEnabled(False)

    edit = bar.addMenu("&Edit")
    for name in ("undo", "redo"):
        edit.addAction(window.notes.actions[name])
    edit.addSeparator()
    for name in ("highlight", "note"):
        edit.addAction(window.notes.actions[name])
    edit.addSeparator()
    actions["preferences"] = _action(window, "&Preferences…", window.show_preferences, "Ctrl+,")
    edit.addAction(actions["preferences"])

    go = bar.addMenu("&Go")
    actions["search"] = _action(window, "&Search the archive", window.focus_search, "Ctrl+K", "Ctrl+L")
    actions["library"] = _action(window, "&Library", window.focus_library, "Ctrl+Shift+L")
    actions["filter"] = _action(window, "&Filter the library", window.focus_library_filter, "Ctrl+Shift+F")
    actions["notes"] = _action(window, "&Notes", window.focus_notes, "Ctrl+Shift+N")
    actions["article"] = _action(window, "&Article", window.article_view.setFocus, "Ctrl+Shift+A")
    for name in ("search", "library", "filter", "notes", "article"):
        go.addAction(actions[name])
    go.addSeparator()
    go.addAction(view_actions["back"])
    go.addAction(view_actions["forward"])

    article = bar.addMenu("&Article")
    for name in ("find", "find_next", "find_previous"):
        article.addAction(view_actions[name])
    article.addSeparator()
    actions["favourite"] = _action(window, "Toggle &favourite", window.toggle_favourite, "Ctrl+D")
    article.addAction(actions["favourite"])

    view = bar.addMenu("&View")
    for name in ("zoom_in", "zoom_out", "reset_zoom"):
        view.addAction(view_actions[name])
    view.addSeparator()
    themes = view.addMenu("&Theme")
    group = QActionGroup(window)
    for key, label in THEME_LABELS:
        action = QAction(label, window, checkable=True)
        action.setData(key)
        action.triggered.connect(lambda _checked=False, k=key: window.set_theme_setting(k))
        group.addAction(action)
        themes.addAction(action)
        actions[f"theme_{key}"] = action
    actions["cycle_theme"] = _action(window, "&Next theme", window.cycle_theme, "Ctrl+Shift+T")
    if window.settings.is_locked("theme"):  # the library chose the colours
        for key, _label in THEME_LABELS:
            actions[f"theme_{key}"].setEnabled(False)
        actions["cycle_theme"].setEnabled(False)
    if window.settings.is_locked("zoom"):
        for name in ("zoom_in", "zoom_out", "reset_zoom"):
            view_actions[name].setVisible(False)
    view.addAction(actions["cycle_theme"])
    view.addSeparator()
    actions["toc"] = window.toc_dock.toggleViewAction()
    actions["toc"].setText("Table of &contents")
    actions["toc"].setShortcut(QKeySequence("Ctrl+Shift+C"))
    view.addAction(actions["toc"])
    view.addSeparator()
    layers = view.addMenu("&Layers")
    layers.setObjectName("layers_menu")
    layers.aboutToShow.connect(lambda: fill_layers(layers, window))
    actions["layers"] = layers.menuAction()

    help_menu = bar.addMenu("&Help")
    actions["shortcuts"] = _action(window, "&Keyboard shortcuts", window.show_shortcuts,
                                   QKeySequence.StandardKey.HelpContents, "Ctrl+/")
    actions["syntax"] = _action(window, "Search &syntax", window.show_search_help)
    actions["about"] = _action(window, "&About Reading Room", window.show_about)
    for name in ("shortcuts", "syntax", "about"):
        help_menu.addAction(actions[name])
    return actions


def fill_layers(menu: QMenu, window: MainWindow) -> None:
    """One checkable action per creator in the store (own notes first); rebuilt on every show."""
    menu.clear()
    notes = window.notes
    layers = notes.layers
    for key in layers.creators(notes.store.all(notes.archive_id)):
        action = QAction(layers.label(key), menu, checkable=True)
        action.setChecked(layers.visible(key))
        action.setData(key)
        action.toggled.connect(lambda on, k=key: layers.set_visible(k, on))
        menu.addAction(action)
    if menu.isEmpty():
        menu.addAction("(no notes yet)").setEnabled(False)
