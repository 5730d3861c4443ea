"""Fields of infoboxes, fact sheets and lists: the key says how each item relates to the topic."""

from __future__ import annotations

from orgraph.pipeline.extract import extract
from orgraph.pipeline.fields import field_of


def relations(text: str, lang: str = "de") -> set[tuple[str, str, str | None, str]]:
    return {(c.subject, c.predicate, c.role, c.object) for c in extract(text, lang).claims}


def test_keys_name_fields_and_sentences_do_not() -> None:
    found = field_of("Ständige Eingeladene: IKRK, IFRC")
    assert found is not None and found[0].role == "standing_invitee"
    assert field_of("Mitglieder der Gruppe sind seit 2003 zahlreiche Organisationen: X") is None
    assert field_of("Sitz: Genf") is None  # a key the lexicon does not relate


def test_an_infobox_relates_its_items_to_the_title() -> None:
    text = (
        "Inter-Agency Standing Committee\n"
        "Sekretariat: Genf, angesiedelt bei OCHA\n"
        "Mitglieder: FAO, WFP\n"
        "Ständige Eingeladene: IKRK\n"
        "Dachorganisation: Vereinte Nationen\n"
    )
    found = relations(text)
    assert ("fao", "member_of", "member", "iasc") in found
    assert ("wfp", "member_of", "member", "iasc") in found
    assert ("icrc", "member_of", "standing_invitee", "iasc") in found
    assert ("iasc", "part_of", None, "un") in found
    # An unknown key neither relates its items nor becomes the topic of the lines below.
    assert not any("ocha" in (s, o) for s, _, _, o in found)


def test_items_one_per_line_and_a_new_heading_changes_the_topic() -> None:
    text = (
        "World Food Programme\n\n"
        "Partners:\n- UNICEF\n- UNHCR\n\n"
        "Food and Agriculture Organization\n\n"
        "Observers: IFAD\n"
    )
    found = relations(text, "en")
    assert ("wfp", "cooperates_with", None, "unicef") in found
    assert ("wfp", "cooperates_with", None, "unhcr") in found
    assert ("ifad", "member_of", "observer", "fao") in found
    assert ("ifad", "member_of", "observer", "wfp") not in found
