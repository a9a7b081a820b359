"""The menu bar, laid out from the action registry: every command once, with its shortcut.

Which commands exist (name, text, shortcuts) is the table below; what they do
is the window's business (it passes a slot per name).  The shortcuts dialog
reads the same actions, so what it lists is what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from reader.core.i18n import N_, _
from reader.core.policy import Policy
from reader.core.usecases import rules
from reader.ui.actions import ActionRegistry, Shortcut

THEME_LABELS = (("auto", N_("&Automatic (follow the system)")), ("light", N_("&Light")),
                ("sepia", N_("&Sepia")), ("dark", N_("&Dark")), ("contrast", N_("&High contrast")))


@dataclass(frozen=True)
class Command:
    name: str
    text: str
    shortcuts: tuple[Shortcut, ...] = ()
    tip: str = ""


#: Every command the window makes itself, by menu; ``None`` is a separator, a string a submenu or an
#: action made elsewhere (the article view's, the notes controller's).
LAYOUT: dict[str, Sequence[Command | str | None]] = {
    N_("&File"): (
        Command("open_archive", N_("&Open archive…"), ("Ctrl+O",), N_("Open an archive folder or .zip")),
        "menu:recent", None,
        Command("new_archive", N_("&New archive from…"), ("Ctrl+N",),
                N_("Make an archive from saved pages, a folder or a WordPress export")),
        Command("add_to_archive", N_("&Add to this archive…"), ("Ctrl+Shift+I",),
                N_("Import saved pages, a folder or a WordPress export into this archive")),
        None,
        Command("export_notes", N_("&Export notes…"), ("Ctrl+E",)),
        Command("import_notes", N_("&Import notes…"), ("Ctrl+I",)),
        Command("make_pack", N_("Make study pac&k…"), ("Ctrl+Shift+S",),
                N_("Write a .rrpack: a reading list of articles with their notes")),
        None,
        Command("print_article", N_("&Print article…"), ("Ctrl+P",)),
        Command("export_pdf", N_("Export article as P&DF…"), ("Ctrl+Shift+P",)),
        None,
        Command("end_session", N_("End &session…"), ("Ctrl+Shift+Q",)),
        Command("quit", N_("&Quit"), ("Ctrl+Q",)),
    ),
    N_("&Edit"): (
        "undo", "redo", None, "highlight", "note", None,
        Command("preferences", N_("&Preferences…"), ("Ctrl+,",)),
    ),
    N_("&Go"): (
        Command("search", N_("&Search the archive"), ("Ctrl+K", "Ctrl+L")),
        Command("library", N_("&Library"), ("Ctrl+Shift+L",)),
        Command("filter", N_("&Filter the library"), ("Ctrl+Shift+F",)),
        Command("notes", N_("&Notes"), ("Ctrl+Shift+N",)),
        Command("article", N_("&Article"), ("Ctrl+Shift+A",)),
        None, "back", "forward",
    ),
    N_("&Article"): (
        "find", "find_next", "find_previous", None, "caret", "menu:speech", None,
        Command("favourite", N_("Toggle fa&vourite"), ("Ctrl+D",)),
        Command("export_annotated", N_("Export with no&tes…"), ("Ctrl+Shift+E",),
                N_("The article with its highlights and notes, as one web page or a PDF")),
    ),
    N_("&Notes"): (
        "bookmark", None,
        Command("join_group", N_("&Join a group folder…"), (),
                N_("Share notes with a study group through a folder (USB stick, network share, Syncthing…)")),
        Command("sync_group", N_("&Sync with the group"), ("F5",)),
        Command("leave_group", N_("&Leave the group")),
    ),
    N_("&View"): (
        "zoom_in", "zoom_out", "reset_zoom", None, "menu:theme",
        Command("cycle_theme", N_("&Next theme"), ("Ctrl+Shift+T",)), None, "toc", None, "menu:layers",
    ),
    N_("&Help"): (
        Command("shortcuts", N_("&Keyboard shortcuts"), (QKeySequence.StandardKey.HelpContents, "Ctrl+/")),
        Command("syntax", N_("Search &syntax")),
        Command("about", N_("&About Reading Room")),
    ),
}


def define(registry: ActionRegistry, slots: Mapping[str, Callable[[], object]],
           adopted: Mapping[str, QAction]) -> None:
    """Make every command of :data:`LAYOUT` whose slot is given, and adopt the others' actions."""
    for entries in LAYOUT.values():
        for entry in entries:
            if isinstance(entry, Command) and entry.name in slots:
                registry.add(entry.name, _(entry.text), slots[entry.name], *entry.shortcuts,
                             tip=_(entry.tip) if entry.tip else "")
    for name, action in adopted.items():
        registry.adopt(name, action)


def build(bar: QMenuBar, registry: ActionRegistry, submenus: Mapping[str, Callable[[QMenu], None]],
          hidden: Sequence[str] = ()) -> None:
    """Lay the menus out; ``submenus`` fill a submenu each time it opens; ``hidden`` stay off the menus."""
    for title, entries in LAYOUT.items():
        menu = bar.addMenu(_(title))
        for entry in entries:
            if entry is None:
                if menu.actions() and not menu.actions()[-1].isSeparator():
                    menu.addSeparator()
                continue
            name = entry.name if isinstance(entry, Command) else entry
            if name.startswith("menu:"):
                key = name.removeprefix("menu:")
                if key in submenus:
                    sub = menu.addMenu(_(SUBMENU_TITLES[key]))
                    sub.setObjectName(f"{key}_menu")
                    fill = submenus[key]
                    sub.aboutToShow.connect(lambda m=sub, f=fill: f(m))
                    fill(sub)
                    registry.adopt(key, sub.menuAction())
                continue
            action = registry.get(name)
            if action is not None and name not in hidden:
                menu.addAction(action)


SUBMENU_TITLES = {"recent": N_("Open &recent"), "theme": N_("&Theme"), "layers": N_("&Layers"),
                  "speech": N_("Read &aloud")}


def apply_policy(registry: ActionRegistry, policy: Policy, *, unchangeable: str | None) -> None:
    """Grey out what the policy forbids (and what this archive cannot do), saying why."""
    for names, reason in ((("open_archive", "recent", "new_archive"), rules.open_archive_reason(policy)),
                          (("export_notes", "make_pack", "export_pdf"), rules.export_reason(policy)),
                          (("print_article", "export_pdf"), rules.print_reason(policy)),
                          (("join_group", "sync_group", "leave_group"), rules.groups_reason(policy)),
                          (("export_annotated",), rules.export_reason(policy))):
        for name in names if reason else ():
            if name in registry:
                registry.disable(name, reason or "")
    if policy.fullscreen:
        registry.disable("quit", _("This computer ends sessions with End session."))
    allow_adding(registry, unchangeable)


def allow_adding(registry: ActionRegistry, refusal: str | None) -> None:
    """Add to this archive… is offered for archives the reader may change; else greyed, saying why."""
    action = registry["add_to_archive"]
    action.setEnabled(refusal is None)
    action.setToolTip(refusal or action.text().replace("&", ""))
    action.setStatusTip(refusal or "")


def theme_menu(owner: QWidget, registry: ActionRegistry,
               choose: Callable[[str], None]) -> Callable[[QMenu], None]:
    """The Theme submenu: one checkable action per theme, registered as ``theme_<key>``."""
    group = QActionGroup(owner)
    for key, label in THEME_LABELS:
        action = QAction(_(label), owner, checkable=True)
        action.setData(key)
        action.triggered.connect(lambda _checked=False, k=key: choose(k))
        group.addAction(action)
        registry.adopt(f"theme_{key}", action)

    def fill(menu: QMenu) -> None:
        if menu.isEmpty():
            for key, _label in THEME_LABELS:
                menu.addAction(registry[f"theme_{key}"])

    return fill
