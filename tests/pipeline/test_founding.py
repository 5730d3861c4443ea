"""Founding (issue 9): who established a body, and who founded a group as its first members.

Sentences and bodies written for these tests, not taken from any scored or dev document.
"""

from __future__ import annotations

import pytest

from orgraph.pipeline.extract import extract

Fact = tuple[str, str, str | None, str, str]


def founding(text: str, lang: str) -> set[Fact]:
    return {
        (
            c.subject,
            c.predicate,
            c.role,
            c.object,
            c.interval.start.edtf if c.interval.start else "",
        )
        for c in extract(text, lang).claims
        if c.predicate == "established_by" or c.role == "founding_member"
    }


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # an organ establishes a body (no membership, no part_of)
        (
            "en",
            "In 1993 the General Assembly created UNOPS.",
            {("unops", "established_by", None, "unga", "1993")},
        ),
        # one organization sets up a body it does not make up
        (
            "en",
            "The Ocean Data Centre was founded in 1999 by UNESCO.",
            {("ocean-data-centre", "established_by", None, "unesco", "1999")},
        ),
        # several organizations set up a fund: they establish it, they are not its members
        (
            "en",
            "In 2004 UNDP and UNEP founded the Green Islands Fund.",
            {
                ("green-islands-fund", "established_by", None, "undp", "2004"),
                ("green-islands-fund", "established_by", None, "unep", "2004"),
            },
        ),
        # … but the founders of a partnership are its founding members
        (
            "en",
            "In 2001 UNICEF, WHO and the World Bank founded the Child Health Partnership.",
            {
                (f, "member_of", "founding_member", "child-health-partnership", "2001")
                for f in ("unicef", "who", "world-bank")
            },
        ),
        # … and so are those of an inter-agency body, whatever its head noun
        (
            "de",
            "Das IASC wurde im Juni 1992 von der FAO und dem UNDP gegründet.",
            {
                ("fao", "member_of", "founding_member", "iasc", "1992-06"),
                ("undp", "member_of", "founding_member", "iasc", "1992-06"),
            },
        ),
        # a panel two organizations set up (its name, not its acronym, says what it is)
        (
            "de",
            "Der Weltklimarat wurde 1988 von der WMO und dem UNEP gemeinsam eingerichtet.",
            {
                ("ipcc", "established_by", None, "wmo", "1988"),
                ("ipcc", "established_by", None, "unep", "1988"),
            },
        ),
        # founding verbs read only with their agents: offices and camps are set up too
        ("en", "UNHCR set up new camps in 2012, and IOM launched a survey.", set()),
        ("de", "Die FAO hat 2005 ein Büro in Kairo eingerichtet.", set()),
    ],
)
def test_founding(lang: str, text: str, expected: set[Fact]) -> None:
    assert founding(text, lang) == expected
