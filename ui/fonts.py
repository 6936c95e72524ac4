"""Find an installed CJK font file (word clouds need a path; Chromium needs it installed system-wide)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# Debian packages fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk, in order of preference.
KNOWN_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")
INSTALL_HINT = ("install one with `apt-get install fonts-wqy-microhei` (as root), "
                "or run `make run`, which installs it")


class MissingFontError(RuntimeError):
    """No font able to draw Chinese is installed."""


def _fc_list_fonts() -> list[str]:
    """Return font files fontconfig says cover Chinese (empty when fc-list is missing or fails)."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    return sorted({f for f in files if f.lower().endswith(FONT_SUFFIXES)}, key=_preference)


def _preference(path: str) -> tuple[int, str]:
    """Rank font files: known good sans families first, then regular weights, then by name."""
    name = Path(path).name.lower()
    for rank, key in enumerate(("wqy-microhei", "notosanscjk", "sourcehansans", "wqy-zenhei")):
        if key in name:
            return rank, name
    return 10 if ("bold" in name or "light" in name) else 9, name


def cjk_font_path() -> str:
    """Return the path of an installed CJK font file, or raise MissingFontError with the install hint."""
    for path in _fc_list_fonts() + list(KNOWN_CJK_FONTS):
        if Path(path).is_file():
            return path
    raise MissingFontError(f"No Chinese (CJK) font is installed: {INSTALL_HINT}.")
