"""The chrome table: each rule hits its chrome and spares the article sentence beside it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.core.importers.chrome import RULES, is_chrome, match, plain, strip_chrome

# rule name -> (paragraphs it must catch, article paragraphs it must keep)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "skip-link": (
        ["Skip to content", "Skip to main content", "[Skip to content](#content)"],
        ["Skip to content of the Transitional Programme, and you find the demands."],
    ),
    "share-prompt": (
        [
            "Share this article!",
            "Share this:",
            "Share on Facebook",
            "**Share this:**",
            "Click to share on Twitter (Opens in new window)",
            "Share",
        ],
        [
            "Share this article with anyone who still believes the bosses.",
            "Share on the profits was unequal.",
        ],
    ),
    "share-buttons": (
        ["Tweet", "Facebook Twitter Email", "- [Facebook](https://f.example)\n- [Tweet](https://t.example)"],
        ["Tweet storms are not organisation.", "Facebook owns the platform, not us."],
    ),
    "like-this": (
        ["Like this:", "Loading...", "Like Loading…", "Be the first to like this."],
        ["Like this, the bureaucracy consolidated its power.", "Loading the ships took weeks."],
    ),
    "comments": (
        [
            "Leave a Reply",
            "Leave a Comment",
            "## Leave a Reply",
            "3 Comments",
            "No comments",
            "2 thoughts on “Why we fight”",
            "Leave a Reply to Rosa Cancel reply",
        ],
        [
            "Leave a reply to the bosses, said the strike committee.",
            "The comments of Lenin were clear.",
            "One comment on this: the bosses lied.",
        ],
    ),
    "avatar": (["Avatar placeholder", "Avatar"], ["Avatar of the revolution, he was not."]),
    "email-notice": (
        [
            "Your email address will not be published. Required fields are marked *",
            "Your email address will not be published.",
        ],
        ["Your email address will not be published anywhere, the comrade promised."],
    ),
    "required-fields": (
        ["Required fields are marked *", "Required fields are marked \\*"],
        ["Required fields are marked by the state, not by the workers."],
    ),
    "akismet": (
        ["This site uses Akismet to reduce spam. Learn how your comment data is processed."],
        ["This site uses Akismet", "Akismet is a spam filter, and spam is not our subject."],
    ),
    "moved-popup": (
        [
            "We've moved to over to a new website! Head here for communist news, theory, and activity, "
            "brought to you by the IMT! Feel free to exit this pop-up to read the MSF archives.",
            "We’ve moved to a new site.",
        ],
        ["We've moved on from the old debates, and the new site of struggle is the workplace."],
    ),
    "countdown": (
        ["This will close in 0 seconds", "This will close in 10 seconds.", "Closes in 5 seconds"],
        ["This will close in 10 seconds the debate, said the chair, and it did not."],
    ),
    "cookies": (
        [
            "This site uses cookies to improve your experience.",
            "Accept all cookies",
            "Cookie settings",
            "We use cookies. By continuing to browse you agree to our privacy policy.",
        ],
        ["We use cookies and bread as examples of commodities, produced for sale on a market."],
    ),
    "related": (
        ["Related posts", "Related", "You may also like:"],
        ["Related to this is the question of the state."],
    ),
    "posted-in": (
        [
            "Posted in Theory, History | Tagged socialism",
            "Posted on March 4, 2021 by admin",
            "Filed under: News",
        ],
        ["Posted in Petrograd, the letter took three weeks to reach Lenin."],
    ),
    "newsletter": (
        ["Subscribe to our newsletter!", "Sign up for updates"],
        ["Subscribe to our newsletter, they said, and the workers read the paper instead."],
    ),
}


def test_every_rule_has_cases() -> None:
    assert sorted(CASES) == sorted(rule.name for rule in RULES)
    assert len(RULES) <= 15


@pytest.mark.parametrize(("name", "paragraph"), [(n, p) for n, (hits, _) in CASES.items() for p in hits])
def test_rule_hits(name: str, paragraph: str) -> None:
    rule = match(paragraph)
    assert rule is not None and rule.name == name


@pytest.mark.parametrize("paragraph", [p for _, keeps in CASES.values() for p in keeps])
def test_near_misses_are_article(paragraph: str) -> None:
    assert not is_chrome(paragraph), match(paragraph)


def test_plain_reduces_markup_and_quotes() -> None:
    assert plain("## **Share  this**\u00a0[now](https://x)") == "Share this now"
    assert plain("We’ve \\*moved\\*") == "We've *moved*"


def test_tail_removes_everything_after() -> None:
    paragraphs = ["Article one.", "Leave a Reply", "A comment that is long enough to look real.", "Name"]
    assert strip_chrome(paragraphs) == ["Article one."]


def test_tail_before_any_article_is_only_dropped() -> None:
    assert strip_chrome(["3 Comments", "The article.", "Leave a Reply", "x"]) == ["The article."]


def test_popup_takes_its_heading() -> None:
    paragraphs = ["Article ends.", "Looking for the communists?", "We've moved to a new website!", "More."]
    assert strip_chrome(paragraphs) == ["Article ends.", "More."]


def test_popup_spares_a_sentence_before_it() -> None:
    paragraphs = ["Workers of the world, unite!", "We've moved to a new website!"]
    assert strip_chrome(paragraphs) == ["Workers of the world, unite!"]
    paragraphs = ["Looking for the communists?", "Tweet", "We've moved to a new website!"]
    assert strip_chrome(paragraphs) == ["Looking for the communists?"]


# --- property: article paragraphs survive, in order; chrome does not -----------------------------

KINDS = {rule.name: rule.kind for rule in RULES}
DROPS = [hit for name, (hits, _) in CASES.items() if KINDS[name] == "drop" for hit in hits]
TAILS = [hit for name, (hits, _) in CASES.items() if KINDS[name] == "tail" for hit in hits]
POPUPS = [["Looking for the communists?", hit] for hit in CASES["moved-popup"][0]] + [
    ["## Wait", "We’ve moved to a new site."]
]

ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    list(" .,;:!?'\"“”‘’–—…*_#>[]()-\u00a0éßЖ中")
)
article_paragraph = st.text(ALPHABET, min_size=1, max_size=120).map(str.strip).filter(bool)
chrome_block = st.sampled_from(DROPS).map(lambda p: [p]) | st.sampled_from(POPUPS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    articles=st.lists(article_paragraph, min_size=1, max_size=8),
    chrome=st.lists(st.tuples(st.integers(0, 8), chrome_block), max_size=6),
    tail=st.sampled_from(TAILS),
    after_tail=st.lists(article_paragraph | st.sampled_from(DROPS), max_size=4),
)
def test_articles_survive_and_chrome_goes(
    articles: list[str], chrome: list[tuple[int, list[str]]], tail: str, after_tail: list[str]
) -> None:
    for paragraph in articles:
        assume(not is_chrome(paragraph))
    page: list[list[str]] = [[paragraph] for paragraph in articles]
    for position, block in sorted(chrome, reverse=True):
        page.insert(min(position, len(page)), block)
    flat = [paragraph for block in page for paragraph in block] + [tail, *after_tail]
    assert strip_chrome(flat) == articles
