"""The question patterns and answer words of `qa/patterns.toml`, read once, and the refusal
reason a parser raises."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from orgraph.errors import OrgraphError


@cache
def patterns() -> dict[str, Any]:
    resource = files("orgraph").joinpath("qa").joinpath("patterns.toml")
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def compiled(values: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(v) for v in values]


def any_match(rules: list[re.Pattern[str]], text: str) -> bool:
    return any(rule.search(text) for rule in rules)


class CannotParse(OrgraphError):
    """The question is not one the parser can turn into a query; `reason` says why."""

    def __init__(self, lang: str, reason: str, **details: Any) -> None:
        self.lang = lang
        self.reason = reason
        self.details = details
        super().__init__(reason)
