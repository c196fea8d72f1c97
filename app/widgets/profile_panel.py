"""The applicant's profile as fields: the editor (also used by the profile dialog) and the main window's panel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from redaction.model.profile import Profile, parse_profile
from redaction.text.pinyin import latin_spellings


def split_terms(text: str) -> list[str]:
    """One term a line; commas (full or half width) and 、 also separate terms."""
    out = []
    for line in text.replace("，", "\n").replace(",", "\n").replace("、", "\n").replace("；", "\n").splitlines():
        line = line.strip()
        if line and line not in out:
            out.append(line)
    return out


def profile_from_fields(name: str, aliases: str, employers: str) -> Profile:
    """Build and validate through the contract's parser, so the GUI accepts exactly what the CLI does."""
    p = Profile(name=name.strip(), aliases=tuple(split_terms(aliases)), employers=tuple(split_terms(employers)))
    return parse_profile(p.to_toml())


class ProfileEditor(QWidget):
    """Name / aliases / employers fields; used in the side panel and in the first-run dialog."""

    def __init__(self, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("例如：阿依古丽·买买提"))
        self.aliases = QPlainTextEdit()
        self.aliases.setPlaceholderText(_("曾用名、简写，每行一个"))
        self.aliases.setTabChangesFocus(True)
        self.employers = QPlainTextEdit()
        self.employers.setPlaceholderText(_("工作单位完整名称，每行一个"))
        self.employers.setTabChangesFocus(True)
        fm = self.fontMetrics().lineSpacing()
        self.aliases.setFixedHeight(int(fm * 2.6))
        self.employers.setFixedHeight(int(fm * 3.6))
        form.addRow(_("姓名"), self.name)
        form.addRow(_("别名"), self.aliases)
        form.addRow(_("工作单位"), self.employers)

    def set_profile(self, p: Profile | None):
        """Show `p` in the fields (empty fields for None)."""
        self.name.setText(p.name if p else "")
        self.aliases.setPlainText("\n".join(p.aliases) if p else "")
        self.employers.setPlainText("\n".join(p.employers) if p else "")

    def profile(self) -> Profile:
        """The profile the fields describe; raises ProfileError when they are not valid."""
        return profile_from_fields(self.name.text(), self.aliases.toPlainText(), self.employers.toPlainText())


class ProfilePanel(QGroupBox):
    """申请人信息 in the main window: the editor, apply / load / save buttons and a status line."""

    def __init__(self, parent=None):
        super().__init__(_("申请人信息"), parent)
        fl = QVBoxLayout(self)
        self.editor = ProfileEditor()
        fl.addWidget(self.editor)
        prow = QHBoxLayout()
        self.btn_apply = QPushButton(_("应用"))
        self.btn_load = QPushButton(_("载入…"))
        self.btn_save = QPushButton(_("保存…"))
        for b in (self.btn_apply, self.btn_load, self.btn_save):
            prow.addWidget(b)
        fl.addLayout(prow)
        self.status = QLabel()
        self.status.setWordWrap(True)
        fl.addWidget(self.status)

    def show_profile(self, p: Profile | None):
        """Show the applied profile in the fields, and how many names and employers it has."""
        self.editor.set_profile(p)
        if p is None:
            self.status.setText(_("尚未填写。检测前需要申请人姓名和工作单位。"))
        else:
            text = _("已应用：{n} 个姓名写法，{e} 个单位。").format(n=1 + len(p.aliases), e=len(p.employers))
            spellings = [s for n in (p.name, *p.aliases) for s in latin_spellings(n)]
            if spellings:
                text += " " + _("英文材料中也查找姓名拼音：{s}（英文单位名称请另加一行）。").format(
                    s="、".join(dict.fromkeys(spellings)))
            forms = [t.text for t in p.terms() if t.derived]
            if forms:
                text += " " + _("单位的其他写法也会遮盖：{f}。").format(f="、".join(forms))
            self.status.setText(text)
