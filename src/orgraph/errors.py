"""The error catalogue: one root exception, a few specific kinds.

The CLI turns every `OrgraphError` into a one-line message and exit code 2;
the HTTP API turns it into a JSON problem body with a 4xx status.
"""

from __future__ import annotations


class OrgraphError(Exception):
    """Root of every error orgraph raises on purpose (bad input, unknown names...)."""

    status = 400


class InvalidDate(OrgraphError):
    """A date that cannot be parsed, or one that cannot exist (2023-02-30)."""


class InvalidClaim(OrgraphError):
    """A claim that breaks the domain model: unknown predicate, end before start..."""


class UnknownEntity(OrgraphError):
    """A name that matches no entity; carries close matches to suggest."""

    status = 404

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = f" (did you mean: {', '.join(self.suggestions)}?)" if self.suggestions else ""
        super().__init__(f"unknown entity {name!r}{hint}")


class NotFound(OrgraphError):
    """A claim, source or document id that does not exist."""

    status = 404


class StoreError(OrgraphError):
    """The database file is unreadable, corrupt, or not an orgraph store."""

    status = 500


class BadDocument(OrgraphError):
    """A document that cannot be ingested: binary, wrong encoding, empty, too large."""

    status = 422


class InvalidImport(OrgraphError):
    """A JSONL import line that does not validate; the message names the line."""


class DocumentStored(OrgraphError):
    """A document whose content is already stored (another ingest may have just stored it)."""

    status = 409

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id
        super().__init__(f"document {source_id} is already stored")
