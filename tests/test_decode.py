"""decode.py: byte-order marks, binary sniffing, strict UTF-8, legacy Chinese encodings, newlines."""

from pathlib import Path

import pytest

from analysis.decode import binary_kind, declared_charset, decode, guess_legacy, normalise_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _pieces(text: str, size: int) -> list[str]:
    """Cut the non-ASCII-heavy lines of a text into pieces of `size` characters."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        for i in range(0, len(line) - size + 1, size):
            out.append(line[i:i + size])
    return out


@pytest.fixture(scope="module")
def simplified() -> str:
    return (SEEDS / "001_8a01f4ea65b6cdb0.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def traditional() -> str:
    return (SEEDS / "004_9ce411dfd90c9eab.txt").read_text("utf-8")


@pytest.mark.parametrize("data, encoding", [
    ("人工智能".encode("utf-8"), "utf-8"),
    ("人工智能".encode("utf-8-sig"), "utf-8-sig"),
    ("人工智能".encode("utf-16"), "utf-16"),
    (b"\xfe\xff" + "人工智能".encode("utf-16-be"), "utf-16"),
    ("DeepSeek open-sources its model 开源".encode("utf-16-le"), "utf-16-le"),  # no BOM: NULs in odd bytes
    ("人工智能".encode("utf-32"), "utf-32"),
    (b"plain ascii", "utf-8"),
])
def test_decode_reads_unicode_encodings(data, encoding):
    result = decode(data)
    assert result.error is None and result.encoding == encoding and result.text.strip()


@pytest.mark.parametrize("size", [8, 15, 30])
def test_decode_detects_short_gbk_samples(simplified, size):
    pieces = [p for p in _pieces(simplified, size) if not p.isascii()]
    right = sum(decode(p.encode("gb18030")).text == p for p in pieces)
    assert right / len(pieces) >= (0.95 if size == 8 else 0.99)


@pytest.mark.parametrize("size", [8, 15, 30])
def test_decode_detects_short_big5_samples(traditional, size):
    pieces = []
    for piece in _pieces(traditional, size):
        try:
            if not piece.isascii():
                pieces.append((piece, piece.encode("big5")))
        except UnicodeEncodeError:
            continue
    right = sum(decode(data).text == piece for piece, data in pieces)
    assert right / len(pieces) >= 0.97


def test_decode_detects_whole_gbk_and_big5_articles(simplified, traditional):
    assert decode(simplified.encode("gb18030")).encoding == "gb18030"
    big5 = traditional.replace("并", "並").encode("big5", errors="ignore")
    assert decode(big5).encoding == "big5"


@pytest.mark.parametrize("text", [
    "The café’s naïve “résumé” — déjà vu.", "Über façade – “quoted” text costs €5.", "Señor Müller’s piñata",
])
def test_decode_detects_cp1252_latin_text(text):
    result = decode(text.encode("cp1252"))
    assert (result.encoding, result.text) == ("cp1252", text)


def test_guess_legacy_prefers_gbk_for_simplified_headline():
    assert guess_legacy("中国人工智能发展报告".encode("gbk")) == "gb18030"


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (b"GIF89a\x01\x00", "a GIF image"),
    (b"%PDF-1.7\n", "a PDF document"),
    (b"PK\x03\x04\x14\x00", "a ZIP archive (or a Word/Excel/EPUB file, which are ZIP archives)"),
    (b"\x1f\x8b\x08\x00", "a gzip archive"),
    (b"\x7fELF\x02\x01", "a program (ELF executable)"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    (b"abc\x00def", "binary data (it contains NUL bytes)"),
])
def test_binary_kind_names_common_binary_files(data, kind):
    assert binary_kind(data) == kind


def test_binary_kind_lets_text_starting_with_magic_like_letters_through():
    assert binary_kind(b"BM is a company name used in prose") is None
    assert binary_kind(b"MZ line of text") is None


@pytest.mark.parametrize("data, words", [
    (b"", "empty"), (b" \r\n\t ", "only whitespace"), ("\ufeff  \n".encode("utf-8"), "only whitespace"),
    (b"\x89PNG\r\n\x1a\n" + bytes(50), "PNG image"), (b"\xff\x81\xff\x9d" * 20, "cannot detect the text encoding"),
    (bytes(range(1, 32)) * 10, "looks binary"),
])
def test_decode_rejects_with_a_clear_message(data, words):
    result = decode(data)
    assert result.text is None and words in result.error


def test_decode_normalises_crlf_and_cr_to_lf():
    assert decode(b"a\r\nb\rc\n").text == "a\nb\nc\n"


def test_normalise_text_drops_invisible_characters_and_nbsp():
    assert normalise_text("开\u200b源\ufeff\xa0模型") == "开源 模型"


@pytest.mark.parametrize("head, codec", [
    (b'<meta charset="gb2312">', "gb18030"), (b"<meta http-equiv=Content-Type content='text/html; charset=GBK'>", "gb18030"),
    (b'<meta charset="big5">', "big5"), (b'<meta charset="utf-8">', "utf-8"), (b"<p>no charset</p>", None),
])
def test_declared_charset_reads_html_meta(head, codec):
    assert declared_charset(head) == codec


def test_decode_uses_declared_charset_before_guessing():
    data = "开源".encode("gbk")
    assert decode(data, declared="gb18030").encoding == "gb18030"
