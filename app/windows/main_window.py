"""The main window: file/page list | page canvas | proposals and applicant profile.

Flow (Acrobat's mark → review → apply): open files → detection fills pages in as it finishes →
the person toggles, draws, moves boxes and confirms each page (or marks it "needs no mask") →
export writes masked JPGs and the report. Every edit is an undo command and is autosaved.

MainWindow composes the widgets (app.widgets) and the behaviour, one module per concern:
actions.py (actions, menus, toolbar), opening.py, detection.py, navigation.py, editing.py,
profile.py and export.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,  # noqa: F401 — still importable from here (the mixins' file dialogs)
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model.settings import Settings
from app.model.state import Key, ReviewState
from app.widgets.canvas import PageCanvas
from app.widgets.decision_panel import DecisionPanel
from app.widgets.pages_panel import PagesPanel
from app.widgets.profile_panel import ProfilePanel
from app.widgets.region_table import RegionsPanel
from app.widgets.welcome import WelcomePage
from app.windows.actions import ActionsMixin
from app.windows.detection import DetectionMixin
from app.windows.dialogs import (
    ProfileDialog,  # noqa: F401 — still importable from here (detection.py asks with it)
    SettingsDialog,
    ShortcutsDialog,
    UndecidedDialog,  # noqa: F401 — still importable from here (export.py asks with it)
    ask,
)
from app.windows.editing import EditingMixin
from app.windows.export import ExportMixin
from app.windows.navigation import NavigationMixin
from app.windows.opening import OpenFilesMixin
from app.windows.profile import ProfileMixin
from app.workers.jobs import ExportJob, PageCache, PageJob
from redaction.assets import resources_dir
from redaction.files.document import InputFile
from redaction.model.profile import Profile

ICON_DIR = resources_dir() / "icons"


def app_icon() -> QIcon:
    """The app's icon (an empty icon if the file is missing)."""
    path = ICON_DIR / "blindmask.png"
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(OpenFilesMixin, DetectionMixin, NavigationMixin, EditingMixin, ProfileMixin, ExportMixin,
                 ActionsMixin, QMainWindow):
    """The review window: pages on the left, the current page in the middle, its boxes and decision on the right."""

    def __init__(self, settings: Settings | None = None, detector_factory=None,
                 profile: Profile | None = None, open_folder_after_export: bool | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.detector_factory = detector_factory
        self.open_folder_after_export = open_folder_after_export
        self.state = ReviewState(self)
        self.undo_stack = QUndoStack(self)
        self.cache = PageCache()
        self.job: PageJob | None = None
        self.export_job: ExportJob | None = None
        self.current: Key | None = None
        self.page_error: str | None = None
        self.last_export: tuple[list, list] | None = None
        self.verify_window = None
        self.prose_dialog = None
        self.setWindowTitle(_("盲评遮盖助手") + " — BlindMask")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_ui()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._connect()
        if profile is not None:
            self.state.set_profile(profile)
        self._refresh_all()
        self.resize(1400, 880)

    # ===================================================================== UI construction
    def _build_ui(self):
        # left: files and pages
        self.pages_panel = PagesPanel(self.state)
        self.files = self.pages_panel.tree
        self._items = self.pages_panel.items
        self.summary = self.pages_panel.summary

        # centre: welcome page or canvas
        self.canvas = PageCanvas()
        self.page_info = QLabel()
        self.page_info.setContentsMargins(8, 4, 8, 4)
        self.page_info.setStyleSheet("font-weight: bold;")
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.page_info)
        cl.addWidget(self.canvas)
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(centre)

        # right: proposals, decision, profile
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 6, 6, 6)
        self.regions_panel = RegionsPanel()
        self.table = self.regions_panel.table
        rl.addWidget(self.regions_panel, 3)
        self.decision = DecisionPanel()
        self.btn_confirm, self.btn_no_mask = self.decision.btn_confirm, self.decision.btn_no_mask
        rl.addWidget(self.decision)
        self.profile_panel = ProfilePanel()
        self.profile_editor = self.profile_panel.editor
        rl.addWidget(self.profile_panel)

        split = QSplitter()
        split.addWidget(self.pages_panel)
        split.addWidget(self.stack)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        split.setSizes([270, 780, 360])
        split.setCollapsible(1, False)
        self.splitter = split
        self.setCentralWidget(split)

        # status bar
        sb = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setFormat(_("检测 %v / %m 页"))
        self.progress.hide()
        self.btn_cancel = QPushButton(_("取消检测"))
        self.btn_cancel.hide()
        self.zoom_label = QLabel()
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.btn_cancel)
        sb.addPermanentWidget(self.zoom_label)

    def _connect(self):
        s = self.state
        s.reset.connect(self._rebuild_tree)
        s.pageChanged.connect(self._on_page_changed)
        s.profileChanged.connect(self._on_profile_changed)
        s.focusRequested.connect(lambda d, p: self.show_page((d, p)) if (d, p) != self.current else None)
        self.pages_panel.pageChosen.connect(self._on_tree_page)
        self.pages_panel.docErrorChosen.connect(self._show_doc_error)
        self.canvas.toggleRequested.connect(self.toggle_region)
        self.canvas.drawn.connect(self.add_region)
        self.canvas.bboxEdited.connect(self.edit_bbox)
        self.canvas.selectionChanged.connect(self._on_canvas_selection)
        self.canvas.zoomChanged.connect(
            lambda z: self.zoom_label.setText(f"{z * 100:.0f} %" if self.canvas.page_size[0] else ""))
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.itemSelectionChanged.connect(self._on_table_selection)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.regions_panel.btn_accept_all.clicked.connect(lambda: self.set_all_accepted(True))
        self.regions_panel.btn_reject_all.clicked.connect(lambda: self.set_all_accepted(False))
        self.regions_panel.btn_delete.clicked.connect(self.delete_selected)
        self.btn_confirm.clicked.connect(self.confirm_page)
        self.btn_no_mask.clicked.connect(self.mark_no_mask)
        self.profile_panel.btn_apply.clicked.connect(self.apply_profile_fields)
        self.profile_panel.btn_load.clicked.connect(self.load_profile_dialog)
        self.profile_panel.btn_save.clicked.connect(self.save_profile_dialog)
        self.btn_cancel.clicked.connect(self.cancel_detection)
        self.kind_combo.currentIndexChanged.connect(
            lambda i: setattr(self.canvas, "draw_kind", self.kind_combo.itemData(i)))
        self.welcome.btn_open.clicked.connect(self.open_files_dialog)
        self.welcome.btn_open_dir.clicked.connect(self.open_folder_dialog)
        self.welcome.btn_verify.clicked.connect(self.open_verify)

    def ask(self, title: str, text: str, default_yes: bool = True) -> bool:
        """A yes/no question to the person (every question of this window goes through here)."""
        return ask(self, title, text, default_yes=default_yes)

    # ===================================================================== opening files
    def _close_inputs(self):
        self.stop_detection(wait=True)

    def _show_inputs(self, inputs: list[InputFile], counts: list[int | str],
                     ask_restore: bool = True, detect: bool = True):
        """The new documents replace the old ones; offer to restore an autosaved review of them."""
        self.undo_stack.clear()
        self.cache.clear()
        self.current = None
        self.state.load_inputs(inputs, counts)
        saved = self.state.saved_session()
        if saved and (saved["decided"] or saved["detected"]):
            text = _("上次审核这些文件的进度已自动保存：{d} / {t} 页已有决定，{n} 页已检测。\n是否恢复？").format(
                d=saved["decided"], t=saved["total"], n=saved["detected"])
            if saved["changed"]:
                text += "\n\n" + _("注意：以下文件在此之后被修改过：") + "\n" + "\n".join(
                    Path(p).name for p in saved["changed"][:5])
            if not ask_restore or self.ask(_("恢复上次的审核"), text):
                self.state.restore(saved)
            else:
                self.state.discard_session()
        self.state.autosave()
        self.stack.setCurrentIndex(1)
        keys = self.state.keys()
        if keys:
            self.show_page(keys[0])
        else:
            self._show_doc_error(0)
        if detect:
            self.detect_all()

    # ===================================================================== other windows
    def open_verify(self):
        """Show the verify window (made once), with this window's profile if it has none."""
        from app.windows.verify_window import VerifyWindow

        if self.verify_window is None:
            self.verify_window = VerifyWindow(self.settings, self.detector_factory, self.state.profile)
        elif self.state.profile is not None and self.verify_window.profile is None:
            self.verify_window.set_profile(self.state.profile)
        self.verify_window.show()
        self.verify_window.raise_()
        self.verify_window.activateWindow()

    def open_prose(self):
        """Show the written-material dialog with the current profile."""
        try:
            from app.windows.prose_dialog import ProseDialog
        except ImportError as exc:
            QMessageBox.information(self, _("文字材料"), _("文字材料功能暂不可用：") + str(exc))
            return
        if self.prose_dialog is None:
            self.prose_dialog = ProseDialog(self.state.profile, self.settings, self)
        else:
            self.prose_dialog.set_profile(self.state.profile)
        self.prose_dialog.show()
        self.prose_dialog.raise_()

    def open_settings(self):
        """Show the settings dialog."""
        dlg = SettingsDialog(self.settings, self)
        if dlg.exec():
            if dlg.language_changed:
                QMessageBox.information(self, _("设置"), _("界面语言将在重新启动程序后生效。审核进度已自动保存。"))
            if self.act_preview.isChecked():
                self._apply_preview()

    def show_shortcuts(self):
        """Show the list of keyboard shortcuts."""
        ShortcutsDialog(self).exec()

    def show_about(self):
        """Show what the app is."""
        QMessageBox.about(self, _("关于"), _("盲评遮盖助手 BlindMask\n"
                                            "离线遮盖职称评审附件中的姓名、工作单位、公章和照片眼部。\n"
                                            "所有处理都在本机完成。"))

    def closeEvent(self, event):  # noqa: N802
        """Stop the background work, close the verify window and autosave before closing."""
        self.stop_detection(wait=True)
        if self.export_job is not None:
            self.export_job.cancel()
            self.export_job.wait()
        if self.verify_window is not None:
            self.verify_window.close()
        self.state.autosave()
        super().closeEvent(event)
