"""The applicant's profile in the main window: applying the panel's fields, loading and saving a profile file,
and offering to detect again when it changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.i18n import _
from app.model.state import PENDING, REVIEW
from app.windows.dialogs import explain_profile_error
from redaction.model.profile import Profile, ProfileError, load_profile


class ProfileMixin:
    """Keeps the review state's profile, the profile panel and the remembered last profile in step."""

    def set_profile(self, profile: Profile):
        """Use `profile` for detection from now on, and remember it for the next start."""
        self.state.set_profile(profile)
        self.settings.last_profile = profile.to_toml()

    def _on_profile_changed(self):
        self.profile_panel.show_profile(self.state.profile)

    def apply_profile_fields(self):
        """Apply the panel's fields (or say what is wrong with them)."""
        try:
            profile = self.profile_editor.profile()
        except ProfileError as exc:
            QMessageBox.warning(self, _("申请人信息"), explain_profile_error(exc))
            return
        changed = profile != self.state.profile
        self.set_profile(profile)
        if changed:
            self._offer_redetect()

    def _offer_redetect(self):
        redo = [k for k in self.state.keys() if self.state.status(k) == REVIEW]
        pending = [k for k in self.state.keys() if self.state.status(k) == PENDING]
        if redo and self.ask(_("重新检测"), _("申请人信息已更改。是否重新检测 {n} 个尚未确认的页面？"
                                            "（手动绘制的框会保留）").format(n=len(redo))):
            self.stop_detection(wait=True)
            self.undo_stack.clear()
            for k in redo:
                self.state.detected.discard(k)
            self.start_detection(redo + pending)
        elif pending:
            self.start_detection(pending)

    def load_profile_dialog(self):
        """Ask for a profile file and load it."""
        path, _f = QFileDialog.getOpenFileName(self, _("载入申请人信息"), self.settings.last_dir("profile"),
                                               _("申请人信息 (*.toml);;所有文件 (*)"))
        if path:
            self.load_profile_file(path)

    def load_profile_file(self, path) -> bool:
        """Load and apply a profile file; False (after a warning) if it is not valid."""
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            QMessageBox.warning(self, _("申请人信息"), explain_profile_error(exc))
            return False
        self.settings.set_last_dir("profile", str(Path(path).parent))
        changed = profile != self.state.profile
        self.set_profile(profile)
        if changed and self.state.docs:
            self._offer_redetect()
        return True

    def save_profile_dialog(self):
        """Save the panel's fields as a profile file."""
        try:
            profile = self.profile_editor.profile()
        except ProfileError as exc:
            QMessageBox.warning(self, _("申请人信息"), explain_profile_error(exc))
            return
        start = Path(self.settings.last_dir("profile") or Path.home()) / "profile.toml"
        path, _f = QFileDialog.getSaveFileName(self, _("保存申请人信息"), str(start), _("申请人信息 (*.toml)"))
        if path:
            from redaction.files.export import write_atomic
            write_atomic(Path(path), profile.to_toml().encode("utf-8"))
            self.settings.set_last_dir("profile", str(Path(path).parent))
            self.statusBar().showMessage(_("已保存：") + path, 5000)
