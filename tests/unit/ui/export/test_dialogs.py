"""The Export notes dialog: formats the policy allows, and the scopes."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.core.policy import Policy
from reader.ui.export.dialogs import ExportChoice, ExportDialog


def test_export_dialog_choice(qtbot: QtBot) -> None:
    dialog = ExportDialog(Policy(), ["lang", "x"], "The Fox")
    qtbot.addWidget(dialog)
    assert dialog.choice("fox") == ExportChoice("md")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    dialog.article_radio.setChecked(True)
    assert dialog.choice("fox") == ExportChoice("pdf", article="fox")
    dialog.tag_radio.setChecked(True)
    dialog.tag_combo.setCurrentText("x")
    assert dialog.choice("fox") == ExportChoice("pdf", tag="x")
    assert not ExportDialog(Policy(), [], None).article_radio.isEnabled()


def test_export_dialog_panel_scope(qtbot: QtBot) -> None:
    dialog = ExportDialog(Policy(), ["lang"], "The Fox", shown=3)
    qtbot.addWidget(dialog)
    assert dialog.shown_radio.isEnabled() and "(3)" in dialog.shown_radio.text()
    dialog.shown_radio.setChecked(True)
    assert dialog.choice("fox") == ExportChoice("md", shown=True)


def test_export_dialog_offers_only_what_the_policy_allows(qtbot: QtBot) -> None:
    dialog = ExportDialog(Policy(allow_print=False, export_formats=("md", "json", "pdf")), [], None)
    qtbot.addWidget(dialog)
    combo = dialog.format_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["md", "json"]
