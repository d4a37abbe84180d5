"""One text normaliser: the notice template's ``fold`` reads text as the legal knowledge does.

Issue 11: ``template.fold`` and ``knowledge.normalise`` used to differ (a-z0-9 only against
every script), so the importer and the keyword rules could read one name two ways. ``fold``
is now ``normalise`` with apostrophes dropped inside words; ``fold_words`` keeps them as
word breaks (French elision).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privlint.knowledge import normalise
from privlint.notice.template import fold, fold_words


@given(st.text().filter(lambda text: "'" not in text and "\u2019" not in text))
def test_fold_is_the_knowledge_normaliser_on_text_without_apostrophes(text: str):
    assert fold(text) == normalise(text)


@given(st.text())
def test_fold_words_is_the_knowledge_normaliser(text: str):
    assert fold_words(text) == normalise(text)


def test_apostrophes_join_a_word_in_fold_and_break_it_in_fold_words():
    assert fold("Foto's / beelden") == "fotos beelden"
    assert fold_words("l'accès") == "l acces"
    assert fold("Søren Ærø") == "søren ærø"  # letters of other alphabets are kept, not dropped
