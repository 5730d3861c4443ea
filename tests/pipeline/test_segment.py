from __future__ import annotations

import pytest

from orgraph.pipeline.segment import Block, segment


def texts(source: str) -> list[tuple[str, str]]:
    return [(s.block.value, s.text) for s in segment(source)]


def test_offsets_are_exact() -> None:
    source = "Überblick\nDie WHO ist alt. Sie wurde 1948 gegründet.\n- erstens: UNICEF\n- zweitens: UNDP\n"
    for sentence in segment(source):
        assert source[sentence.start : sentence.end] == sentence.text


def test_a_line_without_final_punctuation_is_a_heading() -> None:
    assert texts("Gründung und Aufbau\nDie UNDG wurde 1997 geschaffen.") == [
        ("heading", "Gründung und Aufbau"),
        ("paragraph", "Die UNDG wurde 1997 geschaffen."),
    ]


def test_list_items_are_their_own_blocks() -> None:
    result = texts("Mitglieder sind:\n- UNICEF,\n- UNDP und\n- die Weltbank.")
    assert [block for block, _ in result] == ["paragraph", "item", "item", "item"]
    assert result[1][1] == "UNICEF,"


@pytest.mark.parametrize(
    "source",
    [
        "Es gibt z.B. Beratungen zu Frauenfragen. Das ist alles.",
        "Die Zusammenarbeit u.a. mit dem UNHCR ist eng. Das ist alles.",
        "Sie trat am 19. November 2007 bei. Das ist alles.",
        "Die Resolution Nr. 46 gilt. Das ist alles.",
    ],
)
def test_abbreviations_and_ordinals_do_not_end_a_sentence(source: str) -> None:
    assert len(segment(source)) == 2


def test_a_question_line_is_a_sentence_not_a_heading() -> None:
    result = texts("Who oversees the office?\nTwo commissions do.")
    assert result[0][0] == Block.PARAGRAPH.value


def test_over_long_sentences_are_cut_and_keep_offsets() -> None:
    from orgraph.pipeline.segment import MAX_SENTENCE

    source = "Die WHO arbeitet mit dem UNHCR zusammen, und die ILO hilft; " * 200
    sentences = segment(source)
    assert len(sentences) > 1
    for sentence in sentences:
        assert len(sentence.text) <= MAX_SENTENCE
        assert source[sentence.start : sentence.end] == sentence.text


def test_paragraphs_turned_down_are_not_split_but_still_counted() -> None:
    text = "Erster Absatz. Noch ein Satz.\n\nZweiter Absatz. Mit zwei Sätzen.\n\nDritter Absatz."
    second = text.index("Zweiter")
    kept = segment(text, wanted=lambda start, end: start != second)
    assert [s.text for s in kept] == [
        "Erster Absatz.",
        "Noch ein Satz.",
        "Dritter Absatz.",
    ]
    assert [s.paragraph for s in kept] == [
        s.paragraph for s in segment(text) if s.start != second and not s.text.startswith("Mit")
    ]
