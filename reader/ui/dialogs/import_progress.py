"""An import under way: its phase, a bar, the time left, and Cancel; then what it did, in words.

The import runs in the background (``reader.ui.tasks``); its (phase, done,
total) progress reaches :meth:`ImportProgressDialog.update` through a signal.
Cancel only asks: the import stops at its next progress call and leaves the
archive as it was, and the caller closes the dialog with :meth:`finish`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from reader.core.i18n import N_, _
from reader.core.usecases.importing import ImportReport

ETA_AFTER = 0.02  # a phase's first 2 % is too little to guess the rest from
MINUTES_FROM = 120  # seconds: longer waits are told in minutes


def eta_text(seconds: float) -> str:
    if seconds >= MINUTES_FROM:
        return _("about {round} min left").format(round=round(seconds / 60))
    return _("about {max} s left").format(max=max(1, round(seconds)))


class ImportProgressDialog(QDialog):
    """Shows the import's progress; Cancel or Esc emits ``cancel_requested`` once."""

    cancel_requested = Signal()

    def __init__(self, title: str = N_("Importing"), clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(title))
        self.setModal(True)
        self._clock = clock
        self._phase = ""
        self._phase_start = self._last = clock()
        self.cancelling = False
        self.phase = QLabel(_("Starting…"))
        font = self.phase.font()
        font.setBold(True)
        self.phase.setFont(font)
        self.phase.setAccessibleName(_("Phase"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName(_("Import progress"))
        self.eta = QLabel()
        self.eta.setAccessibleName(_("Time left"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(_("Cancel the import"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.eta)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def update(self, *args: object) -> None:  # type: ignore[override]
        """``update(phase, done, total)`` shows progress; with other arguments, QWidget's repaint."""
        if args and isinstance(args[0], str):
            phase, done, total = args
            self.show_progress(phase, int(done), int(total))  # type: ignore[call-overload]
        else:
            super().update(*args)  # type: ignore[arg-type]

    def show_progress(self, phase: str, done: int, total: int) -> None:
        now = self._clock()
        if phase != self._phase:  # a new phase started right after the last report of the previous one
            self._phase, self._phase_start = phase, self._last
        self._last = now
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # busy: the size is not known yet
        if self.cancelling:
            return
        self.phase.setText(_("{phase}… {done} of {total}")
                           .format(phase=_(phase), done=done, total=total) if total > 0 else f"{_(phase)}…")
        elapsed = now - self._phase_start
        if total > 0 and 0 < done < total and done / total >= ETA_AFTER and elapsed > 0:
            self.eta.setText(eta_text(elapsed * (total - done) / done))
        else:
            self.eta.setText("")

    def reject(self) -> None:
        """Cancel, Esc and the close button ask the import to stop; the dialog stays until it has."""
        if self.cancelling:
            return
        self.cancelling = True
        self.cancel_button.setEnabled(False)
        self.phase.setText(_("Cancelling…"))
        self.eta.setText("")
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The import ended (done, failed or cancelled): close."""
        self.done(QDialog.DialogCode.Rejected if self.cancelling else QDialog.DialogCode.Accepted)


def report_text(report: ImportReport) -> str:
    """"N added, M updated, K skipped", then the reasons for skipping, one a line."""
    skipped = sum(report.skipped.values())
    lines = [_("{count} added, {count2} updated, {skipped} skipped")
             .format(count=len(report.added), count2=len(report.updated), skipped=skipped)
             + (_(" ({unchanged} unchanged)")
                .format(unchanged=report.unchanged) if report.unchanged else "") + "."]
    if skipped:
        lines.append("Skipped:")
        ranked = sorted(report.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        lines += [f"• {count} {why}" for why, count in ranked]
    if report.removed:
        pruned = report.wordpress is not None and report.wordpress.pruned
        line = (_("{count} no longer in the export (deleted).") if pruned
                else _("{count} no longer in the export (kept in the archive)."))
        lines.append(line.format(count=len(report.removed)))
    return "\n".join(lines)
