"""An imported saved site in the real article view: its links open its articles, its images show."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.core import paths as pathsmod
from reader.core.archive import open_archive
from reader.core.usecases import AppContext
from reader.core.usecases.importing import ImportRequest, import_into
from reader.ui.article.view import ArticleView
from tests.unit.core.usecases import wp_mirror

from .test_navigation import click_text


def test_site_links_and_images_work_in_the_window(view: ArticleView, qtbot: QtBot, tmp_path: Path) -> None:
    ctx = AppContext.of(pathsmod.Paths.under(tmp_path / "data").ensure())
    import_into(ctx, ImportRequest(tmp_path / "arch", (wp_mirror.build(tmp_path / "mirror"),)))
    with open_archive(tmp_path / "arch") as archive:
        view.set_archive(archive)
        view.show_article(archive.article("first-post"))
        images = [fmt for fmt in _image_names(view) if fmt.startswith("assets/")]
        assert images and bytes(view.loadResource(2, images[0])) == wp_mirror.PIXEL  # served from the archive
        for text, target in (("seed swap", "second-post"), ("about page", "about")):
            with qtbot.waitSignal(view.article_link) as signal:
                click_text(qtbot, view, text)
            assert signal.args == [target]
            assert archive.article(target).meta.id == target  # the link names an article that exists


def _image_names(view: ArticleView) -> list[str]:
    names = []
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            fragments += 1
        block = block.next()
    return names
