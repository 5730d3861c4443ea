"""Relation frames on sentences written for these tests (not from any scored document)."""

from __future__ import annotations

import pytest

from orgraph.pipeline.extract import extract


def claims(text: str, lang: str = "de") -> set[tuple[str, str, str | None, str, str | None]]:
    return {
        (
            c.subject,
            c.predicate,
            c.role,
            c.object,
            c.interval.start.edtf if c.interval.start else None,
        )
        for c in extract(text, lang).claims
        if c.predicate != "part_of"
        or c.evidence[0].extractor.endswith(":status")
        or c.evidence[0].extractor.endswith(":directed")
    }


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Im Jahr 2004 trat das UNHCR dem UNAIDS als Cosponsor bei.",
            "de",
            ("unhcr", "member_of", "cosponsor", "unaids", "2004"),
        ),
        (
            "Die ILO ist seit 1946 eine Sonderorganisation der Vereinten Nationen.",
            "de",
            ("ilo", "part_of", None, "un", "1946"),
        ),
        (
            "In 2003, WFP joined UNAIDS as a cosponsor.",
            "en",
            ("wfp", "member_of", "cosponsor", "unaids", "2003"),
        ),
        (
            "Das Kinderhilfswerk der Vereinten Nationen erhielt 1998 Beobachterstatus beim Wirtschafts- und Sozialrat.",
            "de",
            ("unicef", "member_of", "observer", "ecosoc", "1998"),
        ),
    ],
)
def test_membership_frames(text: str, lang: str, expected: tuple[str, ...]) -> None:
    assert expected in claims(text, lang)


def test_an_enumeration_expands_to_one_claim_each() -> None:
    text = (
        "Anfang 2009 wurde die Mitgliedschaft im IASC um die FAO, das UNDP und die WHO erweitert."
    )
    found = claims(text)
    for member in ("fao", "undp", "who"):
        assert (member, "member_of", "member", "iasc", "2009") in found


def test_modifier_windows_are_kept() -> None:
    result = extract("Anfang 2009 wurde die Mitgliedschaft im IASC um die FAO erweitert.", "de")
    start = result.claims[0].interval.start
    assert start is not None and start.mod is not None and start.mod.value == "START"


def test_founders_by_passive_agent() -> None:
    text = "Das IASC wurde im Juni 1992 von der FAO, dem UNDP und dem UNICEF gegründet."
    found = claims(text)
    for founder in ("fao", "undp", "unicef"):
        assert (founder, "member_of", "founding_member", "iasc", "1992-06") in found


def test_rename_with_the_date_of_the_sentence() -> None:
    assert ("dha", "renamed_to", None, "ocha", "1998") in claims(
        "Die Hauptabteilung Humanitäre Angelegenheiten (DHA) wurde 1998 in OCHA umbenannt."
    )


def test_hedged_statements_are_marked_with_low_confidence() -> None:
    result = extract(
        "Die WHO arbeitet mit UNICEF zusammen. Mit einigen von ihnen soll sie Absichtserklärungen unterzeichnet haben.",
        "de",
    )
    hedged = [c for c in result.claims if "hedge" in c.qualifiers]
    assert hedged and all(c.confidence <= 0.4 for c in hedged)


def test_negated_triggers_make_no_claim() -> None:
    assert not claims("Die Weltbank ist kein Mitglied des IASC.")


def test_stated_counts_are_recorded() -> None:
    result = extract("Im Jahr 2012 zählte UNAIDS insgesamt elf Cosponsoren.", "de")
    assert [(s.body, s.count) for s in result.stated_counts] == [("unaids", 11)]


def test_evidence_is_the_exact_sentence() -> None:
    text = "Vorwort.\nDie WHO trat 1950 dem IASC bei. Danach geschah nichts."
    for claim in extract(text, "de").claims:
        for ev in claim.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_a_possessive_role_word_names_the_body_just_spoken_of() -> None:
    text = (
        "Die Globale Allianz für Impfstoffe und Immunisierung (Gavi) wurde im Januar 2000 gegründet. "
        "Zu ihren Gründungspartnern gehörten die WHO, UNICEF und die Weltbank."
    )
    found = claims(text)
    for founder in ("who", "unicef", "world-bank"):
        assert (founder, "member_of", "founding_member", "gavi", "2000-01") in found


def test_a_partner_named_with_together_with_shares_the_subject() -> None:
    found = claims(
        "UNICEF co-leads the Global Education Cluster together with Save the Children.", "en"
    )
    assert ("unicef", "leads", "co_lead", "education-cluster", None) in found
    assert ("save-the-children", "leads", "co_lead", "education-cluster", None) in found


def test_english_names_keep_their_attribute() -> None:
    text = "The Inter-Agency Network on Youth Development was founded in 2010 by UNICEF and UNFPA."
    result = extract(text, "en")
    assert any(
        e.label == "Inter-Agency Network on Youth Development" for e in result.new_entities.values()
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Im April 2003 gründeten die ILO, die IOM und das UNHCR die Genfer Migrationsgruppe.",
            "de",
        ),
        ("In April 2003 ILO, IOM and UNHCR founded the Geneva Migration Group.", "en"),
    ],
)
def test_listed_founders_before_the_founded_body(text: str, lang: str) -> None:
    found = claims(text, lang)
    for founder in ("ilo", "iom", "unhcr"):
        assert (
            founder,
            "member_of",
            "founding_member",
            "geneva-migration-group",
            "2003-04",
        ) in found


def test_the_same_status_goes_to_the_organization_named_before_it() -> None:
    text = (
        "Im Mai 1998 erhielt das Internationale Komitee vom Roten Kreuz (IKRK) Beobachterstatus "
        "in der Generalversammlung; die Internationale Arbeitsorganisation (ILO) bekam "
        "denselben Status im Jahr 2001."
    )
    found = claims(text)
    assert ("ilo", "member_of", "observer", "unga", "2001") in found
    assert any(s != "ilo" and p == "member_of" and r == "observer" for s, p, r, _, _ in found)
    assert claims("Die ILO bekam denselben Status im Jahr 2001.") == set()  # no status said before


def test_a_chair_without_its_body_is_not_guessed_from_paragraphs_back() -> None:
    far = (
        "Der Ständige interinstitutionelle Ausschuss (IASC) wurde 1992 geschaffen.\n\n"
        "Das Welternährungsprogramm (WFP) verteilt Nahrungsmittel.\n\n"
        "Den Vorsitz führt der Exekutivdirektor des WFP."
    )
    assert not any(p == "leads" for _, p, _, _, _ in claims(far))
    near = (
        "Der Ständige interinstitutionelle Ausschuss (IASC) wurde 1992 geschaffen. "
        "Den Vorsitz führt der Nothilfekoordinator des OCHA."
    )
    assert ("ocha", "leads", "chair", "iasc", None) in claims(near)


def test_a_title_is_not_learned_as_an_organization() -> None:
    text = "From League to Federation\n\nThe Federation was founded in 1919 in Paris.\n"
    assert extract(text, "en").new_entities == {}


def test_a_status_that_implies_its_body_needs_no_name_for_it() -> None:
    text = "Später erhielten auch die IFAD und die UNIDO den Status einer Sonderorganisation."
    assert {
        ("ifad", "part_of", None, "un", None),
        ("unido", "part_of", None, "un", None),
    } <= claims(text)


def test_every_default_body_of_the_lexicon_is_a_gazetteer_entity() -> None:
    from orgraph.gazetteer import load_gazetteer
    from orgraph.pipeline.lexicon import lexicon

    ids = {e.id for e in load_gazetteer().entities}
    bodies = {t.default_body for t in lexicon().triggers if t.default_body}
    assert bodies and bodies <= ids


def test_a_status_in_a_relative_clause_belongs_to_its_antecedent_only() -> None:
    text = (
        "Als Gäste kamen das UNHCR und die Weltbank hinzu, die formal eine Sonderorganisation ist."
    )
    found = {(s, o) for s, p, _, o, _ in claims(text) if p == "part_of"}
    assert found == {("world-bank", "un")}


@pytest.mark.parametrize(
    "text",
    [
        "Die Sektion für Meeresrecht (SMR) wurde 1999 durch das Büro für Ozeanfragen (BOF) ersetzt.",
        "Im Jahr 1999 ersetzte das Büro für Ozeanfragen (BOF) die Sektion für Meeresrecht (SMR).",
        "Nachdem genügend Staaten zugestimmt hatten, wurde die Sektion für Meeresrecht (SMR) 1999 "
        "in das neue Büro für Ozeanfragen (BOF) umgewandelt.",
    ],
)
def test_replacements_and_transformations(text: str) -> None:
    assert ("smr", "replaced_by", None, "bof", "1999") in claims(text)


def test_a_new_name_given() -> None:
    text = (
        "Die Abteilung für Meeresfragen (AMF) wurde 1982 aufgewertet; sie erhielt den Namen "
        "Zentrum für Meeresrecht (ZMR)."
    )
    assert ("amf", "renamed_to", None, "zmr", "1982") in claims(text)


def test_a_definition_rebinds_an_acronym_the_gazetteer_gives_another_body() -> None:
    text = (
        "Am 27. September 1970 wurden die Statuten der Welttourismusorganisation (WTO) "
        "angenommen. Später trat die WTO dem Koordinierungsrat bei."
    )
    assert {m.entity for m in extract(text, "de").mentions if m.text == "WTO"} == {"un-tourism"}
    # Without a definition the gazetteer's reading stands.
    assert {m.entity for m in extract("Die WTO tagte in Genf.", "de").mentions} == {"wto"}


def test_a_pronoun_subject_and_a_coordinated_clause_that_shares_it() -> None:
    text = (
        "Im System der Vereinten Nationen ist das Zentrum für Meeresrecht (ZMR) gut eingebunden. "
        "Es gehört der Gruppe der Vereinten Nationen für nachhaltige Entwicklung (UNSDG) an, und "
        "nimmt als ständiger Eingeladener an den Sitzungen des IASC teil."
    )
    found = claims(text)
    assert ("zmr", "member_of", "member", "unsdg", None) in found
    assert ("zmr", "member_of", "standing_invitee", "iasc", None) in found
    assert not any(s == "unsdg" for s, *_ in found)


def test_a_relative_clause_with_its_own_relation_keeps_its_names() -> None:
    text = (
        "Im April 2003 gehörte das UNHCR zu den Gründungsmitgliedern der Genfer "
        "Migrationsgruppe, aus der später die Global Migration Group (GMG) hervorging."
    )
    found = claims(text)
    assert ("unhcr", "member_of", "founding_member", "geneva-migration-group", "2003-04") in found
    assert ("geneva-migration-group", "renamed_to", None, "gmg", "2003-04") in found
    assert not any(s == "gmg" and p == "member_of" for s, p, *_ in found)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Formally, the Ocean Panel (OP) is one of the inter-agency mechanisms of the "
            "High-Level Committee on Programmes (HLCP), itself a committee of the Chief Executives "
            "Board for Coordination (CEB).",
            "en",
            {("ocean-panel", "hlcp"), ("hlcp", "ceb")},
        ),
        (
            "Das Büro für Meeresrecht (BMR) ist bis heute eine Hauptabteilung des UN-Sekretariats.",
            "de",
            {("bmr", "un-secretariat")},
        ),
        (
            "Der Weltklimarat (IPCC) ist ein gemeinsames Gremium der WMO, einer "
            "Sonderorganisation der Vereinten Nationen.",
            "de",
            {("ipcc", "wmo"), ("wmo", "un")},
        ),
    ],
)
def test_structure_nouns_and_appositions_make_parts(
    text: str, lang: str, expected: set[tuple[str, str]]
) -> None:
    assert {(s, o) for s, p, _, o, _ in claims(text, lang) if p == "part_of"} == expected


def test_a_structure_noun_inside_a_name_is_no_trigger() -> None:
    text = "Eng arbeitet die IOM mit UNAIDS, dem Gemeinsamen Programm der Vereinten Nationen für HIV/Aids, zusammen."
    assert not any(p == "part_of" for _, p, *_ in claims(text))


def test_a_role_without_its_body_belongs_to_the_organization_the_text_is_about() -> None:
    text = (
        "The Ocean Alliance (OA) is a partnership. The Ocean Alliance has a small secretariat. "
        "The founding partners were the World Health Organization (WHO) and the World Bank. "
        "The International Labour Organization (ILO) and UNICEF are members as well."
    )
    found = {(s, r, o) for s, p, r, o, _ in claims(text, "en") if p == "member_of"}
    assert {
        ("who", "founding_member", "ocean-alliance"),
        ("world-bank", "founding_member", "ocean-alliance"),
    } <= found
    assert {("ilo", "member", "ocean-alliance"), ("unicef", "member", "ocean-alliance")} <= found


def test_a_coordinated_main_clause_is_not_part_of_the_list() -> None:
    text = "Gavi is the sole member of the Ocean Alliance (OA), and the World Bank acts as its treasurer."
    found = {(s, o) for s, p, _, o, _ in claims(text, "en") if p == "member_of"}
    assert found == {("gavi", "ocean-alliance")}


def test_a_separable_verb_reaches_over_a_parenthesis() -> None:
    text = (
        "Am 1. Januar 2019 ging das Büro für Meeresrecht (BMR) in der neu gebildeten "
        "Hauptabteilung für Meeres- und Küstenfragen (Department of Ocean and Coastal Affairs, "
        "DOCA) auf."
    )
    assert ("bmr", "merged_into", None, "doca", "2019-01-01") in claims(text)


def test_both_stands_for_the_two_last_named_together() -> None:
    text = (
        "The Ocean Fund (OF) and the Sea Council (SC) began working together in 1990. "
        "Both organizations are members of the United Nations Sustainable Development Group "
        "(UNSDG)."
    )
    found = {(s, o) for s, p, _, o, _ in claims(text, "en") if p == "member_of"}
    assert {s for s, _ in found} == {"ocean-fund", "sea-council"}


def test_merged_into_a_body_named_after_the_verb_and_a_replaced_pronoun() -> None:
    merged = (
        "Mitte September 1997 wurden das Büro für Meeresfragen (BMF) und das Zentrum für "
        "Meeresrecht (ZMR) zu einem einzigen Amt zusammengelegt, dem Amt für Ozeane (AFO)."
    )
    assert {(s, p, o) for s, p, _, o, _ in claims(merged)} == {
        ("bmf", "merged_into", "afo"),
        ("zmr", "merged_into", "afo"),
    }
    replaced = (
        "Nachdem die Meereskommission (MK) in die Kritik geraten war, beschloss die "
        "Generalversammlung 2006, sie durch den Meeresrat (MR) zu ersetzen."
    )
    assert ("mk", "replaced_by", None, "mr", "2006") in claims(replaced)


def test_a_span_dates_an_event_within_it_but_bounds_a_state() -> None:
    joined = extract(
        "In den 1990er-Jahren trat die FAO der Umweltmanagementgruppe (EMG) bei.", "de"
    )
    (claim,) = joined.claims
    assert claim.interval.start is None and claim.interval.end is None
    assert claim.qualifiers["began_within"] == "1990/1999"
    part = extract("Von 1919 bis 1946 war die ILO Teil des Völkerbunds.", "de")
    (claim,) = part.claims
    assert (claim.subject, claim.object) == ("ilo", "league-of-nations")
    assert (str(claim.interval.start), str(claim.interval.end)) == ("1919", "1946")


def test_a_section_heading_names_the_body_its_sentences_speak_of() -> None:
    text = (
        "Koordinierung im Überblick\n\n"
        "Der Koordinierungsrat (CEB) bündelt die Arbeit.\n\n"
        "Meeresnetz\n\n"
        "Das Meeresnetz (MN) wurde 2004 als nachgeordnetes Gremium des CEB eingerichtet. "
        "Der Mechanismus soll die Arbeit bündeln. Zu seinen Mitgliedern zählen unter anderem "
        "die FAO und die WHO.\n"
    )
    found = {(s, p, o) for s, p, _, o, _ in claims(text)}
    assert ("mn", "part_of", "ceb") in found
    assert {("fao", "member_of", "mn"), ("who", "member_of", "mn")} <= found
    assert not any(o == "ceb" and p == "member_of" for _, p, o in found)


def test_a_name_defined_in_its_first_sentence_and_its_partners() -> None:
    text = (
        "Oceanaid is a global health initiative that buys medicines. In its first year it teamed "
        "up with the United Nations Children's Fund (UNICEF). Money was channelled through the "
        "Global Boat Facility (GBF) of the Stop TB Partnership."
    )
    result = extract(text, "en")
    assert "oceanaid" in result.new_entities
    found = {(c.subject, c.predicate, c.object) for c in result.claims}
    assert ("oceanaid", "cooperates_with", "unicef") in found
    assert any(s == "global-boat-facility" and p == "part_of" for s, p, _ in found)
    # Only a capitalised name defined as a kind of organization: no "The idea is a good one".
    assert extract("Progress is a slow process.", "en").new_entities == {}


def test_what_only_looks_like_a_relation() -> None:
    # An attributive participle names no founders; member states are no member organizations;
    # an agreement's subject matter is no second relation.
    assert (
        claims("Die Abkürzung steht auch für die 1995 gegründete Welthandelsorganisation.") == set()
    )
    assert (
        claims("In 1996 the Executive Board of the WFP, which has 36 member states, met.", "en")
        == set()
    )
    found = claims(
        "Ende 2010 billigte die Generalversammlung ein Abkommen über Zusammenarbeit zwischen der "
        "FAO und dem UNEP."
    )
    assert {p for _, p, *_ in found} == {"agreement_with"}


@pytest.mark.parametrize(
    "text",
    [
        # the agreement first, its date in a later sentence of the paragraph
        "Grundlage ist das Abkommen über die Beziehungen zwischen der FAO und dem UNEP. "
        "Die Generalversammlung billigte es am 14. November 1957; am selben Tag trat das "
        "Abkommen in Kraft.",
        # the date first, the agreement's parties in a later sentence
        "Ende 1957 billigte die Generalversammlung das entsprechende Abkommen. Das Abkommen "
        "zwischen der FAO und dem UNEP sichert beiden ihre Eigenständigkeit.",
    ],
)
def test_an_agreement_dated_in_another_sentence(text: str) -> None:
    dated = {(s, o, d) for s, p, _, o, d in claims(text) if p == "agreement_with"}
    assert len(dated) == 1 and next(iter(dated))[2] is not None and "1957" in next(iter(dated))[2]


def test_a_former_name_in_a_relative_clause_and_a_head_that_sits_for_its_organization() -> None:
    text = (
        "Die Meeresagentur (MA) arbeitet in Wien. Ihr Generaldirektor gehört dem "
        "Koordinierungsrat der Leiter (CEB) an, der bis 2001 Verwaltungsausschuss für "
        "Koordinierung (ACC) hieß."
    )
    assert claims(text) == {
        ("ma", "member_of", "member", "ceb", None),
        ("acc", "renamed_to", None, "ceb", "2001"),
    }


def test_a_present_state_takes_no_date_from_the_sentence_before() -> None:
    text = (
        "Die Meeresagentur (MA) zog 1948 nach Genf. Ihr Generalsekretär gehört dem "
        "Koordinierungsrat der Leiter (CEB) an."
    )
    assert ("ma", "member_of", "member", "ceb", None) in claims(text)
