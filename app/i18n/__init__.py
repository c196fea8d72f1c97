"""UI translations: Chinese source strings in the code, an English Qt Linguist catalogue.

Decision: every UI string is written in Simplified Chinese in the code and wrapped in `_()`, which
calls `QCoreApplication.translate("BlindMask", text)`. `python -m app.i18n.tool` extracts the
strings into `resources/i18n/blindmask_en.ts` (a normal Qt Linguist file, editable in Linguist) and
compiles `blindmask_en.qm` with `pyside6-lrelease`. At run time the .qm is loaded by a plain
QTranslator; if it is missing or unreadable, `TsTranslator` reads the .ts directly, so English never
silently disappears. Chinese needs no catalogue (it is the source language); Qt's own strings
(dialog buttons) come from Qt's bundled `qtbase_zh_CN.qm`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from redaction.assets import resources_dir

CONTEXT = "BlindMask"
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))
DEFAULT_LANGUAGE = "zh_CN"
I18N_DIR = resources_dir() / "i18n"
TS_PATH = I18N_DIR / "blindmask_en.ts"
QM_PATH = I18N_DIR / "blindmask_en.qm"


def _(text: str) -> str:
    """Translate a Chinese UI string into the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def read_ts(path: Path) -> dict[str, str]:
    """{source: translation} for the finished messages of a .ts file."""
    out: dict[str, str] = {}
    root = ET.parse(str(path)).getroot()
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            if src is None or tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                out[src] = tr.text
    return out


class TsTranslator(QTranslator):
    """A QTranslator that serves a .ts catalogue without compiling it (fallback for a missing .qm)."""

    def __init__(self, table: dict[str, str], parent=None):
        super().__init__(parent)
        self._table = table

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 (Qt name)
        """The translation of `source` in the BlindMask context; None (untranslated) otherwise."""
        if context == CONTEXT and source in self._table:
            return self._table[source]
        return None

    def isEmpty(self) -> bool:  # noqa: N802
        """True when the catalogue has no translations."""
        return not self._table


_installed: list[QTranslator] = []


def install(app: QCoreApplication, language: str) -> str:
    """Install translators for `language` ("zh_CN" or "en"); returns the language in force."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language not in dict(LANGUAGES):
        language = DEFAULT_LANGUAGE
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt_tr)
        _installed.append(qt_tr)
    if language == "en":
        ours = QTranslator(app)
        if not (QM_PATH.exists() and ours.load(str(QM_PATH))):
            ours = TsTranslator(read_ts(TS_PATH) if TS_PATH.exists() else {}, app)
        app.installTranslator(ours)
        _installed.append(ours)
    return language
