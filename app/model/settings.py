"""User settings (QSettings): fill colour, JPEG quality, DPI, language, last folders."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from redaction.files.document import DEFAULT_DPI
from redaction.files.export import DEFAULT_QUALITY

ORG = "BlindMask"
APP = "BlindMask"


def qsettings() -> QSettings:
    """The app's settings store (an INI file in the user's configuration folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


class Settings:
    """Typed accessors over QSettings; every read goes to the store, so dialogs see changes at once."""

    def __init__(self, store: QSettings | None = None):
        self.store = store or qsettings()

    def _get(self, key, default, typ):
        value = self.store.value(key, default)
        try:
            if typ is bool:
                if isinstance(value, str):
                    return value.lower() in ("1", "true", "yes")
                return bool(value)
            return typ(value)
        except (TypeError, ValueError):
            return default

    def _set(self, key, value):
        self.store.setValue(key, value)
        self.store.sync()

    # --- values ------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The UI language (zh_CN or en), in force from the next start."""
        return self._get("ui/language", "zh_CN", str)

    @language.setter
    def language(self, v: str):
        self._set("ui/language", v)

    @property
    def fill_color(self) -> QColor:
        """The colour that fills masked boxes."""
        c = QColor(self._get("export/fill", "#000000", str))
        return c if c.isValid() else QColor("#000000")

    @fill_color.setter
    def fill_color(self, c: QColor):
        self._set("export/fill", QColor(c).name())

    @property
    def fill_bgr(self) -> tuple[int, int, int]:
        """The fill colour as OpenCV's (blue, green, red)."""
        c = self.fill_color
        return (c.blue(), c.green(), c.red())

    @property
    def jpeg_quality(self) -> int:
        """JPEG quality of exported pages (50–100)."""
        return max(50, min(100, self._get("export/quality", DEFAULT_QUALITY, int)))

    @jpeg_quality.setter
    def jpeg_quality(self, v: int):
        self._set("export/quality", int(v))

    @property
    def dpi(self) -> int:
        """Resolution PDF pages are rendered at (72–600 dpi)."""
        return max(72, min(600, self._get("open/dpi", DEFAULT_DPI, int)))

    @dpi.setter
    def dpi(self, v: int):
        self._set("open/dpi", int(v))

    @property
    def open_after_export(self) -> bool:
        """Whether export opens the output folder afterwards."""
        return self._get("export/open_folder", True, bool)

    @open_after_export.setter
    def open_after_export(self, v: bool):
        self._set("export/open_folder", bool(v))

    def last_dir(self, what: str) -> str:
        """The folder the `what` dialogs (open, export, profile, verify) last used."""
        return self._get(f"dirs/{what}", "", str)

    def set_last_dir(self, what: str, path: str):
        """Remember the folder the `what` dialogs last used."""
        self._set(f"dirs/{what}", str(path))

    @property
    def last_profile(self) -> str:
        """TOML text of the last profile used (pre-fills the profile dialog)."""
        return self._get("profile/last_toml", "", str)

    @last_profile.setter
    def last_profile(self, toml: str):
        self._set("profile/last_toml", toml)
