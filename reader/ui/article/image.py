"""An article image at full size, in a plain scrolling dialog (a click on the inline image opens it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from reader.core.i18n import _


class ImageDialog(QDialog):
    """Shows one image at its natural size, scrolling when it is larger than the screen allows."""

    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(_("Image"))
        self.label = QLabel()
        self.label.setPixmap(QPixmap.fromImage(image))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(title)
        area = QScrollArea()
        area.setWidget(self.label)
        area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(buttons)
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(image.width() + 48, int(screen.width() * 0.9)),
                    min(image.height() + 96, int(screen.height() * 0.9)))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
