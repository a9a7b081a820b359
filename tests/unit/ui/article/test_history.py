"""History is plain data: back/forward over (article, position) entries."""

from __future__ import annotations

from reader.ui.article.history import Entry, History


def test_back_and_forward_walk_the_entries() -> None:
    history = History()
    assert history.current() is None and not history.can_go_back()
    history.push("a")
    history.push("a", 120)
    history.push("b")
    assert history.back() == Entry("a", 120)
    assert history.back() == Entry("a", 0)
    assert history.back() is None
    assert history.can_go_forward()
    assert history.forward() == Entry("a", 120)


def test_push_drops_forward_entries_and_ignores_the_current_place() -> None:
    history = History()
    for article_id in "abc":
        history.push(article_id)
    history.back()
    history.back()
    history.push("d")
    history.push("d")
    assert [e.article_id for e in history.entries] == ["a", "d"]
    assert not history.can_go_forward()


def test_update_position_remembers_where_the_reader_was() -> None:
    history = History()
    history.push("a")
    history.update_position(300)
    history.push("b")
    assert history.peek(-1) == Entry("a", 300)
    assert history.index == 1  # peek does not move


def test_limit_keeps_the_newest() -> None:
    history = History(limit=3)
    for number in range(5):
        history.push(f"a{number}")
    assert [e.article_id for e in history.entries] == ["a2", "a3", "a4"]
    assert history.index == 2
