"""Ask in German or English: the parsed question answered, or an honest refusal.

`ask` never raises for bad input: a question the parser cannot place, or one the
graph cannot answer (an unknown name, say), becomes a `cannot_answer` result that
says why and lists the kinds of question that can be answered, in the question's
language.
"""

from __future__ import annotations

from typing import Any

from orgraph.errors import OrgraphError
from orgraph.qa.answer import ANSWERABLE, Kind, Result, answer
from orgraph.qa.parse import CannotParse, Found, parse, patterns
from orgraph.store import Store


def ask(store: Store, text: str, lang: str | None = None) -> Result:
    """Answer a German or English question from the graph, with citations, or refuse."""
    try:
        question = parse(store, text, lang)
    except CannotParse as refusal:
        return refuse(refusal.lang, refusal.reason, **refusal.details)
    try:
        return answer(store, question)
    except OrgraphError as error:
        return refuse(question.lang, "no_answer", error=str(error))


def refuse(lang: str, reason: str, **details: Any) -> Result:
    """The refusal: why, and the kinds of question that can be answered, with examples."""
    words = patterns()["refusal"]["de" if lang == "de" else "en"]
    why = words[reason].format(**{k: _detail(v, lang) for k, v in details.items()})
    kinds = patterns()["kinds"]
    offer = "\n".join(f"- {kinds[k.value]['de' if lang == 'de' else 'en']}" for k in ANSWERABLE)
    text = f"{words['intro']}: {why}.\n{words['offer']}:\n{offer}"
    return Result(Kind.CANNOT_ANSWER, None, text, [], [], why)


def _detail(value: Any, lang: str) -> str:
    if isinstance(value, tuple):  # (fewest, most) organizations
        fewest, most = value
        count = str(fewest) if fewest == most else f"{fewest}–{most}"
        return f"{count} " + ("Organisation(en)" if lang == "de" else "organization(s)")
    if isinstance(value, list):
        found = [v.text for v in value if isinstance(v, Found)]
        return f"{len(found)}: " + ", ".join(found) if found else "0"
    return str(value)
