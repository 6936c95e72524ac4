"""Split clean article text into sentences, keeping closing quotes with their sentence."""

from __future__ import annotations

import re

# A sentence ends at Chinese or half-width terminal punctuation (runs of it count once), plus any
# closing quotes or brackets right after it; a half-width period ends one only before a space, a
# line end or a Han character, so "3.5" and "e.g." inside Latin text stay whole.
_END = re.compile(
    r"""(
        [。！？!?]+[”’」』）)》"']*
      | …+[”’」』）)"']*(?=\s|$|[\u3400-\u9fff“「『])
      | (?<![0-9A-Z])\.(?=\s|$|[\u3400-\u9fff])[”’」』）)"']*
    )""",
    re.VERBOSE,
)


def split_paragraphs(text: str) -> list[str]:
    """Return the non-blank lines of text, stripped: one paragraph or heading each."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences; text without terminal punctuation is one sentence."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start:match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def sentence_records(body: str) -> list[dict]:
    """Return every sentence of a body as {"index", "paragraph", "text"}, in reading order."""
    records = []
    for paragraph_index, paragraph in enumerate(split_paragraphs(body)):
        for sentence in split_sentences(paragraph):
            records.append({"index": len(records), "paragraph": paragraph_index, "text": sentence})
    return records
