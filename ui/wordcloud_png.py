"""Word clouds of Chinese terms as PNG bytes, drawn with a real CJK font (never tofu boxes)."""

from __future__ import annotations

import io
import zlib
from collections.abc import Mapping, Sequence

from wordcloud import WordCloud

from .fonts import cjk_font_path
from .theme import OKABE_ITO

# Okabe–Ito without yellow (weak on white) and black (reads as body text).
CLOUD_COLOURS = tuple(OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "sky", "purple"))
# Keeps Chinese words, Latin words and mixed terms such as DeepSeek-R1 (used when text is tokenised).
WORD_PATTERN = r"[\w\u3400-\u9fff\uf900-\ufaff][\w\u3400-\u9fff\uf900-\ufaff.+\-']*"
RANDOM_STATE = 42
MAX_WORDS = 150


def _colour_func(colours: Sequence[str]):
    """Colour each word by a stable hash of its text, so a term keeps its colour between renders."""
    def colour(word, font_size, position, orientation, random_state=None, **kwargs):
        return colours[zlib.crc32(word.encode("utf-8")) % len(colours)]
    return colour


def wordcloud_png(
    frequencies: Mapping[str, int],
    width: int = 900,
    height: int = 500,
    colormap: Sequence[str] | str = CLOUD_COLOURS,
    scale: int = 2,
) -> bytes:
    """Render term frequencies as a deterministic PNG word cloud (width×scale px); ValueError if empty.

    `colormap` is a list of colours (default: Okabe–Ito) or a matplotlib colormap name.
    """
    freqs = {str(t).strip(): float(c) for t, c in (frequencies or {}).items()
             if str(t).strip() and isinstance(c, (int, float)) and c > 0}
    if not freqs:
        raise ValueError("No terms to draw: the word cloud needs at least one term with a positive count.")
    by_name = isinstance(colormap, str)
    cloud = WordCloud(
        font_path=cjk_font_path(), width=width, height=height, scale=scale, background_color="white",
        prefer_horizontal=1.0, collocations=False, regexp=WORD_PATTERN, random_state=RANDOM_STATE,
        max_words=MAX_WORDS, relative_scaling=0.5, min_font_size=8, max_font_size=int(height * 0.3), margin=4,
        colormap=colormap if by_name else None,
        color_func=None if by_name else _colour_func(list(colormap) or list(CLOUD_COLOURS)),
    )
    cloud.generate_from_frequencies(freqs)
    buf = io.BytesIO()
    cloud.to_image().save(buf, format="PNG", optimize=True)
    return buf.getvalue()
