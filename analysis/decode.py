"""Bytes → text: reject what cannot be an article, detect the encoding, normalise newlines.

Order (see STACK.md, verified in tests/test_decode.py): byte-order marks, binary sniffing
(magic numbers, NUL bytes), strict UTF-8, then the legacy encodings Chinese articles come in
(GB18030 ⊃ GBK ⊃ GB2312, Big5) decided by how common the decoded Han characters are, with
charset-normalizer (isolated to a few candidates) breaking ties and judging Windows-1252.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# (magic bytes, offset, what a person would call the file)
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"BM", 0, None),  # too short to trust alone; see _looks_like_bmp
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or a Word/Excel/EPUB file, which are ZIP archives)"),
    (b"PK\x05\x06", 0, "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"BZh", 0, None),
    (b"\xfd7zXZ\x00", 0, "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x7fELF", 0, "a program (ELF executable)"),
    (b"MZ", 0, None),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"ID3", 0, "an MP3 audio file"),
    (b"OggS", 0, "an Ogg audio/video file"),
    (b"fLaC", 0, "a FLAC audio file"),
    (b"ftyp", 4, "an MP4/MOV video or HEIC image"),
    (b"\x1a\x45\xdf\xa3", 0, "a Matroska/WebM video"),
    (b"wOFF", 0, "a web font"),
    (b"wOF2", 0, "a web font"),
    (b"\x00asm", 0, "a WebAssembly binary"),
    (b"\xca\xfe\xba\xbe", 0, "a Java class file"),
    (b"ustar", 257, "a tar archive"),
    (b"{\\rtf", 0, "an RTF document (save it as .txt first)"),
)

LEGACY_CJK = ("gb18030", "big5", "big5hkscs")
ISOLATION = ["gb18030", "big5", "cp1252"]
# Controls that never appear in text (tab, LF, FF, CR and ESC-free); C1 controls too.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
MAX_CONTROL_RATIO = 0.02
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Decoded:
    """The outcome of decoding: text and encoding name, or an error a person understands."""

    text: str | None
    encoding: str | None
    error: str | None = None


def bom_encoding(data: bytes) -> str | None:
    """Return the codec named by a byte-order mark at the start of `data`, if any."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def _looks_like_bmp(data: bytes) -> bool:
    """Tell a BMP header from text that happens to start with "BM" (file size field matches)."""
    return len(data) >= 26 and int.from_bytes(data[2:6], "little") == len(data)


def binary_kind(data: bytes) -> str | None:
    """Return what binary file `data` looks like (by magic number or NUL bytes), else None."""
    for magic, offset, label in MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if label:
                return label
            if magic == b"BM" and _looks_like_bmp(data):
                return "a BMP image"
            if magic == b"BZh" and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
                return "a bzip2 archive"
            if magic == b"MZ" and b"This program cannot be run in DOS mode" in data[:512]:
                return "a Windows program"
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[data[8:12]]
    head = data[:SNIFF_BYTES]
    if b"\x00" in head and not bom_encoding(data) and not utf16_without_bom(head):
        return "binary data (it contains NUL bytes)"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when NULs sit in every other byte (BOM-less UTF-16 text)."""
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.1 * len(even) and _strict(head, "utf-16-le"):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.1 * len(odd) and _strict(head, "utf-16-be"):
        return "utf-16-be"
    return None


def control_ratio(text: str) -> float:
    """Return the share of characters that never occur in text (controls, replacement chars)."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


@lru_cache(maxsize=1)
def _common_han() -> tuple[frozenset, frozenset]:
    """Return the most common simplified (GB2312 level 1) and traditional (Big5 level 1) Han sets."""
    def decoded(codec: str, leads: range, trails: list[int]) -> frozenset:
        chars = set()
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass
        return frozenset(chars)
    simplified = decoded("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))
    traditional = decoded("big5", range(0xA4, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
    return simplified, traditional


def common_han_share(text: str, codec: str) -> float | None:
    """Return the share of Han characters in `text` that are common in the codec's script."""
    han = _HAN.findall(text)
    if not han:
        return None
    simplified, traditional = _common_han()
    common = simplified if codec == "gb18030" else traditional
    return sum(ch in common for ch in han) / len(han)


def _strict(data: bytes, codec: str) -> str | None:
    """Decode strictly, returning None instead of raising."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _normaliser_guess(data: bytes) -> str | None:
    """Ask charset-normalizer, isolated to the candidate encodings, for its best guess."""
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data, cp_isolation=ISOLATION).best()
    except Exception:  # a detector failure must not become a parse failure
        return None
    return best.encoding if best else None


def guess_legacy(data: bytes) -> str | None:
    """Return the legacy encoding (gb18030, big5, big5hkscs, cp1252) `data` most plausibly uses."""
    scores: dict[str, float] = {}
    for codec in LEGACY_CJK:
        if codec == "big5hkscs" and "big5" in scores:
            continue  # HKSCS only when plain Big5 fails
        text = _strict(data, codec)
        share = common_han_share(text, "gb18030" if codec == "gb18030" else "big5") if text else None
        if share is not None:
            scores[codec] = share
    plausible = {c: s for c, s in scores.items() if s >= 0.6}
    if plausible:
        best = max(plausible.values())
        top = [c for c, s in plausible.items() if s >= best - 0.05]
        if len(top) == 1:
            return top[0]
        guess = _normaliser_guess(data)
        return guess if guess in top else top[0]
    guess = _normaliser_guess(data)
    if guess and _strict(data, guess) is not None:
        return guess
    return "cp1252" if _strict(data, "cp1252") is not None else None


def normalise_text(text: str) -> str:
    """Normalise newlines (CRLF/CR → LF), drop invisible characters, turn NBSP into spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    return text.replace("\xa0", " ")


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                    "big5": "big5", "big5-hkscs": "big5hkscs", "x-big5": "big5", "cp950": "cp950",
                    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "windows-1252": "cp1252",
                    "utf8": "utf-8", "utf-8": "utf-8"}


def declared_charset(data: bytes) -> str | None:
    """Return the codec a web page declares in <meta charset> (gb2312/gbk → gb18030), if any."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    return _CHARSET_ALIASES.get(name, name)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode article bytes, or say in plain words why they cannot be an article.

    `declared` is a charset the file names itself (HTML <meta charset>): tried after UTF-8,
    before guessing.
    """
    if not data:
        return Decoded(None, None, "the file is empty (0 bytes)")
    if not data.strip():
        return Decoded(None, None, "the file contains only whitespace")
    kind = binary_kind(data)
    if kind:
        return Decoded(None, None, f"the file is {kind}, not a text article")
    encoding = bom_encoding(data) or utf16_without_bom(data[:SNIFF_BYTES])
    text = _strict(data, encoding) if encoding else None
    if encoding and text is None:
        return Decoded(None, None, f"the file starts like {encoding.upper()} text but cannot be decoded as it")
    if text is None:
        text = _strict(data, "utf-8")
        encoding = "utf-8" if text is not None else None
    if text is None and declared and declared != "utf-8":
        text = _strict(data, declared)
        encoding = declared if text is not None else None
    if text is None:
        encoding = guess_legacy(data)
        text = _strict(data, encoding) if encoding else None
    if text is None:
        return Decoded(None, None, "cannot detect the text encoding (not UTF-8, UTF-16, GB18030/GBK, Big5 or Windows-1252)")
    if not text.strip("\ufeff \t\r\n\x0b\x0c\u3000\xa0"):
        return Decoded(None, encoding, "the file contains only whitespace")
    if control_ratio(text) > MAX_CONTROL_RATIO:
        return Decoded(None, encoding, "the file looks binary (too many control characters), not a text article")
    return Decoded(normalise_text(text), encoding)
