"""The strip under the article while it is read aloud: where it is, and the buttons to steer it.

It shows the controller's own actions (so a button is greyed exactly when its
menu item is) and hides itself when reading stops.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from reader.core.i18n import _
from reader.ui.article.read_aloud import IDLE, ReadAloud


class ReadAloudBar(QWidget):
    def __init__(self, reader: ReadAloud, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.setObjectName("read_aloud_bar")
        self.setAccessibleName(_("Read aloud"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel()
        self.label.setAccessibleName(_("Read aloud progress"))
        layout.addWidget(self.label, 1)
        self.buttons = {}
        for name in ("read_aloud_slower", "read_aloud_faster", "read_aloud", "read_aloud_stop"):
            button = QToolButton()
            button.setDefaultAction(reader.actions[name])
            button.setAccessibleName(reader.actions[name].text().replace("&", ""))
            layout.addWidget(button)
            self.buttons[name] = button
        reader.state_changed.connect(self._refresh)
        reader.progress.connect(lambda _number, _total: self._refresh())
        self.hide()

    def _refresh(self) -> None:
        self.label.setText(self.reader.status_text())
        for name, button in self.buttons.items():
            button.setAccessibleName(self.reader.actions[name].text().replace("&", ""))
        self.setVisible(self.reader.state != IDLE)
