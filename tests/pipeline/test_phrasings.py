"""Common ways of stating a relation, in German and English, on one invented example each.

Each sentence names its body with a definition ("… (EMG)") so that the test does not depend
on the gazetteer; the expected claims are (subject, predicate, role, object, start).
"""

from __future__ import annotations

import pytest

from orgraph.pipeline.extract import extract

EMG_DE = "Umweltmanagementgruppe (EMG)"
EMG_EN = "Environment Management Group (EMG)"
MEMBERS = {("unep", "member"), ("fao", "member"), ("who", "member")}


def found(text: str, lang: str) -> set[tuple[str, str, str, str, str]]:
    return {
        (
            c.subject,
            c.predicate,
            c.role or "",
            c.object,
            c.interval.start.edtf if c.interval.start else "",
        )
        for c in extract(text, lang).claims
    }


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", f"Zu den Mitgliedern der {EMG_DE} gehören das UNEP, die FAO und die WHO."),
        ("de", f"Mitglieder der {EMG_DE} sind das UNEP, die FAO und die WHO."),
        ("de", f"Der {EMG_DE} gehören unter anderem das UNEP, die FAO und die WHO an."),
        ("de", f"Die {EMG_DE} hat 51 Mitglieder, darunter das UNEP, die FAO und die WHO."),
        ("en", f"Members of the {EMG_EN} include UNEP, FAO and WHO."),
        ("en", f"The {EMG_EN} has 51 members, including UNEP, FAO and WHO."),
    ],
)
def test_member_lists(lang: str, text: str) -> None:
    claims = found(text, lang)
    body = {o for _, p, _, o, _ in claims if p == "member_of"}
    assert len(body) == 1
    assert {(s, "member") for s, p, r, _, _ in claims if p == "member_of"} == MEMBERS


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", f"Seit 2005 ist die FAO Mitglied der {EMG_DE}."),
        ("de", f"Die FAO trat der {EMG_DE} im Jahr 2005 bei."),
        ("de", f"2005 wurde die FAO in die {EMG_DE} aufgenommen."),
        ("de", f"Die {EMG_DE} nahm 2005 die FAO als Mitglied auf."),
        ("en", f"FAO has been a member of the {EMG_EN} since 2005."),
        ("en", f"In 2005, FAO joined the {EMG_EN}."),
        ("en", f"FAO was admitted to the {EMG_EN} in 2005."),
    ],
)
def test_one_member_with_its_date(lang: str, text: str) -> None:
    claims = found(text, lang)
    assert [(s, p, r, d) for s, p, r, _, d in claims] == [("fao", "member_of", "member", "2005")]


@pytest.mark.parametrize(
    ("lang", "text", "role"),
    [
        ("de", f"Die {EMG_DE} wird vom Exekutivdirektor des UNEP geleitet.", "lead"),
        ("de", f"Den Vorsitz der {EMG_DE} hat das UNEP inne.", "chair"),
        ("en", f"The {EMG_EN} is chaired by the Executive Director of UNEP.", "chair"),
    ],
)
def test_leadership(lang: str, text: str, role: str) -> None:
    assert [(s, p, r) for s, p, r, _, _ in found(text, lang)] == [("unep", "leads", role)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die FAO und das UNEP unterzeichneten 2010 eine Absichtserklärung."),
        ("de", "Im Jahr 2010 schlossen die FAO und das UNEP ein Kooperationsabkommen."),
        ("en", "FAO and UNEP signed a memorandum of understanding in 2010."),
        ("en", "In 2010, FAO and UNEP signed an agreement on cooperation in emergencies."),
        ("de", "Die FAO und das UNEP schlossen 2010 eine Vereinbarung über die Zusammenarbeit."),
        (
            "de",
            "Ende 2010 billigte die Generalversammlung ein Abkommen über Zusammenarbeit "
            "zwischen der FAO und dem UNEP.",
        ),
    ],
)
def test_agreements(lang: str, text: str) -> None:
    assert [(s, p, o, d) for s, p, _, o, d in found(text, lang)] == [
        ("fao", "agreement_with", "unep", "2010")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "predicate"),
    [
        (
            "de",
            f"Die {EMG_DE} ging 2001 aus der Interinstitutionellen Umweltgruppe (IUG) hervor.",
            "renamed_to",
        ),
        (
            "en",
            f"The {EMG_EN} replaced the Inter-Agency Environment Group (IAEG) in 2001.",
            "replaced_by",
        ),
    ],
)
def test_successions(lang: str, text: str, predicate: str) -> None:
    claims = found(text, lang)
    assert [(p, d) for _, p, _, _, d in claims] == [(predicate, "2001")]
    (old, _, _, new, _) = next(iter(claims))
    assert (old != new and "emg" in new) or "environment" in new


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", f"Das UNEP nimmt regelmäßig an den Sitzungen der {EMG_DE} teil."),
        ("en", f"UNEP takes part in the work of the {EMG_EN}."),
    ],
)
def test_participation(lang: str, text: str) -> None:
    assert [(s, p) for s, p, *_ in found(text, lang)] == [("unep", "participates_in")]


def test_a_membership_says_more_than_taking_part() -> None:
    text = f"Seit 2005 nehmen Vertreter der FAO als Mitglieder an der {EMG_DE} teil."
    assert [(s, p, d) for s, p, _, _, d in found(text, "de")] == [("fao", "member_of", "2005")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # A negation in a later coordinated clause leaves the first one standing.
        (
            "en",
            "UNHCR joined the IASC in 1992 and has not left it since.",
            {("unhcr", "member_of", "iasc")},
        ),
        (
            "de",
            "Das UNHCR trat 1992 dem IASC bei und hat es nicht mehr verlassen.",
            {("unhcr", "member_of", "iasc")},
        ),
        # "as well as" continues a list; it is no verb.
        (
            "en",
            "UNAIDS was founded by WHO, UNICEF, and UNDP as well as UNESCO in 1994.",
            {(s, "member_of", "unaids") for s in ("who", "unicef", "undp", "unesco")},
        ),
        # "alongside" another body is another object, not a partner.
        (
            "en",
            "UNICEF leads the Global Nutrition Cluster alongside the Global WASH Cluster.",
            {("unicef", "leads", "nutrition-cluster"), ("unicef", "leads", "wash-cluster")},
        ),
        # Ordinary prose that only looks like a relation.
        (
            "en",
            "In 2005 the WFP took over from UNHCR the responsibility for food distribution.",
            set(),
        ),
        ("en", "UNICEF sought the agreement of the WHO.", set()),
        ("en", "UNICEF participated in a WHO campaign.", set()),
        ("en", "Switzerland is a member of the Council of Europe.", set()),
    ],
)
def test_counter_examples(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {(s, p, o) for s, p, _, o, _ in found(text, lang)} == expected


def test_a_place_defined_by_a_noun_is_no_organization() -> None:
    assert (
        extract("Geneva is a major centre of international cooperation.", "en").new_entities == {}
    )


@pytest.mark.parametrize(
    "text",
    [
        "Im April 2003 gründete die FAO die Umweltmanagementgruppe (EMG).",
        "Die FAO gründete im April 2003 die Umweltmanagementgruppe (EMG).",
        "Gemeinsam mit der FAO gründete die WHO 2003 die Umweltmanagementgruppe (EMG).",
    ],
)
def test_german_founding_with_the_subject_before_or_after_the_verb(text: str) -> None:
    founders = {s for s, p, r, o, _ in found(text, "de") if r == "founding_member" and o == "emg"}
    assert "fao" in founders and not any(s == "emg" for s, *_ in found(text, "de"))


def test_three_parties_to_one_agreement_are_three_pairs() -> None:
    text = "In 2018, FAO, IFAD and WFP signed a memorandum of understanding."
    assert {(s, o) for s, p, _, o, _ in found(text, "en") if p == "agreement_with"} == {
        ("fao", "ifad"),
        ("fao", "wfp"),
        ("ifad", "wfp"),
    }


@pytest.mark.parametrize(
    ("lang", "text", "pair"),
    [
        ("de", "Die IDA ist eine Tochterorganisation der Weltbank.", ("ida", "world-bank")),
        ("de", "Die UNIDO ist eine Unterorganisation der Vereinten Nationen.", ("unido", "un")),
        ("en", "IDA is a subsidiary of the World Bank.", ("ida", "world-bank")),
        ("en", "UNFPA is a fund of the United Nations.", ("unfpa", "un")),
        (
            "en",
            "ESCAP is one of the five regional commissions of the United Nations.",
            ("escap", "un"),
        ),
        ("en", "UNITAR is an autonomous body within the United Nations.", ("unitar", "un")),
    ],
)
def test_what_an_organization_is_part_of(lang: str, text: str, pair: tuple[str, str]) -> None:
    assert {(s, o) for s, p, _, o, _ in found(text, lang) if p == "part_of"} == {pair}


def test_leadership_phrases_and_agreements_between_several_parties() -> None:
    led = "In 2010 the IASC endorsed a global Food Security Cluster (gFSC) under the joint leadership of FAO and WFP."
    assert {(s, p, r, o) for s, p, r, o, _ in found(led, "en")} == {
        ("fao", "leads", "co_lead", "food-security-cluster"),
        ("wfp", "leads", "co_lead", "food-security-cluster"),
    }
    between = "A memorandum of understanding between FAO, IFAD and WFP was signed in 2018."
    assert {(s, o) for s, p, _, o, _ in found(between, "en") if p == "agreement_with"} == {
        ("fao", "ifad"),
        ("fao", "wfp"),
        ("ifad", "wfp"),
    }


def test_an_acronym_introduced_without_parentheses() -> None:
    text = (
        "1893 entstanden die Vereinigten Internationalen Büros zum Schutz des geistigen "
        "Eigentums, die nach ihrem französischen Namen meist BIRPI genannt werden. Mit dem "
        "Inkrafttreten der Konvention wurden sie 1970 von der WIPO abgelöst."
    )
    result = extract(text, "de")
    assert "birpi" in result.new_entities
    assert {(c.subject, c.predicate, c.object) for c in result.claims} == {
        ("birpi", "replaced_by", "wipo")
    }


def test_a_clause_negated_before_its_trigger() -> None:
    text = "Dem Koordinierungsrat (CEB) gehören weder das UNITAR noch die UNU als Mitglieder an."
    assert found(text, "de") == set()


def test_a_long_form_after_a_fused_article_and_a_fronted_dative_body() -> None:
    text = (
        "Besonders sichtbar wird dieses Zusammenspiel im Ausschuss für Welternährungssicherheit "
        "(Committee on World Food Security, CFS). Diesem Ausschuss gehören die FAO, der IFAD "
        "und das WFP an."
    )
    result = extract(text, "de")
    assert result.new_entities["cfs"].label == "Ausschuss für Welternährungssicherheit"
    assert {(c.subject, c.predicate, c.object) for c in result.claims} == {
        ("fao", "member_of", "cfs"),
        ("ifad", "member_of", "cfs"),
        ("wfp", "member_of", "cfs"),
    }
