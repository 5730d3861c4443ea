"""Ask in German or English: the parsed question answered, or an honest refusal.

`ask` never raises for bad input: a question the parser cannot place, or one the
graph cannot answer (an unknown name, say), becomes a `cannot_answer` result that
says why, suggests close matches for a name it did not know ("UNICFE" → UNICEF), and
offers a short list of what can be asked, each with an example question, in the
question's language.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from orgraph.errors import OrgraphError
from orgraph.qa.answer import Kind, Result, answer
from orgraph.qa.parse import CannotParse, Found, parse, patterns
from orgraph.store import Store

# How alike a word of the question and a known name must be to be offered (difflib ratio).
_CLOSE = 0.8
_MAX_SUGGESTIONS = 3


def ask(store: Store, text: str, lang: str | None = None) -> Result:
    """Answer a German or English question from the graph, with citations, or refuse.

    The question's own words decide its language; `lang` (the UI language) only settles a
    question that has none.
    """
    try:
        question = parse(store, text, lang)
    except CannotParse as refusal:
        details = dict(refusal.details)
        suggestions = suggest(store, str(details.pop("suggest", "")))
        result = refuse(refusal.lang, refusal.reason, **details)
        result.suggestions = suggestions
        if suggestions:
            words = patterns()["refusal"][_lang(refusal.lang)]["suggest"]
            names = ", ".join(s["name"] for s in suggestions)
            first_line, _, rest = result.text.partition("\n")
            result.text = f"{first_line[:-1]}; {words.format(names=names)}\n{rest}"
        return result
    try:
        return answer(store, question)
    except OrgraphError as error:
        return refuse(question.lang, "no_answer", error=str(error))


def _lang(lang: str) -> str:
    return "de" if lang == "de" else "en"


def offer(lang: str) -> list[dict[str, str]]:
    """What can be asked: a short list, each kind in words with an example question."""
    kinds = patterns()["kinds"]
    return [
        {"kind": kind, "what": kinds[kind][_lang(lang)][0], "q": kinds[kind][_lang(lang)][1]}
        for kind in patterns()["refusal"]["offer"]
    ]


def refuse(lang: str, reason: str, **details: Any) -> Result:
    """The refusal: why, and a short list of what can be asked, one line each."""
    words = patterns()["refusal"][_lang(lang)]
    why = words[reason].format(**{k: _detail(v, lang) for k, v in details.items()})
    examples = offer(lang)
    lines = "\n".join(f"- {e['what']}: {e['q']}" for e in examples)
    text = f"{words['intro']}: {why}.\n{words['offer']}:\n{lines}"
    return Result(Kind.CANNOT_ANSWER, None, text, [], [], why, examples=examples)


def suggest(store: Store, text: str) -> list[dict[str, str]]:
    """Known names close to a word (or words) of the question, each with the question rewritten."""
    if not text:
        return []
    known: dict[str, str] = {}
    for entity in store.entities():
        for name in entity.names:
            if name.kind in ("acronym", "label", "alias"):
                known.setdefault(name.text.casefold(), name.text)
    language = {w for words in patterns()["language"].values() for w in words}
    words = [w for w in re.findall(r"[\w.\-]+", text) if w.casefold() not in language]
    found: dict[str, dict[str, str]] = {}
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if len(phrase) < 3 or not any(c.isupper() for c in phrase):
                continue
            for match in difflib.get_close_matches(phrase.casefold(), known, 1, _CLOSE):
                close = known[match]
                if close not in found and close != phrase:
                    found[close] = {"name": close, "q": text.replace(phrase, close, 1)}
    return list(found.values())[:_MAX_SUGGESTIONS]


def _detail(value: Any, lang: str) -> str:
    if isinstance(value, tuple):  # (fewest, most) organizations
        fewest, most = value
        count = str(fewest) if fewest == most else f"{fewest}–{most}"
        return f"{count} " + ("Organisation(en)" if lang == "de" else "organization(s)")
    if isinstance(value, list):
        found = [v.text for v in value if isinstance(v, Found)]
        return f"{len(found)}: " + ", ".join(found) if found else "0"
    return str(value)
