from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgraph.names import name_key, stem


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=1, max_size=14))
def test_stemming_is_idempotent(word: str) -> None:
    assert stem(stem(word)) == stem(word)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("system", "systems"),
        ("abkommen", "abkommens"),
        ("nationen", "nations"),
        ("hoher", "hohen"),
        ("kommissar", "kommissars"),
        ("mitglied", "mitgliedern"),
    ],
)
def test_inflected_forms_share_a_key(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_names_in_any_case_and_inflection_share_a_key() -> None:
    assert name_key("der Internationalen Arbeitsorganisation") == name_key(
        "Internationale Arbeitsorganisation"
    )
    assert name_key("Teil des UN-Systems") == name_key("Teil des UN-System")
