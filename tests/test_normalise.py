"""Script and language detection, traditional→simplified conversion."""

import pytest

from analysis.normalise import detect_language, detect_script, fold_width, to_simplified


@pytest.mark.parametrize("text, script", [
    ("中國開發的開源人工智能產品DeepSeek面世。", "traditional"),
    ("中国开发的开源人工智能产品DeepSeek面世。", "simplified"),
    ("人工智能", "simplified"),  # shared characters only read the same in both scripts
    ("DeepSeek only", None),
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_to_simplified_keeps_length_and_latin():
    text = "開發(DeepSeek)戰略"
    assert to_simplified(text) == "开发(DeepSeek)战略"


@pytest.mark.parametrize("text, language", [
    ("中国的人工智能正在快速发展", "zh"),
    ("DeepSeek shocked Silicon Valley this week.", "en"),
    ("DeepSeek发布R1模型", "zh"),
    ("12345 ...", "und"),
])
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_fold_width_folds_fullwidth_latin_only():
    assert fold_width("ＡＩ，１００") == "AI，100"
