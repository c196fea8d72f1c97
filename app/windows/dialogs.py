"""Small dialogs: applicant profile, settings, keyboard shortcuts, undecided pages before export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.i18n import LANGUAGES, _
from app.model.settings import Settings
from app.widgets.profile_panel import ProfileEditor
from redaction.files.document import SUPPORTED_SUFFIXES
from redaction.model.profile import Profile, ProfileError, load_profile


def attachments_filter() -> str:
    """The open dialogs' file filter, from the loader's own list of inputs: each suffix in lower
    and upper case (an iPhone names its photos IMG_0001.HEIC; Qt's filters are case-sensitive
    outside Windows)."""
    patterns = " ".join(f"*{s} *{s.upper()}" for s in SUPPORTED_SUFFIXES)
    return _("附件") + f" ({patterns});;" + _("所有文件") + " (*)"


def explain_profile_error(exc: ProfileError) -> str:
    """What is wrong with a profile, in words for the person filling it in."""
    reason = exc.reason
    if "'name'" in reason:
        return _("请填写申请人姓名（与材料上印的一致）。")
    if "'employers'" in reason:
        return _("请至少填写一个工作单位的完整名称。")
    where = (exc.path or "") + (" " + _("第 {n} 行").format(n=exc.line) if exc.line else "")
    return _("申请人信息文件有误：") + f"{where}\n{reason}"


class ProfileDialog(QDialog):
    """Asked on first detection when no profile is loaded: type the fields or load a TOML file."""

    def __init__(self, parent=None, initial: Profile | None = None, settings: Settings | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.setWindowTitle(_("申请人信息"))
        self.result_profile: Profile | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(_("检测需要知道要遮盖的内容：请填写申请人姓名和工作单位，或载入申请人信息文件（TOML）。"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.editor = ProfileEditor()
        self.editor.set_profile(initial)
        lay.addWidget(self.editor)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        load = buttons.addButton(_("载入文件…"), QDialogButtonBox.ButtonRole.ActionRole)
        load.clicked.connect(self.load_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(520, 320)

    def load_file(self):
        """Ask for a profile file and put it into the fields."""
        path, _f = QFileDialog.getOpenFileName(self, _("载入申请人信息"), self.settings.last_dir("profile"),
                                               _("申请人信息 (*.toml);;所有文件 (*)"))
        if not path:
            return
        try:
            self.editor.set_profile(load_profile(path))
            self.settings.set_last_dir("profile", str(Path(path).parent))
            self.error.clear()
        except ProfileError as exc:
            self.error.setText(explain_profile_error(exc))

    def accept(self):
        """Close with the fields' profile, or say what is wrong with it."""
        try:
            self.result_profile = self.editor.profile()
        except ProfileError as exc:
            self.error.setText(explain_profile_error(exc))
            return
        super().accept()


class SettingsDialog(QDialog):
    """Language, fill colour, JPEG quality, PDF resolution and whether to open the folder after export."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("设置"))
        form = QFormLayout(self)
        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(_("界面语言"), self.language)
        self.color = settings.fill_color
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self.pick_color)
        self._show_color()
        form.addRow(_("遮盖颜色"), self.color_button)
        self.quality = QSpinBox()
        self.quality.setRange(50, 100)
        self.quality.setValue(settings.jpeg_quality)
        form.addRow(_("JPEG 质量"), self.quality)
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 600)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(settings.dpi)
        self.dpi.setSuffix(" dpi")
        form.addRow(_("PDF 渲染分辨率"), self.dpi)
        self.open_after = QCheckBox(_("导出后打开文件夹"))
        self.open_after.setChecked(settings.open_after_export)
        form.addRow("", self.open_after)
        note = QLabel(_("界面语言在重新启动程序后生效；分辨率对之后打开的文件生效。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666")
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.language_changed = False

    def _show_color(self):
        self.color_button.setText(self.color.name())
        self.color_button.setStyleSheet(
            f"background:{self.color.name()}; color:{'#fff' if self.color.lightness() < 128 else '#000'}")

    def pick_color(self):
        """Choose the fill colour."""
        c = QColorDialog.getColor(self.color, self, _("遮盖颜色"))
        if c.isValid():
            self.color = c
            self._show_color()

    def accept(self):
        """Store the settings and close."""
        s = self.settings
        lang = self.language.currentData()
        self.language_changed = lang != s.language
        s.language = lang
        s.fill_color = QColor(self.color)
        s.jpeg_quality = self.quality.value()
        s.dpi = self.dpi.value()
        s.open_after_export = self.open_after.isChecked()
        super().accept()


def shortcut_rows() -> list[tuple[str, str]]:
    """The shortcuts listed in the shortcuts dialog: (what it does, its keys)."""
    return [
        (_("打开文件"), "Ctrl+O"), (_("打开文件夹"), "Ctrl+Shift+O"),
        (_("下一页 / 上一页"), "PgDown / PgUp"), (_("下一个待审核页"), "Ctrl+PgDown"),
        (_("选择下一个 / 上一个框"), "Tab / Shift+Tab"),
        (_("切换选中框（遮盖 / 不遮盖）"), "Space"),
        (_("本页全部接受 / 全部拒绝"), "A / Shift+A"),
        (_("删除选中框"), "Delete"),
        (_("绘制模式（拖动画新框）"), "D"),
        (_("选择新框类别：姓名 / 单位 / 公章 / 眼部"), "1 / 2 / 3 / 4"),
        (_("在视图中央添加新框"), "Insert"),
        (_("移动选中框 / 调整大小（加 Ctrl 步长更大）"), "←↑→↓ / Shift+←↑→↓"),
        (_("确认此页（并转到下一个待审核页）"), "Enter / C"),
        (_("标记此页无需遮盖"), "N"),
        (_("重新审核此页（撤销决定）"), "R"),
        (_("遮盖效果预览（前 / 后）"), "B"),
        (_("放大 / 缩小"), "Ctrl++ / Ctrl+-  " + _("或滚轮")),
        (_("适应窗口 / 100 %"), "Ctrl+0 / Ctrl+1"),
        (_("平移"), _("拖动空白处或中键")),
        (_("撤销 / 重做"), "Ctrl+Z / Ctrl+Y"),
        (_("检测全部 / 取消检测"), "F5 / Esc"),
        (_("导出"), "Ctrl+E"),
        (_("核查已遮盖文件"), "Ctrl+Shift+V"),
        (_("文字材料"), "Ctrl+T"),
        (_("快捷键列表"), "F1"),
    ]


class ShortcutsDialog(QDialog):
    """The list of keyboard shortcuts (F1)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("快捷键"))
        lay = QVBoxLayout(self)
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([_("操作"), _("按键")])
        for i, (what, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(what))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = table
        lay.addWidget(table)
        tip = QLabel(_("鼠标：单击框切换遮盖 / 不遮盖；拖动框移动；拖动选中框的控制点调整大小；"
                       "绘制模式下在空白处拖动画新框；悬停查看识别文字和置信度。"))
        tip.setWordWrap(True)
        lay.addWidget(tip)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(560, 640)


class UndecidedDialog(QDialog):
    """Before export: pages without a decision must be reviewed, or skipped explicitly."""

    REVIEW, SKIP = 1, 2

    def __init__(self, rows: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("还有未确认的页面"))
        lay = QVBoxLayout(self)
        label = QLabel(_("以下 {n} 页尚未确认（也未标记为无需遮盖）。"
                         "请先审核它们，或明确跳过：跳过的页面不会导出。").format(n=len(rows)))
        label.setWordWrap(True)
        lay.addWidget(label)
        self.list = QListWidget()
        self.list.addItems(rows)
        lay.addWidget(self.list)
        buttons = QDialogButtonBox()
        review = buttons.addButton(_("去审核"), QDialogButtonBox.ButtonRole.AcceptRole)
        skip = buttons.addButton(_("跳过这些页并导出"), QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        review.setDefault(True)
        review.clicked.connect(lambda: self.done(self.REVIEW))
        skip.clicked.connect(lambda: self.done(self.SKIP))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(480, 360)


def ask(parent, title: str, text: str, default_yes: bool = True) -> bool:
    """A yes/no question; True when the answer is yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
