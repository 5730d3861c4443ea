"""Organization mentions: inflection, acronyms, learned definitions, units, references."""

from __future__ import annotations

import pytest

from orgraph.pipeline.extract import extract


def mentioned(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entity) for m in extract(text, "de").mentions if m.how != "definition"]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Das gilt auch für die Leiter der Internationalen Arbeitsorganisation.", "ilo"),
        ("Das Büro des Hohen Kommissars der Vereinten Nationen für Flüchtlinge half.", "unhcr"),
        ("Dem Welternährungsprogramm fehlte Geld.", "wfp"),
        ("Die UNCTs trafen sich.", "unct"),
        ("Mit UN DESA wurde gesprochen.", "desa"),
        ("Mit UNDESA wurde gesprochen.", "desa"),
        ("Ein Sprecher der Weltbank sagte nichts.", "world-bank"),
    ],
)
def test_gazetteer_names_in_any_inflection(text: str, entity: str) -> None:
    assert entity in {e for _, e in mentioned(text)}


def test_unknown_organization_is_learned_from_its_acronym_definition() -> None:
    text = (
        "Der Rat für Meeresforschung (RMF) tagte in Kiel. Später schloss sich der RMF dem "
        "Netzwerk an."
    )
    result = extract(text, "de")
    assert "rmf" in result.new_entities
    assert [m.entity for m in result.mentions if m.text == "RMF"] == ["rmf", "rmf"]


def test_acronym_wins_over_a_generic_name_inside_the_long_form() -> None:
    text = "Sie arbeitet mit der Abteilung der Vereinten Nationen für Abrüstungsfragen (UNODA)."
    entities = {e for _, e in mentioned(text)}
    assert "unoda" in entities and "un" not in entities


def test_units_become_entities_part_of_their_parent() -> None:
    text = "Das Verbindungsbüro des UNHCR in Brüssel berichtet an die Zentrale."
    result = extract(text, "de")
    unit = next(e for e in result.new_entities.values() if e.type == "unit")
    assert unit.parent == "unhcr"
    assert any(c.predicate == "part_of" and c.subject == unit.id for c in result.claims)


def test_weak_aliases_need_their_context_word() -> None:
    assert "logistics-cluster" not in {e for _, e in mentioned("Die Logistik der Armee ist gut.")}
    assert "logistics-cluster" in {e for _, e in mentioned("Im Cluster Logistik arbeitet sie mit.")}


def test_the_organization_resolves_to_the_text_focus() -> None:
    text = (
        "Die WHO ist eine Sonderorganisation. Die WHO hat ihren Sitz in Genf. "
        "Die Organisation wurde 1948 gegründet."
    )
    assert ("Die Organisation", "who") in [(m.text, m.entity) for m in extract(text, "de").mentions]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Die Aufgaben wurden 2009 herausgelöst und einer eigenen Stelle für "
            "Meeresfragen (Office of Ocean Affairs, OOA) übertragen.",
            "Stelle für Meeresfragen",
        ),
        (
            "Sie erhielt den Namen Zentrum für Wasserrecht (Centre for Water Law, CWL).",
            "Zentrum für Wasserrecht",
        ),
        (
            "Im selben Jahr entstand innerhalb des UNEP das Büro für Küstenschutz (BKS).",
            "Büro für Küstenschutz",
        ),
        (
            "Verwaltet wird der Fonds für die Reaktion auf Dürren (Drought Response Fund, DRF).",
            "Fonds für die Reaktion auf Dürren",
        ),
    ],
)
def test_a_long_form_starts_at_the_name_not_at_the_clause(text: str, label: str) -> None:
    assert label in {e.label for e in extract(text, "de").new_entities.values()}


def test_a_body_named_in_two_languages_is_learned_without_an_acronym() -> None:
    text = (
        "Zuständig war eine kleine Abteilung für Meeresrecht (Division of Ocean Law). "
        "Später wurde die Abteilung aufgewertet."
    )
    result = extract(text, "de")
    assert "division-of-ocean-law" in result.new_entities
    assert [m.entity for m in result.mentions if m.how == "reference"] == ["division-of-ocean-law"]
    # A role with a gloss is no body.
    assert (
        extract("Jedes Cluster hat eine Leitorganisation (Cluster Lead Agency).", "de").new_entities
        == {}
    )


@pytest.mark.parametrize(
    ("text", "lang", "parent"),
    [
        ("Der Exekutivrat der OVCW tagt viermal im Jahr.", "de", "opcw"),
        ("The Gavi Board sets the policies.", "en", "gavi"),
        ("The ACC Subcommittee on Water Resources met in 1999.", "en", "acc"),
    ],
)
def test_units_of_an_organization(text: str, lang: str, parent: str) -> None:
    result = extract(text, lang)
    assert [(e.type, e.parent) for e in result.new_entities.values() if e.type == "unit"] == [
        ("unit", parent)
    ]


def test_a_name_ending_like_a_unit_is_no_unit_phrase() -> None:
    text = "Der Beobachterstatus in der UN-Generalversammlung, den die IOM 1992 erhielt, blieb."
    assert not [e for e in extract(text, "de").new_entities.values() if e.type == "unit"]


def test_a_sentence_opening_word_is_no_part_of_a_long_form() -> None:
    from orgraph.pipeline.extract import extract

    text = (
        "Als die Globale Gesundheitsallianz (GGA) 2004 ihre Arbeit aufnahm, galt sie als Versuch."
    )
    found = {m.text for m in extract(text, "de").mentions}
    assert "Globale Gesundheitsallianz" in found
    assert not any(m.startswith("Als") for m in found)
