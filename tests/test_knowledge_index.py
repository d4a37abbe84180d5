"""The keyword index of ``privlint.knowledge`` finds what one regular expression per category finds.

Until issue 16 every category of keywords was one compiled expression,
``" (?:(prefix keywords, longest first)|(whole-word keywords, longest first) )"``, searched in
the padded, normalised name; compiling them cost a seed-sized check 16 ms of its start. The
index that replaced it must report the same category and the same keyword for every name.
The expression stays here as the specification, and Hypothesis compares the two on names
built from the real keyword lists (whole keywords, their prefixes and extensions, other words).
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from privlint import knowledge
from privlint.knowledge import Keyword, _KeywordIndex, _padded


def specification(categories: list[tuple[str, tuple[Keyword, ...]]], name: str) -> tuple[tuple[str, Keyword], ...]:
    """Per category, the keyword the pre-index regular expression reported for ``name``."""
    padded = _padded(name)
    found = []
    for category, keywords in categories:
        prefix = sorted((k.normalised for k in keywords if not k.whole_word), key=len, reverse=True)
        whole = sorted((k.normalised for k in keywords if k.whole_word), key=len, reverse=True)
        never = "((?!))"
        branches = [f"({'|'.join(map(re.escape, prefix))})" if prefix else never]
        branches.append(f"({'|'.join(map(re.escape, whole))}) " if whole else never)
        match = re.search(f" (?:{branches[0]}|{branches[1]})", padded)
        if match is not None:
            by_text = {(k.normalised, k.whole_word): k for k in keywords}
            prefix_text, whole_text = match.group(1, 2)
            found.append((category, by_text[(prefix_text, False)] if prefix_text else by_text[(whole_text, True)]))
    return tuple(found)


def groups() -> dict[str, list[tuple[str, tuple[Keyword, ...]]]]:
    lists = [(list_id, knowledge.keyword_list(list_id).keywords) for list_id in knowledge._keyword_lists()]  # noqa: SLF001
    return {
        "special categories": [(key, c.keywords) for key, c in knowledge.special_categories().items()],
        "retention limits": [(key, limit.keywords) for key, limit in knowledge.retention_limits().items()],
        "sectors": [(key, sector.keywords) for key, sector in knowledge.sector_roles().items()],
        "keyword lists": lists,
    }


GROUPS = groups()


def kw(text: str, *, whole: bool = False) -> Keyword:
    return Keyword(text, "en", whole, text)


TEXTS = sorted({k.text for group in GROUPS.values() for _, keywords in group for k in keywords})


def _fragment() -> st.SearchStrategy[str]:
    keyword = st.sampled_from(TEXTS)
    return st.one_of(
        keyword,
        keyword.map(lambda text: text[: max(1, len(text) - 2)]),  # a prefix: must not match a whole word
        st.tuples(keyword, st.sampled_from(["s", "en", "verzuim", "_id", "-data"])).map("".join),
        st.sampled_from(["klant", "van de", "gegevens", "Ä", "  ", "/", "a", "X-Y"]),
    )


NAMES = st.lists(_fragment(), min_size=1, max_size=5).map(" ".join) | st.text(max_size=12)


@given(name=NAMES, group=st.sampled_from(sorted(GROUPS)))
def test_the_index_reports_what_the_expression_reported(name: str, group: str) -> None:
    categories = GROUPS[group]
    assert _KeywordIndex(categories).found(name) == specification(categories, name)


def test_one_and_two_letter_keywords_are_found() -> None:
    # The data files have no keyword shorter than three letters; the index must not rely on it.
    keywords = (
        kw("x"),
        kw("q", whole=True),
        kw("ab", whole=True),
        kw("abc"),
    )
    categories = [("short", keywords)]
    for name in ("x", "xylophone", "ab", "ab cd", "abd", "abcd", "cd ab", "cd abd x", "q", "a q b", "qu"):
        assert _KeywordIndex(categories).found(name) == specification(categories, name), name


def test_keywords_of_several_words_are_found_whatever_the_length_of_their_first_word() -> None:
    keywords = (kw("de facto", whole=True), kw("op de hoogte"), kw("sick leave"), kw("x ray"))
    categories = [("phrases", keywords)]
    for name in ("de facto", "a de facto b", "op de hoogte van", "sick leaves", "x ray", "x rays", "de factor"):
        assert _KeywordIndex(categories).found(name) == specification(categories, name), name
    assert [k.text for _, k in _KeywordIndex(categories).found("wij zijn de facto op de hoogte")] == ["de facto"]


def test_at_one_position_a_word_prefix_keyword_wins_over_a_longer_whole_word() -> None:
    # The expression tried the prefix alternatives before the whole words.
    keywords = (kw("ab cd", whole=True), kw("ab"))
    categories = [("mixed", keywords)]
    for name in ("ab cd", "x ab cd", "abx cd"):
        assert _KeywordIndex(categories).found(name) == specification(categories, name), name
    assert _KeywordIndex(categories).found("ab cd")[0][1].text == "ab"


def test_the_leftmost_match_wins_within_a_category_and_the_first_category_across() -> None:
    first = ("first", (kw("zeta"),))
    second = ("second", (kw("alpha"), kw("beta")))
    index = _KeywordIndex([first, second])
    found = index.found("beta alpha zeta")
    assert [(category, keyword.text) for category, keyword in found] == [("first", "zeta"), ("second", "beta")]
    match = index.first(["nothing here", "beta alpha zeta"])
    assert match is not None
    assert (match.category, match.keyword.text, match.name) == ("first", "zeta", "beta alpha zeta")


def test_every_index_of_the_data_files_takes_its_keys_from_the_shared_cache() -> None:
    # An index whose keywords the shared cache of name keys does not know still answers
    # right (the tests above), but reads every name again: a data file missing from
    # ``_keys_in_data`` would make every check of a large policy slower without a failure.
    indexes = [
        knowledge._special_category_index(),  # noqa: SLF001
        knowledge._criminal_index(),  # noqa: SLF001
        knowledge._retention_limit_index(),  # noqa: SLF001
        knowledge._indirect_index(),  # noqa: SLF001
        knowledge._sector_index(),  # noqa: SLF001
        *(knowledge._keyword_index(list_id) for list_id in knowledge._keyword_lists()),  # noqa: SLF001
    ]
    assert all(index._in_data for index in indexes)  # noqa: SLF001
    assert not _KeywordIndex([("made up", (kw("zqxw"),))])._in_data  # noqa: SLF001
