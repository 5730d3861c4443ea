"""Text repair on its own: hyphenation, running headers and footers, two-column order."""

from __future__ import annotations

import pytest

from orgraph.documents import read_bytes
from orgraph.documents.layout import Word, find_gutter
from orgraph.documents.repair import join_lines, vocabulary
from tests.documents.fixtures import render_lines

# -- hyphenation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("die Zusammen-", "arbeit begann", "die Zusammenarbeit"),  # a word split at the line end
        ("der UN-", "Organisation", "der UN-Organisation"),  # a real hyphen stays
        ("der Nord-", "Süd-Dialog", "der Nord-Süd-Dialog"),
        ("die Jahre 1990-", "1995", "die Jahre 1990-1995"),
        ("Rotkreuz-", "und Rothalbmond", "Rotkreuz- und"),  # a left-out word
        ("mit UNI-", "CEF und", "mit UNICEF"),  # an acronym split by hyphenation
        ("die UN-", "HABITAT", "die UN-HABITAT"),  # a two-letter prefix is one
        ("die Organisation –", "und", "die Organisation – und"),  # a dash, not a hyphen
        ("ein Satz.", "Der nächste", "ein Satz. Der"),
    ],
)
def test_line_ends_are_joined(before: str, after: str, joined: str) -> None:
    kept, separator = join_lines(before, after, set())
    assert kept + separator + after.split()[0] == joined


def test_the_documents_own_spelling_decides() -> None:
    words = vocabulary(["a well-known body", "the ECOSOC and the co-operation"])
    assert join_lines("a well-", "known fact", words) == ("a well-", "")
    assert join_lines("the co-", "operation", words) == ("the co-", "")
    assert join_lines("the ECO-", "SOC", words) == ("the ECO", "")
    assert join_lines("die Zusammen-", "arbeit", words) == ("die Zusammen", "")


def test_pdf_lines_are_joined_into_their_sentences() -> None:
    pdf = render_lines(
        [
            [
                [
                    "Die Zusammen-",
                    "arbeit der IOM mit der UN-",
                    "Organisation begann 1996 mit einem Ko-",
                    "operationsabkommen.",
                    "",
                    "Ein zweiter Absatz.",
                ]
            ]
        ]
    )
    text = read_bytes(pdf, "a.pdf").text
    assert text == (
        "Die Zusammenarbeit der IOM mit der UN-Organisation begann 1996 mit einem "
        "Kooperationsabkommen.\n\nEin zweiter Absatz.\n"
    )


# -- running headers, footers and page numbers --------------------------------------------------

BODY = [
    ["Die IOM erhielt 1992 Beobachterstatus in der Generalversammlung."],
    ["Im Jahr 1996 unterzeichneten die IOM und die Vereinten Nationen ein Abkommen."],
    ["Seit September 2016 gehört die IOM zum System der Vereinten Nationen."],
]


def test_running_header_and_page_numbers_are_dropped() -> None:
    pdf = render_lines(
        [[lines] for lines in BODY], header="Jahresbericht 2024 · Kapitel 3: Partnerschaften"
    )
    document = read_bytes(pdf, "a.pdf")
    assert "Jahresbericht" not in document.text
    assert "–" not in document.text  # "– 2 –" page numbers
    assert document.text.split("\n\n") == [lines[0] for lines in BODY[:-1]] + [BODY[-1][0] + "\n"]
    assert [p.page for p in document.pages] == [1, 2, 3]


def test_a_header_that_changes_its_number_is_still_running() -> None:
    pages = [[[f"Bericht 2024, Teil {n}", "", *lines]] for n, lines in enumerate(BODY, start=1)]
    document = read_bytes(render_lines(pages, page_numbers=False), "a.pdf")
    assert "Bericht 2024" not in document.text
    assert all(lines[0] in document.text for lines in BODY)


def test_a_single_page_keeps_its_first_line() -> None:
    """Nothing recurs on one page: only a bare page number can be told from the text."""
    pdf = render_lines([[["Die IOM und die Vereinten Nationen", "", *BODY[0]]]])
    document = read_bytes(pdf, "a.pdf")
    assert document.text.startswith("Die IOM und die Vereinten Nationen\n\n")
    assert "–" not in document.text


# -- two columns ---------------------------------------------------------------------------------

LEFT = [
    "Erster Absatz der linken Spalte,",
    "er endet hier.",
    "",
    "Zweiter Absatz, der am Fuß der",
    "linken Spalte nicht zu Ende ist",
]
RIGHT = [
    "und oben rechts weitergeht.",
    "",
    "Dritter Absatz der rechten Spalte.",
]


def test_two_columns_are_read_column_by_column() -> None:
    pdf = render_lines([[LEFT, RIGHT]], page_numbers=False, title="Zwei Spalten")
    paragraphs = read_bytes(pdf, "a.pdf").text.rstrip("\n").split("\n\n")
    assert paragraphs == [
        "Zwei Spalten",
        "Erster Absatz der linken Spalte, er endet hier.",
        "Zweiter Absatz, der am Fuß der linken Spalte nicht zu Ende ist und oben rechts "
        "weitergeht.",
        "Dritter Absatz der rechten Spalte.",
    ]


def _words(columns: list[float], rows: int = 20) -> list[Word]:
    return [
        Word("wort", x, x + 150, 100 + 12 * row, 110 + 12 * row)
        for row in range(rows)
        for x in columns
    ]


def test_gutter_found_only_between_columns() -> None:
    assert find_gutter(_words([50, 320]), 595) == pytest.approx(260, abs=40)
    assert find_gutter(_words([50]), 595) is None  # one column
    one_wide = [Word("wort", 50, 545, 100 + 12 * r, 110 + 12 * r) for r in range(30)]
    assert find_gutter(one_wide, 595) is None
