"""Word clouds draw real Chinese glyphs (not tofu boxes), deterministically; font discovery fails clearly."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import wordcloud
from PIL import Image

import ui.fonts as fonts
import ui.wordcloud_png as wc
from ui.fonts import MissingFontError, cjk_font_path
from ui.wordcloud_png import wordcloud_png

TERMS = {"人工智能": 40, "DeepSeek": 35, "中国": 30, "通用人工智能": 20, "英伟达": 18, "出口管制": 15,
         "开源": 14, "强化学习": 12, "梁文锋": 10, "混合专家": 9, "算力": 8, "芯片": 8, "美国": 7}
# A Latin-only font shipped with wordcloud: every Chinese character becomes the same .notdef box.
LATIN_ONLY_FONT = str(Path(wordcloud.__file__).parent / "DroidSansMono.ttf")


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(int)


def render_one(word: str, font: str, monkeypatch) -> np.ndarray:
    monkeypatch.setattr(wc, "cjk_font_path", lambda: font)
    return pixels(wordcloud_png({word: 5}, width=300, height=150, scale=1))


def test_wordcloud_is_a_png_of_the_requested_size():
    png = wordcloud_png(TERMS, width=400, height=200, scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert image.size == (800, 400)


def test_wordcloud_draws_many_glyph_pixels_in_palette_colours():
    image = np.asarray(Image.open(io.BytesIO(wordcloud_png(TERMS, scale=1))).convert("RGB"))
    ink = (image < 200).any(axis=2)
    assert ink.mean() > 0.05  # lots of strokes, not a blank canvas
    colours = {tuple(px) for px in image[ink].reshape(-1, 3)[::50]}
    assert len(colours) > 5  # several palette colours plus anti-aliasing


def test_distinct_chinese_words_render_as_distinct_glyphs(monkeypatch):
    font = cjk_font_path()
    china, usa = render_one("中国", font, monkeypatch), render_one("美国", font, monkeypatch)
    assert np.abs(china - usa).mean() > 0.5  # real glyphs: 中 and 美 differ


def test_the_glyph_check_detects_tofu_with_a_latin_only_font(monkeypatch):
    china = render_one("中国", LATIN_ONLY_FONT, monkeypatch)
    usa = render_one("美国", LATIN_ONLY_FONT, monkeypatch)
    assert np.array_equal(china, usa)  # tofu: every character the same box, so the check above is meaningful


def test_cjk_render_differs_from_the_tofu_render(monkeypatch):
    real = render_one("人工智能", cjk_font_path(), monkeypatch)
    tofu = render_one("人工智能", LATIN_ONLY_FONT, monkeypatch)
    assert (real < 200).sum() > 1.5 * (tofu < 200).sum()  # box outlines carry far less ink than glyphs


def test_wordcloud_is_deterministic():
    assert wordcloud_png(TERMS, scale=1) == wordcloud_png(TERMS, scale=1)


@pytest.mark.parametrize("freqs", [{}, {"人工智能": 0}, {"  ": 3}, None])
def test_empty_frequencies_raise_a_clear_value_error(freqs):
    with pytest.raises(ValueError, match="No terms"):
        wordcloud_png(freqs)


def test_a_matplotlib_colormap_name_is_accepted():
    assert wordcloud_png({"开源": 3, "芯片": 2}, colormap="viridis", scale=1).startswith(b"\x89PNG")


def test_cjk_font_path_finds_an_installed_font_file():
    path = cjk_font_path()
    assert Path(path).is_file()
    assert path.lower().endswith((".ttc", ".ttf", ".otf"))


def test_missing_cjk_font_raises_with_the_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "_fc_list_fonts", lambda: [])
    monkeypatch.setattr(fonts, "KNOWN_CJK_FONTS", (str(tmp_path / "nope.ttc"),))
    with pytest.raises(MissingFontError, match="apt-get install fonts-wqy-microhei"):
        fonts.cjk_font_path()
    assert issubclass(MissingFontError, RuntimeError)
