"""File → Make study pack…: which articles, what the pack is called, which notes go in.

The dialog only gathers the choice; ``reader.core.usecases.notes.make_pack``
writes the pack.  Its choices map one to one onto that function's arguments,
including its one rule: packing "the articles with notes tagged X" means the
notes with that tag, so that source fixes the notes scope.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reader.core.i18n import _, ngettext
from reader.ui.dialogs.shortlist import shortlist

SELECTION, TAG, READING_LIST = "selection", "tag", "list"
ALL_NOTES, TAGGED_NOTES, NO_NOTES = "all", "tagged", "none"


@dataclass(frozen=True)
class PackChoice:
    """The arguments of ``make_pack`` the reader chose (``articles`` empty: those with tagged notes)."""

    title: str
    description: str
    articles: tuple[str, ...]
    tag: str | None
    with_notes: bool


def _titles(selected: Sequence[tuple[str, str]]) -> str:
    return shortlist([title or article_id for article_id, title in selected])


class PackDialog(QDialog):
    """Gathers a :class:`PackChoice`; OK stays disabled until the choice can make a pack."""

    _ids = (SELECTION, TAG, READING_LIST, ALL_NOTES, TAGGED_NOTES, NO_NOTES)  # button ids

    def __init__(self, selected: Sequence[tuple[str, str]], tags: Sequence[str],
                 reading_lists: Sequence[tuple[str, Sequence[str]]], suggested_title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Make Study Pack"))
        self._selected = list(selected)
        self._lists = [(title, tuple(ids)) for title, ids in reading_lists]
        self._notes_before_tag: str | None = None  # given back when the source is no longer a tag

        self.source = QButtonGroup(self)
        self.from_selection = self._radio(self.source, SELECTION, self._selection_text(),
                                          _("Articles: the selected ones"))
        self.from_tag = self._radio(self.source, TAG, _("Articles with notes &tagged:"),
                                    _("Articles: those with notes tagged"))
        self.tag = QComboBox()
        self.tag.addItems(list(tags))
        self.tag.setAccessibleName(_("Tag"))
        self.from_list = self._radio(self.source, READING_LIST, _("Reading &list:"),
                                     _("Articles: a reading list"))
        self.reading_list = QComboBox()
        for title, ids in self._lists:
            self.reading_list.addItem(f"{title} ({len(ids)})", title)
        self.reading_list.setAccessibleName(_("Reading list"))
        self.selection_titles = QLabel(_titles(self._selected))
        self.selection_titles.setAccessibleName(_("Selected articles"))
        self.selection_titles.setVisible(bool(self._selected))
        self.from_selection.setEnabled(bool(self._selected))
        self.from_selection.setToolTip("\n".join(title or aid for aid, title in self._selected))
        self.from_tag.setEnabled(bool(tags))
        self.from_list.setEnabled(bool(self._lists))

        self.title = QLineEdit(suggested_title)
        self.title.setAccessibleName(_("Pack title"))
        self.title.setPlaceholderText(_("Required: readers see it when they open the pack"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(_("Pack description"))
        self.description.setPlaceholderText(_("Optional: what the pack is for"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 4 + 12)

        self.notes = QButtonGroup(self)
        self.all_notes = self._radio(self.notes, ALL_NOTES, _("&All my notes on these articles"),
                                     _("Notes: all"))
        self.tagged_notes = self._radio(self.notes, TAGGED_NOTES, _("Only notes with the ta&g"),
                                        _("Notes: only those with the tag"))
        self.no_notes = self._radio(self.notes, NO_NOTES, _("&No notes, only the articles"), _("Notes: none"))
        self.tagged_notes.setEnabled(bool(tags))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("&Make Pack…"))
        self.ok.setAccessibleName(_("Make pack"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(_("Why the pack cannot be made yet"))
        self._lay_out()

        first = (self.from_selection if self._selected else self.from_list if self._lists
                 else self.from_tag if tags else self.from_selection)
        first.setChecked(True)
        self.all_notes.setChecked(True)
        self.source.idToggled.connect(self._update)
        self.notes.idToggled.connect(self._update)
        self.tag.currentIndexChanged.connect(self._update)
        self.reading_list.currentIndexChanged.connect(self._update)
        self.title.textChanged.connect(self._update)
        self._update()
        self.title.setFocus()
        self.title.selectAll()

    def _radio(self, group: QButtonGroup, key: str, text: str, name: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setAccessibleName(name)
        group.addButton(button, self._ids.index(key))
        return button

    def _selection_text(self) -> str:
        if not self._selected:
            return _("The &selected articles (none selected in the library)")
        count = len(self._selected)
        return ngettext("The &selected article ({count}):", "The &selected articles ({count}):",
                        count).format(count=count)

    def _lay_out(self) -> None:
        articles = QGroupBox(_("Articles"))
        grid = QGridLayout(articles)
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) \
            + self.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        self.selection_titles.setIndent(indent)
        grid.addWidget(self.from_selection, 0, 0, 1, 2)
        grid.addWidget(self.selection_titles, 1, 0, 1, 2)
        grid.addWidget(self.from_tag, 2, 0)
        grid.addWidget(self.tag, 2, 1)
        grid.addWidget(self.from_list, 3, 0)
        grid.addWidget(self.reading_list, 3, 1)
        grid.setColumnStretch(1, 1)
        form = QFormLayout()
        title_label = QLabel(_("T&itle:"))
        title_label.setBuddy(self.title)
        description_label = QLabel(_("&Description:"))
        description_label.setBuddy(self.description)
        form.addRow(title_label, self.title)
        form.addRow(description_label, self.description)
        notes = QGroupBox(_("Notes in the pack"))
        column = QVBoxLayout(notes)
        for button in (self.all_notes, self.tagged_notes, self.no_notes):
            column.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(articles)
        layout.addLayout(form)
        layout.addWidget(notes)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        order = [self.from_selection, self.from_tag, self.tag, self.from_list, self.reading_list, self.title,
                 self.description, self.all_notes, self.tagged_notes, self.no_notes, self.buttons]
        for before, after in itertools.pairwise(order):
            self.setTabOrder(before, after)
        self.setMinimumWidth(460)

    def source_kind(self) -> str:
        return self._ids[self.source.checkedId()] if self.source.checkedId() >= 0 else SELECTION

    def notes_kind(self) -> str:
        return self._ids[self.notes.checkedId()]

    def _update(self, *_args: object) -> None:
        """Enable what applies to the chosen source; say why OK is off, if it is."""
        source = self.source_kind()
        by_tag = source == TAG
        if by_tag and self._notes_before_tag is None:
            self._notes_before_tag = self.notes_kind()
            self.tagged_notes.setChecked(True)  # the tag chooses the articles through their notes
        elif not by_tag and self._notes_before_tag is not None:
            kept, self._notes_before_tag = self._notes_before_tag, None
            self.notes.button(self._ids.index(kept)).setChecked(True)
        for button in (self.all_notes, self.no_notes):
            button.setEnabled(not by_tag)
            button.setToolTip(_("Articles chosen by a tag come with the notes that have the tag.")
                              if by_tag else "")
        self.tag.setEnabled(by_tag or self.tagged_notes.isChecked())
        self.reading_list.setEnabled(source == READING_LIST)
        self.tagged_notes.setText(_("Only notes with the ta&g “{value}”").format(value=self.tag.currentText())
                                  if self.tag.count() else _("Only notes with the ta&g"))
        problem = self.problem()
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.ok.setEnabled(not problem)

    def problem(self) -> str:
        """Why the pack cannot be made as chosen, or "" when it can."""
        source = self.source_kind()
        if source == SELECTION and not self._selected:
            return _("Select articles in the library, or choose a tag or a reading list.")
        if source == READING_LIST and not self._list_articles():
            return _("This reading list is empty.")
        if not self.title.text().strip():
            return _("The pack needs a title.")
        return ""

    def _list_articles(self) -> tuple[str, ...]:
        index = self.reading_list.currentIndex()
        return self._lists[index][1] if 0 <= index < len(self._lists) else ()

    def choice(self) -> PackChoice:
        source, notes = self.source_kind(), self.notes_kind()
        articles: tuple[str, ...] = ()
        if source == SELECTION:
            articles = tuple(article_id for article_id, _title in self._selected)
        elif source == READING_LIST:
            articles = self._list_articles()
        tagged = (source == TAG or notes == TAGGED_NOTES) and self.tag.count() > 0
        return PackChoice(title=self.title.text().strip(), description=self.description.toPlainText().strip(),
                          articles=articles, tag=self.tag.currentText() if tagged else None,
                          with_notes=notes != NO_NOTES)
