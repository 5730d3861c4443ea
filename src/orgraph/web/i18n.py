"""The UI's words in English and German; the chosen language is remembered in a cookie.

Labels of entities come from the gazetteer (their names per language) and
predicate labels from the vocabulary file; only the interface's own words live here.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from orgraph.model import Entity, predicates

LANGS = ("en", "de")
COOKIE = "orgraph_lang"

WORDS: dict[str, dict[str, str]] = {
    "search": {"en": "Search", "de": "Suche"},
    "search_placeholder": {
        "en": "An organization by any name or acronym",
        "de": "Eine Organisation, unter jedem Namen oder Kürzel",
    },
    "results": {"en": "Results", "de": "Treffer"},
    "no_results": {"en": "Nothing found.", "de": "Nichts gefunden."},
    "documents": {"en": "Documents", "de": "Dokumente"},
    "document": {"en": "Document", "de": "Dokument"},
    "network": {"en": "Network", "de": "Netzwerk"},
    "review": {"en": "Review", "de": "Prüfung"},
    "review_queue": {"en": "Review queue", "de": "Prüfliste"},
    "api_docs": {"en": "API", "de": "API"},
    "bodies": {"en": "Bodies with members", "de": "Gremien mit Mitgliedern"},
    "names_over_time": {"en": "Names over time", "de": "Namen im Lauf der Zeit"},
    "also_called": {"en": "Also called", "de": "Auch genannt"},
    "relations": {"en": "Relations", "de": "Beziehungen"},
    "conflicts": {"en": "Sources disagree", "de": "Die Quellen widersprechen sich"},
    "sources": {"en": "sources", "de": "Quellen"},
    "no_relations": {"en": "No relations recorded.", "de": "Keine Beziehungen erfasst."},
    "membership_timeline": {"en": "Membership timeline", "de": "Zeitleiste der Mitgliedschaft"},
    "members_as_of": {"en": "Members as of", "de": "Mitglieder am"},
    "show": {"en": "Show", "de": "Anzeigen"},
    "member": {"en": "Member", "de": "Mitglied"},
    "answer": {"en": "Answer", "de": "Antwort"},
    "role": {"en": "Role", "de": "Rolle"},
    "since": {"en": "Since", "de": "Seit"},
    "until": {"en": "Until", "de": "Bis"},
    "why": {"en": "Why", "de": "Begründung"},
    "evidence": {"en": "Evidence", "de": "Beleg"},
    "certain": {"en": "certain", "de": "sicher"},
    "uncertain_window": {"en": "window of uncertainty", "de": "Unsicherheitsfenster"},
    "renamed": {"en": "renamed", "de": "umbenannt"},
    "yes": {"en": "yes", "de": "ja"},
    "no": {"en": "no", "de": "nein"},
    "uncertain": {"en": "uncertain", "de": "unsicher"},
    "ongoing": {"en": "ongoing", "de": "andauernd"},
    "ended": {"en": "ended", "de": "beendet"},
    "unknown": {"en": "unknown", "de": "unbekannt"},
    "today": {"en": "today", "de": "heute"},
    "body_page": {"en": "Membership timeline", "de": "Mitgliedschaft im Zeitverlauf"},
    "date": {"en": "Date", "de": "Datum"},
    "edges_visible": {"en": "relations hold", "de": "Beziehungen bestehen"},
    "holds": {"en": "holds", "de": "besteht"},
    "may_hold": {"en": "may hold", "de": "besteht vielleicht"},
    "claims": {"en": "Claims", "de": "Aussagen"},
    "organizations": {"en": "organizations", "de": "Organisationen"},
    "dates": {"en": "dates", "de": "Zeitangaben"},
    "page_short": {"en": "p.", "de": "S."},
    "pages": {"en": "pages", "de": "Seiten"},
    "as_of": {"en": "as of", "de": "Stand"},
    "candidates": {"en": "Candidates", "de": "Kandidaten"},
    "accepted": {"en": "Accepted", "de": "Angenommen"},
    "rejected": {"en": "Rejected", "de": "Abgelehnt"},
    "candidate": {"en": "candidate", "de": "Kandidat"},
    "accept": {"en": "Accept", "de": "Annehmen"},
    "reject": {"en": "Reject", "de": "Ablehnen"},
    "edit": {"en": "Edit", "de": "Bearbeiten"},
    "save": {"en": "Save (retracts and re-records)", "de": "Speichern (zieht zurück, erfasst neu)"},
    "history": {"en": "History", "de": "Verlauf"},
    "recorded": {"en": "recorded", "de": "erfasst"},
    "retracted": {"en": "retracted", "de": "zurückgezogen"},
    "token": {"en": "Write token", "de": "Schreib-Token"},
    "token_hint": {
        "en": "Reviews and uploads need the token the server was started with.",
        "de": "Prüfen und Hochladen brauchen das Token, mit dem der Server gestartet wurde.",
    },
    "upload": {"en": "Upload a document to ingest", "de": "Dokument hochladen und einlesen"},
    "upload_button": {"en": "Upload", "de": "Hochladen"},
    "predicate": {"en": "Predicate", "de": "Prädikat"},
    "subject": {"en": "Subject", "de": "Subjekt"},
    "object": {"en": "Object", "de": "Objekt"},
    "start": {"en": "Start", "de": "Beginn"},
    "end": {"en": "End", "de": "Ende"},
    "status": {"en": "Status", "de": "Status"},
    "confidence": {"en": "Confidence", "de": "Konfidenz"},
    "language": {"en": "Language", "de": "Sprache"},
    "json": {"en": "JSON", "de": "JSON"},
    "nothing_to_review": {"en": "Nothing to review.", "de": "Nichts zu prüfen."},
    "page": {"en": "Page", "de": "Seite"},
    "previous": {"en": "previous", "de": "zurück"},
    "next": {"en": "next", "de": "weiter"},
    "then_called": {"en": "then called", "de": "damals"},
    "now_called": {"en": "now", "de": "heute"},
    "ask": {"en": "Ask a question", "de": "Eine Frage stellen"},
    "ask_button": {"en": "Ask", "de": "Fragen"},
    "try_asking": {"en": "Try asking", "de": "Zum Beispiel"},
    "did_you_mean": {"en": "Did you mean", "de": "Meinten Sie"},
    "home": {"en": "Start", "de": "Start"},
    "count_documents": {"en": "documents", "de": "Dokumente"},
    "count_organizations": {
        "en": "organizations in statements",
        "de": "Organisationen in Aussagen",
    },
    "count_statements": {"en": "statements", "de": "Aussagen"},
    "count_pending": {"en": "pending review", "de": "zu prüfen"},
    "recent_documents": {"en": "Recent documents", "de": "Neueste Dokumente"},
    "no_documents": {"en": "No documents yet.", "de": "Noch keine Dokumente."},
    "error": {"en": "Error", "de": "Fehler"},
    "back_home": {"en": "Back to the start page", "de": "Zurück zur Startseite"},
    "incoming": {"en": "(incoming)", "de": "(eingehend)"},
    "home_intro": {
        "en": "A temporal, source-linked knowledge graph of organizations: every fact with its time and its sentence.",
        "de": "Ein zeitbezogener, belegter Wissensgraph über Organisationen: jede Aussage mit ihrer Zeit und ihrem Satz.",
    },
}

Translate = Callable[[str], str]


def language(request: Request) -> str:
    """?lang= wins, then the remembered cookie, then the browser's Accept-Language."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGS:
        return remembered
    accept = request.headers.get("accept-language", "").lower()
    return "de" if accept.startswith("de") else "en"


def translator(lang: str) -> Translate:
    def t(key: str) -> str:
        entry = WORDS.get(key)
        return entry.get(lang, entry["en"]) if entry else key

    return t


def entity_label(entity: Entity, lang: str) -> str:
    """The entity's name in the UI language, else its main label."""
    return entity.labels().get(lang) or entity.label


def predicate_label(name: str, lang: str) -> str:
    entry = predicates().get(name)
    return entry.label.get(lang, name) if entry else name
