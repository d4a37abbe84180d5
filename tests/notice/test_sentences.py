"""Sentences of a notice's prose: a full stop after an abbreviation or a title ends none."""

import pytest

from privlint.notice.statements import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wij hebben een DPO aangesteld: mr. Sanne de Vries, te bereiken via dpo@example.nl. Zij antwoordt snel.",
            [
                "Wij hebben een DPO aangesteld: mr. Sanne de Vries, te bereiken via dpo@example.nl.",
                "Zij antwoordt snel.",
            ],
        ),
        (
            "Contact: dhr. Peeters of mevr. Claes. Of mail ons.",
            ["Contact: dhr. Peeters of mevr. Claes.", "Of mail ons."],
        ),
        (
            "Onze DPO is Prof. dr. ir. Janssens. Hij is extern.",
            ["Onze DPO is Prof. dr. ir. Janssens.", "Hij is extern."],
        ),
        (
            "Notre délégué est M. Pierre Lambert, joignable à dpo@x.be. Il répond vite.",
            ["Notre délégué est M. Pierre Lambert, joignable à dpo@x.be.", "Il répond vite."],
        ),
        ("Gegevens i.v.m. je bestelling. Verder niets.", ["Gegevens i.v.m. je bestelling.", "Verder niets."]),
        ("Wij bewaren ze. Daarna niet meer.", ["Wij bewaren ze.", "Daarna niet meer."]),
    ],
)
def test_a_title_or_an_abbreviation_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
