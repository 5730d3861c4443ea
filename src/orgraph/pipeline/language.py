"""Which language a document is in: German or English, by common function words."""

from __future__ import annotations

from orgraph.names import fold


def detect_language(text: str) -> str:
    """German or English, by common function words (enough for prose about organizations)."""
    words = fold(text[:20000]).split()
    de = sum(
        w in {"der", "die", "das", "und", "ist", "mit", "von", "für", "wurde", "den", "im"}
        for w in words
    )
    en = sum(
        w in {"the", "and", "of", "is", "with", "for", "was", "to", "in", "by", "has"}
        for w in words
    )
    return "de" if de >= en else "en"
