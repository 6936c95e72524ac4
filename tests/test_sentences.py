"""Sentence splitting: Chinese and half-width terminals, closing quotes kept, numbers intact."""

import pytest
from hypothesis import given, strategies as st

from analysis.sentences import sentence_records, split_sentences

CASES = [
    ("DeepSeek很强。它开源了！真的吗？", ["DeepSeek很强。", "它开源了！", "真的吗？"]),
    ("他说：“中国会赢。”然后离开了。", ["他说：“中国会赢。”", "然后离开了。"]),
    ("「這是突破。」他說。", ["「這是突破。」", "他說。"]),
    ("成本只有560万美元.但算力有限.", ["成本只有560万美元.", "但算力有限."]),
    ("GPT-3.5 is old. V3 is new.", ["GPT-3.5 is old.", "V3 is new."]),
    ("市值缩水5890亿美元，股价暴跌17.5%。", ["市值缩水5890亿美元，股价暴跌17.5%。"]),
    ("真的吗？！不会吧……他说", ["真的吗？！", "不会吧……", "他说"]),
    ("没有句号的标题", ["没有句号的标题"]),
    ("", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_split_sentences_golden(text, expected):
    assert split_sentences(text) == expected


def test_sentence_records_number_sentences_and_paragraphs():
    records = sentence_records("第一段。第二句！\n\n第二段")
    assert [(r["index"], r["paragraph"], r["text"]) for r in records] == [
        (0, 0, "第一段。"), (1, 0, "第二句！"), (2, 1, "第二段"),
    ]


@given(st.text(alphabet="中国AI。！？!?.…”」 \n0123456789abc", max_size=80))
def test_split_sentences_loses_no_characters_but_whitespace(text):
    def squeeze(value: str) -> str:
        return "".join(value.split())

    assert squeeze("".join(split_sentences(text))) == squeeze(text)
