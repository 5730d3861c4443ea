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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "der" after a verb is the subject's article, not a genitive
        (
            "Im Rahmen des 2005 eingeführten Ansatzes leitet der UNHCR den Globalen Schutzcluster.",
            {("unhcr", "leads", "protection-cluster")},
        ),
        (
            "Im Januar 2020 vereinbarten UNHCR und UNICEF einen gemeinsamen Aktionsplan.",
            {("unhcr", "agreement_with", "unicef")},
        ),
    ],
)
def test_german_verb_second_clauses(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {(s, p, o) for s, p, _, o, _ in found(text, "de")} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a passive with its agent, whatever the word order
        ("de", "Der CERF wird seit 2006 vom OCHA verwaltet.", {("ocha", "leads", "cerf", "2006")}),
        ("de", "Das OCHA verwaltet den CERF.", {("ocha", "leads", "cerf", "")}),
        # a date between the verb and its preposition
        ("de", "Die IFC gehört seit 1956 zur Weltbankgruppe.", {("ifc", "part_of", "wbg", "1956")}),
        # reporting lines
        (
            "en",
            "The IAEA reports annually to the General Assembly and to the Security Council.",
            {("iaea", "liaises_with", "unga", ""), ("iaea", "liaises_with", "unsc", "")},
        ),
        (
            "de",
            "Die IAEO berichtet jährlich der Generalversammlung.",
            {("iaea", "liaises_with", "unga", "")},
        ),
        # working together, without "with"
        (
            "en",
            "UNICEF and WHO have cooperated closely since 1948.",
            {("unicef", "cooperates_with", "who", "1948")},
        ),
        # "of UNDP, UNFPA and UNOPS" says whose board it is: they are not objects of the verb
        (
            "en",
            "UNV reports to the Executive Board of UNDP, UNFPA and UNOPS.",
            {
                ("unv", "liaises_with", "executive-board", ""),
                ("executive-board", "part_of", "undp", ""),
            },
        ),
    ],
)
def test_passives_reporting_lines_and_genitive_attributes(
    lang: str, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, lang)} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a semicolon ends the clause: the organization after it is not a subsidiary organ …
        (
            "de",
            "Die Nebenorgane des ACC stellten ihre Arbeit ein; die Verwaltungsfragen, mit denen "
            "sich der CCAQ befasst hatte, gingen an die UNDG über.",
            set(),
        ),
        # … unless it continues a list
        (
            "de",
            "Die IOM arbeitet eng mit dem WFP zusammen; hinzu kommen UNICEF und UNDP.",
            {
                ("iom", "cooperates_with", "wfp", ""),
                ("iom", "cooperates_with", "unicef", ""),
                ("iom", "cooperates_with", "undp", ""),
            },
        ),
        # an ordinal introduces a new group; "Letztere" is the one named last
        (
            "de",
            "Die dritte Gruppe bilden die IAEO, die WTO und die IOM. Letztere wurde im "
            "September 2016 in das System der Vereinten Nationen aufgenommen.",
            {("iom", "part_of", "un-system", "2016-09")},
        ),
        # the organ that renames is not the renamed body
        (
            "de",
            "Den ACC benannte der ECOSOC 2001 in CEB um.",
            {("acc", "renamed_to", "ceb", "2001")},
        ),
        # hosting makes a part of the host, in either voice
        ("en", "Unitaid is hosted by WHO.", {("unitaid", "part_of", "who", "")}),
        ("de", "Der CERF wird vom OCHA beherbergt.", {("cerf", "part_of", "ocha", "")}),
    ],
)
def test_clause_ends_new_groups_renamers_and_hosts(
    lang: str, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, lang)} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # an agreement holds from its entry into force, not from its approval
        (
            "de",
            "Das Abkommen zwischen den Vereinten Nationen und der UNIDO, das die "
            "Generalversammlung im Dezember 1985 gebilligt hatte, ist seit dem 1. Januar 1986 "
            "in Kraft.",
            {("un", "agreement_with", "unido", "1986-01-01")},
        ),
        # a joint activity is cooperation when nothing firmer is said …
        (
            "de",
            "Gemeinsam mit dem UNEP baut die UNIDO seit 1994 nationale Zentren auf.",
            {("unido", "cooperates_with", "unep", "1994")},
        ),
        # … and co-leading when something is
        (
            "de",
            "Die WHO leitet gemeinsam mit UNICEF den Ernährungscluster.",
            {
                ("who", "leads", "nutrition-cluster", ""),
                ("unicef", "leads", "nutrition-cluster", ""),
            },
        ),
        # a pronoun after the verb of a new clause is its subject
        (
            "de",
            "Die UNIDO wurde 1966 gegründet. Ihre Kosten trugen die Vereinten Nationen, und über "
            "ihre Tätigkeit berichtete sie der Generalversammlung.",
            {("unido", "liaises_with", "unga", "")},
        ),
    ],
)
def test_entry_into_force_joint_work_and_clause_pronouns(
    lang: str, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, lang)} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "2007 trat der Erweiterte Integrierte Rahmen (EIF) an die Stelle des Integrierten "
            "Rahmens (IF).",
            {("if", "replaced_by", "eif", "2007")},
        ),
        (
            "en",
            "In 2001 the CEB succeeded the Administrative Committee on Coordination (ACC).",
            {("acc", "replaced_by", "ceb", "2001")},
        ),
        (
            "en",
            "The ACC was succeeded by the CEB in 2001.",
            {("acc", "replaced_by", "ceb", "2001")},
        ),
        # a person succeeding a person is no succession of organizations
        ("en", "In 2017 the President of IFAD succeeded ILO Director-General Guy Ryder.", set()),
        # "die Stelle des Direktors" is a post
        ("de", "Die Stelle des Direktors der WHO wurde 2007 besetzt.", set()),
        # in a report, "wir" is its author
        (
            "de",
            "Das Büro der Vereinten Nationen für Katastrophenvorsorge (UNDRR) koordiniert die "
            "Arbeit. Auf Länderebene kooperieren wir eng mit dem Entwicklungsprogramm der "
            "Vereinten Nationen (UNDP).",
            {("undrr", "cooperates_with", "undp", "")},
        ),
    ],
)
def test_successions_and_first_person(
    lang: str, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, lang)} == expected


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


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "UN Women was formed in 2010 through the merger of DAW, INSTRAW, OSAGI and UNIFEM.",
            {
                (old, "merged_into", "un-women", "2010")
                for old in ("daw", "instraw", "osagi", "unifem")
            },
        ),
        # the organ that created the body is neither merged into it nor one of its founders
        (
            "en",
            "The programme was created by the General Assembly in 1965 by folding together two "
            "older bodies, the Expanded Programme of Technical Assistance (EPTA) and the United "
            "Nations Special Fund.",
            set(),
        ),
        (
            "en",
            "In 1965 the General Assembly created UNDP by merging two older bodies.",
            {("undp", "part_of", "unga", "1965")},
        ),
    ],
)
def test_mergers_and_organs_creating_bodies(
    lang: str, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, lang)} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # "beider Organisationen", "both organizations": the two named together
        (
            "de",
            "Schon 1988 hatten das UNEP und die WMO gemeinsam den IPCC eingerichtet, der bis "
            "heute ein gemeinsames Gremium beider Organisationen ist.",
            {("ipcc", "part_of", "unep", "1988"), ("ipcc", "part_of", "wmo", "1988")},
        ),
        (
            "en",
            "WMO and UNEP set up the IPCC in 1988; it is a joint body of both organizations.",
            {("ipcc", "part_of", "unep", "1988"), ("ipcc", "part_of", "wmo", "1988")},
        ),
        # "within which both continued": the pair is inside, not the body
        (
            "en",
            "In 1997 UNDCP and CICP were combined in a new Office for Drug Control and Crime "
            "Prevention (ODCCP), within which both continued as separate components.",
            set(),
        ),
        # the pair that agreed, in a relative clause after the instrument
        (
            "de",
            "UNHCR und UNICEF arbeiten seit Jahrzehnten zusammen. Eine erste Grundlage bildete "
            "ein Memorandum of Understanding, das die beiden Organisationen 1996 abschlossen.",
            {("unhcr", "agreement_with", "unicef", "1996")},
        ),
    ],
)
def test_pairs_named_together(
    lang: str, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, lang)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die IOM ist seit 1992 im IASC vertreten.", {("iom", "member_of", "iasc", "1992")}),
        (
            "Die Vereinten Nationen selbst werden im CEB durch den Generalsekretär vertreten.",
            {("un", "member_of", "ceb", "")},
        ),
        # represented somewhere, not in a body
        ("Die IOM wird in New York durch ihren Beobachter vertreten.", set()),
    ],
)
def test_a_seat_in_a_body_is_membership(
    text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, "de")} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a seat on a body, named before as a task force; a state, so no date is inherited
        (
            "In 2013 the Secretary-General set up the United Nations Interagency Task Force on "
            "NCDs (UNIATF). UNDP and UNICEF sit on the task force.",
            {
                ("undp", "member_of", "united-nations-interagency-task-force-on-ncds", ""),
                ("unicef", "member_of", "united-nations-interagency-task-force-on-ncds", ""),
            },
        ),
        # "although" opens another clause with its own relation
        (
            "The International Agency for Research on Cancer (IARC) has been part of WHO from "
            "the outset, although it answers to its own Governing Council.",
            {
                ("international-agency-for-research-on-cancer", "part_of", "who", ""),
                (
                    "international-agency-for-research-on-cancer",
                    "liaises_with",
                    "governing-council",
                    "",
                ),
            },
        ),
        (
            "WHO has hosted the Stop TB Partnership since 2001.",
            {("stop-tb", "part_of", "who", "2001")},
        ),
    ],
)
def test_seats_clauses_and_hosts_in_english(
    text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, "en")} == expected


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Das UNRWA ist eine Einrichtung der Vereinten Nationen.",
            {("unrwa", "part_of", "un", "")},
        ),
        # an organ establishing a body, in any word order, makes a subsidiary body
        (
            "Mit ihrer Resolution 2152 (XXI) vom 17. November 1966 errichtete die "
            "Generalversammlung die UNIDO.",
            {("unido", "part_of", "unga", "1966-11-17")},
        ),
        # what a relative clause founds is its antecedent, here no organization: no founders
        (
            "Das Büro der IOM nimmt an Arbeitsgruppen teil, die von der UNDG eingesetzt wurden.",
            {("iom-buro", "participates_in", "undg", "")},
        ),
    ],
)
def test_establishing_bodies_in_german(text: str, expected: set[tuple[str, str, str, str]]) -> None:
    assert {
        (s, p, o, d) for s, p, _, o, d in found(text, "de") if p != "part_of" or o != "iom"
    } == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the sentence only mentions is still learned, and "it" stands for it next
        (
            "The Cities Alliance made a similar move. It was hosted by UNOPS.",
            {("cities-alliance", "part_of", "unops", "")},
        ),
        # the long form takes in what the acronym spells: "Sanitation and Hygiene Fund (SHF)"
        (
            "The Sanitation and Hygiene Fund (SHF) is hosted by UNOPS.",
            {("shf", "part_of", "unops", "")},
        ),
        # an agent past a comma belongs to another clause, not to the renaming
        (
            "The Global Partnership for Education (GPE), founded in 2002 as the Fast Track "
            "Initiative and renamed in 2011, has never been hosted by UNOPS.",
            set(),
        ),
    ],
)
def test_learned_names_long_forms_and_clause_bounds(
    text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, "en")} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "eine ihrer Sonderorganisationen" after the United Nations: theirs
        (
            "Das Internationale Büro des Weltpostvereins hat seinen Sitz in Bern. Seit 1948 ist "
            "die UPU aufgrund eines Abkommens mit den Vereinten Nationen eine ihrer "
            "Sonderorganisationen.",
            {
                ("upu-buro", "part_of", "upu", ""),
                ("upu", "agreement_with", "un", "1948"),
                ("upu", "part_of", "un", "1948"),
            },
        ),
        # "wie die Chefs aller übrigen Sonderorganisationen" says nothing of the CEB's parts
        (
            "Dem CEB gehört der Generaldirektor der ICAO an, wie die Exekutivchefs aller übrigen "
            "Sonderorganisationen.",
            {("icao", "member_of", "ceb", "")},
        ),
        # a body's first name is no founder of it
        (
            "Weitaus älter ist der Weltpostverein. Gegründet wurde er 1874 durch den Vertrag von "
            "Bern, damals unter dem Namen Allgemeiner Postverein.",
            set(),
        ),
    ],
)
def test_possessive_bodies_other_agencies_and_first_names(
    text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert {(s, p, o, d) for s, p, _, o, d in found(text, "de")} == expected
