"""Labels, axes and other constants shared by every step."""

from __future__ import annotations

from enum import Enum


class Label(str, Enum):
    """Sentence stance on one axis."""

    OPTIMISTIC = "optimistic"
    SKEPTICAL = "skeptical"
    NONE = "none"


class ArticleLabel(str, Enum):
    """Article stance on one axis: sentence labels aggregated."""

    OPTIMISTIC = "optimistic"
    SKEPTICAL = "skeptical"
    MIXED = "mixed"
    NONE = "none"


class Axis(str, Enum):
    """The two stance axes of SPEC.md."""

    CHINA = "china"
    AGI = "agi"


AXES = (Axis.CHINA.value, Axis.AGI.value)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

# Fields of a `parse` record, in SPEC order.
PARSE_FIELDS = (
    "path", "ok", "error", "title", "authors", "source", "date", "url",
    "language", "script", "encoding", "chars", "body",
)
