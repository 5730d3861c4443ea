"""Questions in German or English, answered from the graph with citations."""

from orgraph.qa.answer import ANSWERABLE, Kind, Question, Result, answer
from orgraph.qa.ask import ask, offer, refuse
from orgraph.qa.parse import CannotParse, parse

__all__ = [
    "ANSWERABLE",
    "CannotParse",
    "Kind",
    "Question",
    "Result",
    "answer",
    "ask",
    "offer",
    "parse",
    "refuse",
]
