"""Character classes for matching in prose: CJK ideographs, and ASCII letters and digits."""

from __future__ import annotations

import unicodedata


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (unified, extensions A to G, compatibility)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def is_ascii_word(ch: str) -> bool:
    """True when `ch` is, or folds (NFKC) to, an ASCII letter or digit."""
    return any(c.isascii() and c.isalnum() for c in unicodedata.normalize("NFKC", ch))
