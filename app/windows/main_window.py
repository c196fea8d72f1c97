"""The main window: file/page list | page canvas | proposals and applicant profile.

Flow (Acrobat's mark → review → apply): open files → detection fills pages in as it finishes →
the person toggles, draws, moves boxes and confirms each page (or marks it "needs no mask") →
export writes masked JPGs and the report. Every edit is an undo command and is autosaved.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.model import commands as C
from app.model.settings import Settings
from app.model.state import CONFIRMED, DETECTING, ERROR, NO_MASK, PENDING, REVIEW, Key, ReviewState
from app.widgets.boxes import DRAW_KINDS, kind_color, kind_label
from app.widgets.canvas import PageCanvas
from app.windows.dialogs import (
    ProfileDialog,
    ProfileEditor,
    SettingsDialog,
    ShortcutsDialog,
    UndecidedDialog,
    ask,
    attachments_filter,
    explain_profile_error,
)
from app.workers.jobs import (
    ExportDoc,
    ExportJob,
    PageCache,
    PageJob,
    burn_preview,
    load_page,
    propose_work,
)
from redaction.assets import resources_dir
from redaction.files.document import DocumentError, collect_inputs, page_count
from redaction.model.profile import Profile, ProfileError, load_profile
from redaction.model.regions import Region

ICON_DIR = resources_dir() / "icons"

STATUS_COLORS = {PENDING: "#9e9e9e", DETECTING: "#f9a825", REVIEW: "#1e88e5",
                 CONFIRMED: "#2e7d32", NO_MASK: "#00897b", ERROR: "#c62828"}


def status_label(status: str) -> str:
    return {PENDING: _("未检测"), DETECTING: _("检测中"), REVIEW: _("待审核"),
            CONFIRMED: _("已确认"), NO_MASK: _("无需遮盖"), ERROR: _("错误")}[status]


_icon_cache: dict[str, QIcon] = {}


def dot_icon(color: str, check: bool = False) -> QIcon:
    key = color + str(check)
    if key not in _icon_cache:
        pm = QPixmap(14, 14)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(color))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(1, 1, 12, 12)
        p.end()
        _icon_cache[key] = QIcon(pm)
    return _icon_cache[key]


def app_icon() -> QIcon:
    path = ICON_DIR / "blindmask.png"
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(QMainWindow):
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
        self._table_updating = False
        self._items: dict[Key, QTreeWidgetItem] = {}
        self._doc_items: dict[int, QTreeWidgetItem] = {}
        self.last_export: tuple[list, list] | None = None
        self.verify_window = None
        self.prose_dialog = None
        self.setWindowTitle(_("盲评遮盖助手") + " — BlindMask")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_ui()
        self._build_actions()
        self._connect()
        if profile is not None:
            self.state.set_profile(profile)
        self._refresh_all()
        self.resize(1400, 880)

    # ===================================================================== UI construction
    def _build_ui(self):
        # left: files and pages
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(6, 6, 0, 6)
        self.files = QTreeWidget()
        self.files.setHeaderLabels([_("文件 / 页"), _("状态")])
        self.files.setRootIsDecorated(True)
        self.files.setUniformRowHeights(True)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.files.header().setStretchLastSection(False)
        ll.addWidget(self.files)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        ll.addWidget(self.summary)

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
        self.welcome = self._welcome_widget()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(centre)

        # right: proposals, decision, profile
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 6, 6, 6)
        props = QGroupBox(_("本页遮盖建议"))
        pl = QVBoxLayout(props)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("遮盖"), _("类别"), _("识别文字"), _("置信度")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pl.addWidget(self.table)
        row = QHBoxLayout()
        self.btn_accept_all = QPushButton(_("全部接受"))
        self.btn_reject_all = QPushButton(_("全部拒绝"))
        self.btn_delete = QPushButton(_("删除"))
        for b in (self.btn_accept_all, self.btn_reject_all, self.btn_delete):
            row.addWidget(b)
        pl.addLayout(row)
        rl.addWidget(props, 3)

        decide = QGroupBox(_("本页决定（是否需要遮盖）"))
        dl = QVBoxLayout(decide)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        dl.addWidget(self.decision_label)
        drow = QHBoxLayout()
        self.btn_confirm = QPushButton(_("确认遮盖此页"))
        self.btn_confirm.setStyleSheet("QPushButton { font-weight: bold; }")
        self.btn_no_mask = QPushButton(_("此页无需遮盖"))
        drow.addWidget(self.btn_confirm)
        drow.addWidget(self.btn_no_mask)
        dl.addLayout(drow)
        rl.addWidget(decide)

        prof = QGroupBox(_("申请人信息"))
        fl = QVBoxLayout(prof)
        self.profile_editor = ProfileEditor()
        fl.addWidget(self.profile_editor)
        prow = QHBoxLayout()
        self.btn_profile_apply = QPushButton(_("应用"))
        self.btn_profile_load = QPushButton(_("载入…"))
        self.btn_profile_save = QPushButton(_("保存…"))
        for b in (self.btn_profile_apply, self.btn_profile_load, self.btn_profile_save):
            prow.addWidget(b)
        fl.addLayout(prow)
        self.profile_status = QLabel()
        self.profile_status.setWordWrap(True)
        fl.addWidget(self.profile_status)
        rl.addWidget(prof)

        split = QSplitter()
        split.addWidget(left)
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

    def _welcome_widget(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addStretch(1)
        title = QLabel(_("盲评遮盖助手"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 26px; font-weight: bold;")
        lay.addWidget(title)
        text = QLabel(_("遮盖附件中的姓名、工作单位、公章和照片眼部，逐页确认后导出为 JPG。\n"
                        "把文件或文件夹拖到这里，或："))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        lay.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.welcome_open = QPushButton(_("打开文件… (Ctrl+O)"))
        self.welcome_open_dir = QPushButton(_("打开文件夹… (Ctrl+Shift+O)"))
        self.welcome_verify = QPushButton(_("核查已遮盖文件… (Ctrl+Shift+V)"))
        for b in (self.welcome_open, self.welcome_open_dir, self.welcome_verify):
            b.setMinimumHeight(36)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        hint = QLabel(_("支持 JPG、PNG、BMP、TIFF、PDF 和手机照片（HEIC、WebP）。所有处理都在本机完成，不联网。按 F1 查看快捷键。"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #777;")
        lay.addWidget(hint)
        lay.addStretch(2)
        return w

    def _action(self, text, slot, shortcuts=(), checkable=False, tip=None) -> QAction:
        a = QAction(text, self)
        if shortcuts:
            a.setShortcuts([QKeySequence(s) if isinstance(s, str) else QKeySequence(s) for s in shortcuts])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setCheckable(checkable)
        if tip or shortcuts:
            keys = " / ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText)
                              for s in shortcuts)
            a.setToolTip(f"{tip or text.replace('…', '')}" + (f"  ({keys})" if keys else ""))
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self):
        A = self._action
        K = QKeySequence.StandardKey
        self.act_open = A(_("打开文件…"), self.open_files_dialog, [K.Open])
        self.act_open_dir = A(_("打开文件夹…"), self.open_folder_dialog, ["Ctrl+Shift+O"])
        self.act_export = A(_("导出…"), self.export, ["Ctrl+E"])
        self.act_verify = A(_("核查已遮盖文件…"), self.open_verify, ["Ctrl+Shift+V"])
        self.act_prose = A(_("文字材料…"), self.open_prose, ["Ctrl+T"])
        self.act_settings = A(_("设置…"), self.open_settings, ["Ctrl+,"])
        self.act_quit = A(_("退出"), self.close, ["Ctrl+Q"])
        self.act_load_profile = A(_("载入申请人信息…"), self.load_profile_dialog, [])
        self.act_save_profile = A(_("保存申请人信息…"), self.save_profile_dialog, [])
        self.act_detect = A(_("检测全部"), self.detect_all, ["F5"])
        self.act_cancel = A(_("取消检测"), self.cancel_detection, ["Esc"])
        self.act_next = A(_("下一页"), lambda: self.step_page(1), ["PgDown"])
        self.act_prev = A(_("上一页"), lambda: self.step_page(-1), ["PgUp"])
        self.act_next_undecided = A(_("下一个待审核页"), self.next_undecided, ["Ctrl+PgDown"])
        self.act_accept_all = A(_("全部接受"), lambda: self.set_all_accepted(True), ["A"])
        self.act_reject_all = A(_("全部拒绝"), lambda: self.set_all_accepted(False), ["Shift+A"])
        self.act_toggle = A(_("切换遮盖"), self.toggle_selected, ["Space"])
        self.act_delete = A(_("删除选中框"), self.delete_selected, [K.Delete, "Backspace"])
        self.act_draw = A(_("绘制新框"), self.set_draw_mode, ["D"], checkable=True)
        self.act_insert = A(_("在中央添加新框"), self.insert_box, ["Insert"])
        self.act_kinds = []
        for i, kind in enumerate(DRAW_KINDS, start=1):
            a = A(_("新框类别：") + kind_label(kind), lambda _c=False, k=kind: self.choose_kind(k), [str(i)])
            self.act_kinds.append(a)
        self.act_confirm = A(_("确认此页"), self.confirm_page, ["Return", "Enter", "C"])
        self.act_no_mask = A(_("此页无需遮盖"), self.mark_no_mask, ["N"])
        self.act_reopen = A(_("重新审核此页"), self.reopen_page, ["R"])
        self.act_preview = A(_("预览遮盖效果"), self.toggle_preview, ["B"], checkable=True)
        self.act_zoom_in = A(_("放大"), lambda: self.canvas.zoom_by(1.25), [K.ZoomIn, "Ctrl+="])
        self.act_zoom_out = A(_("缩小"), lambda: self.canvas.zoom_by(0.8), [K.ZoomOut])
        self.act_fit = A(_("适应窗口"), self.canvas.fit, ["Ctrl+0"])
        self.act_100 = A(_("实际大小 100%"), lambda: self.canvas.set_zoom(1.0), ["Ctrl+1"])
        self.act_help = A(_("快捷键…"), self.show_shortcuts, [K.HelpContents])
        self.act_about = A(_("关于"), self.show_about)
        self.act_undo = self.undo_stack.createUndoAction(self, _("撤销"))
        self.act_undo.setShortcuts([K.Undo])
        self.act_redo = self.undo_stack.createRedoAction(self, _("重做"))
        redo_keys = list(QKeySequence.keyBindings(K.Redo))
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.act_redo.setShortcuts(redo_keys)
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)

        mb = self.menuBar()
        m = mb.addMenu(_("文件(&F)"))
        for a in (self.act_open, self.act_open_dir, None, self.act_load_profile, self.act_save_profile, None,
                  self.act_export, None, self.act_verify, self.act_prose, None, self.act_settings, self.act_quit):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(_("编辑(&E)"))
        for a in (self.act_undo, self.act_redo, None, self.act_toggle, self.act_accept_all, self.act_reject_all,
                  self.act_delete, None, self.act_draw, self.act_insert, *self.act_kinds):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(_("页面(&P)"))
        for a in (self.act_prev, self.act_next, self.act_next_undecided, None, self.act_confirm,
                  self.act_no_mask, self.act_reopen, None, self.act_detect, self.act_cancel):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(_("视图(&V)"))
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_100, None, self.act_preview):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu(_("帮助(&H)"))
        m.addAction(self.act_help)
        m.addAction(self.act_about)

        tb = QToolBar(_("工具栏"))
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.setMovable(False)
        self.addToolBar(tb)
        for a in (self.act_open, self.act_open_dir, None, self.act_detect, None, self.act_prev, self.act_next,
                  None, self.act_undo, self.act_redo, None, self.act_accept_all, self.act_draw):
            tb.addSeparator() if a is None else tb.addAction(a)
        self.kind_combo = QComboBox()
        for kind in DRAW_KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.kind_combo.setToolTip(_("新框类别 (1–4)"))
        tb.addWidget(self.kind_combo)
        for a in (None, self.act_fit, self.act_100, self.act_preview, None, self.act_confirm, self.act_no_mask,
                  None, self.act_export):
            tb.addSeparator() if a is None else tb.addAction(a)
        self.toolbar = tb

    def _connect(self):
        s = self.state
        s.reset.connect(self._rebuild_tree)
        s.pageChanged.connect(self._on_page_changed)
        s.profileChanged.connect(self._on_profile_changed)
        s.focusRequested.connect(lambda d, p: self.show_page((d, p)) if (d, p) != self.current else None)
        self.files.currentItemChanged.connect(self._on_tree_current)
        self.canvas.toggleRequested.connect(self.toggle_region)
        self.canvas.drawn.connect(self.add_region)
        self.canvas.bboxEdited.connect(self.edit_bbox)
        self.canvas.selectionChanged.connect(self._on_canvas_selection)
        self.canvas.zoomChanged.connect(
            lambda z: self.zoom_label.setText(f"{z * 100:.0f} %" if self.canvas.page_size[0] else ""))
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.itemSelectionChanged.connect(self._on_table_selection)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.btn_accept_all.clicked.connect(lambda: self.set_all_accepted(True))
        self.btn_reject_all.clicked.connect(lambda: self.set_all_accepted(False))
        self.btn_delete.clicked.connect(self.delete_selected)
        self.btn_confirm.clicked.connect(self.confirm_page)
        self.btn_no_mask.clicked.connect(self.mark_no_mask)
        self.btn_profile_apply.clicked.connect(self.apply_profile_fields)
        self.btn_profile_load.clicked.connect(self.load_profile_dialog)
        self.btn_profile_save.clicked.connect(self.save_profile_dialog)
        self.btn_cancel.clicked.connect(self.cancel_detection)
        self.kind_combo.currentIndexChanged.connect(
            lambda i: setattr(self.canvas, "draw_kind", self.kind_combo.itemData(i)))
        self.welcome_open.clicked.connect(self.open_files_dialog)
        self.welcome_open_dir.clicked.connect(self.open_folder_dialog)
        self.welcome_verify.clicked.connect(self.open_verify)
        self.undo_stack.cleanChanged.connect(lambda _c: None)

    # ===================================================================== opening files
    def open_files_dialog(self):
        paths, _f = QFileDialog.getOpenFileNames(
            self, _("打开附件"), self.settings.last_dir("open"),
            attachments_filter())
        if paths:
            self.open_paths(paths)

    def open_folder_dialog(self):
        path = QFileDialog.getExistingDirectory(self, _("打开文件夹"), self.settings.last_dir("open"))
        if path:
            self.open_paths([path])

    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def open_paths(self, paths, ask_restore: bool = True, detect: bool = True) -> bool:
        """Open files/folders (replacing the current set); offer to restore an autosaved review."""
        try:
            inputs = collect_inputs([Path(p) for p in paths])
        except FileNotFoundError as exc:
            QMessageBox.warning(self, _("打开失败"), _("找不到：") + str(exc))
            return False
        if not inputs:
            QMessageBox.information(self, _("没有可处理的文件"),
                                    _("所选位置没有支持的文件（JPG、PNG、BMP、TIFF、HEIC、WebP、PDF）。"))
            return False
        self.stop_detection(wait=True)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            counts = []
            for inp in inputs:
                try:
                    counts.append(page_count(inp.path))
                except DocumentError as exc:
                    counts.append(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        first = Path(paths[0])
        self.settings.set_last_dir("open", str(first if first.is_dir() else first.parent))
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
            if not ask_restore or ask(self, _("恢复上次的审核"), text):
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
        return True

    # ===================================================================== detection
    def ensure_profile(self) -> bool:
        if self.state.profile is not None:
            return True
        initial = None
        if self.settings.last_profile:
            try:
                from redaction.model.profile import parse_profile
                initial = parse_profile(self.settings.last_profile)
            except ProfileError:
                initial = None
        dlg = ProfileDialog(self, initial, self.settings)
        if dlg.exec() and dlg.result_profile:
            self.set_profile(dlg.result_profile)
            return True
        self.statusBar().showMessage(_("未填写申请人信息，尚未检测。填写后按 F5 检测。"), 8000)
        return False

    def detect_all(self):
        keys = [k for k in self.state.keys() if self.state.status(k) == PENDING]
        if keys:
            self.start_detection(keys)

    def start_detection(self, keys: list[Key]):
        if not keys or not self.ensure_profile():
            return
        self.stop_detection(wait=True)
        if self.current in keys:
            keys.remove(self.current)
            keys.insert(0, self.current)
        for k in keys:
            self.state.set_detecting(k, True)
        paths = [d.path for d in self.state.docs]
        job = PageJob(keys, paths, self.state.profile, self.settings.dpi, propose_work, self.detector_factory, self)
        job.pageDone.connect(self._on_detected)
        job.pageFailed.connect(lambda d, p, m: self.state.set_page_error((d, p), m))
        job.progress.connect(self._on_progress)
        job.fatal.connect(self._on_fatal)
        job.finished.connect(lambda j=job: self._on_job_finished(j))
        self.job = job
        self.progress.setRange(0, len(keys))
        self.progress.setValue(0)
        self.progress.show()
        self.btn_cancel.show()
        self.act_cancel.setEnabled(True)
        self.statusBar().showMessage(_("正在检测…（首次使用需载入识别模型）"))
        job.start()

    def _on_detected(self, d, p, regions, page, rotation):
        key = (d, p)
        self.cache.put(key, page)
        self.state.set_detected(key, regions, page.width, page.height, page.dpi, rotation)
        if key == self.current and self.canvas.page_size == (0, 0):
            self.show_page(key)

    def _on_progress(self, done, total):
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_fatal(self, message):
        QMessageBox.critical(self, _("无法载入检测引擎"),
                             _("检测引擎无法载入，页面可以手动绘制遮盖框。\n\n") + message)

    def _on_job_finished(self, job: PageJob):
        if job is not self.job:
            return
        for k in list(self.state.detecting):
            self.state.set_detecting(k, False)
        self.job = None
        self.progress.hide()
        self.btn_cancel.hide()
        self.act_cancel.setEnabled(False)
        if job.cancelled:
            self.statusBar().showMessage(_("检测已取消。按 F5 继续检测剩余页面。"), 8000)
        else:
            n = len(self.state.undecided())
            self.statusBar().showMessage(_("检测完成。还有 {n} 页待审核。").format(n=n), 8000)
        self._refresh_summary()

    def cancel_detection(self):
        if self.job is not None:
            self.job.cancel()
            self.statusBar().showMessage(_("正在取消（当前页完成后停止）…"))

    def stop_detection(self, wait: bool = False):
        job = self.job
        if job is None:
            return
        job.cancel()
        if wait:
            job.wait()
            QApplication.processEvents()
            self._on_job_finished(job)

    def is_detecting(self) -> bool:
        return self.job is not None

    # ===================================================================== navigation
    def _rebuild_tree(self):
        self.files.blockSignals(True)
        self.files.clear()
        self._items.clear()
        self._doc_items.clear()
        for d, doc in enumerate(self.state.docs):
            top = QTreeWidgetItem([doc.input.rel.as_posix(), ""])
            top.setToolTip(0, str(doc.path))
            self.files.addTopLevelItem(top)
            self._doc_items[d] = top
            if doc.result.error:
                top.setData(0, Qt.ItemDataRole.UserRole, ("error", d))
            elif doc.page_count == 1:
                top.setData(0, Qt.ItemDataRole.UserRole, (d, 0))
                self._items[(d, 0)] = top
            else:
                top.setData(0, Qt.ItemDataRole.UserRole, (d, 0))
                for p in range(doc.page_count):
                    child = QTreeWidgetItem([_("第 {n} 页").format(n=p + 1), ""])
                    child.setData(0, Qt.ItemDataRole.UserRole, (d, p))
                    top.addChild(child)
                    self._items[(d, p)] = child
                top.setExpanded(True)
        self.files.blockSignals(False)
        for k in self.state.keys():
            self._update_item(k)
        for d in range(len(self.state.docs)):
            self._update_doc_item(d)
        self._refresh_summary()
        if self.current is not None and self.current in self._items:
            self._select_item(self.current)

    def _update_item(self, key: Key):
        item = self._items.get(key)
        if item is None:
            return
        st = self.state.status(key)
        item.setText(1, status_label(st))
        item.setIcon(1, dot_icon(STATUS_COLORS[st]))
        item.setForeground(1, QColor(STATUS_COLORS[st]))
        doc = self.state.docs[key[0]]
        if key[1] in doc.page_errors:
            item.setToolTip(1, doc.page_errors[key[1]])

    def _update_doc_item(self, d: int):
        top = self._doc_items.get(d)
        doc = self.state.docs[d]
        if top is None:
            return
        if doc.result.error:
            top.setText(1, status_label(ERROR))
            top.setIcon(1, dot_icon(STATUS_COLORS[ERROR]))
            top.setForeground(1, QColor(STATUS_COLORS[ERROR]))
            top.setToolTip(1, doc.result.error)
        elif doc.page_count > 1:
            done = sum(1 for p in range(doc.page_count)
                       if self.state.status((d, p)) in (CONFIRMED, NO_MASK))
            top.setText(1, f"{done}/{doc.page_count}")
            top.setIcon(1, dot_icon(STATUS_COLORS[CONFIRMED if done == doc.page_count else REVIEW]))

    def _refresh_summary(self):
        c = self.state.counts()
        total = len(self.state.keys())
        if not self.state.docs:
            self.summary.setText(_("尚未打开文件"))
            return
        parts = [_("共 {n} 页").format(n=total),
                 _("已确认 {n}").format(n=c.get(CONFIRMED, 0)),
                 _("无需遮盖 {n}").format(n=c.get(NO_MASK, 0)),
                 _("待审核 {n}").format(n=c.get(REVIEW, 0))]
        if c.get(DETECTING):
            parts.append(_("检测中 {n}").format(n=c[DETECTING]))
        if c.get(PENDING):
            parts.append(_("未检测 {n}").format(n=c[PENDING]))
        if c.get(ERROR):
            parts.append(_("错误 {n}").format(n=c[ERROR]))
        self.summary.setText(" · ".join(parts))

    def _select_item(self, key: Key):
        item = self._items.get(key)
        if item is not None and self.files.currentItem() is not item:
            self.files.blockSignals(True)
            self.files.setCurrentItem(item)
            self.files.blockSignals(False)
            self.files.scrollToItem(item)

    def _on_tree_current(self, item, _prev):
        if item is None:
            return
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        if data[0] == "error":
            self._show_doc_error(data[1])
        elif tuple(data) != self.current:
            self.show_page(tuple(data))

    def _show_doc_error(self, d: int):
        if not self.state.docs:
            return
        self.current = None
        self.canvas.clear()
        doc = self.state.docs[d]
        self.page_info.setText(f"{doc.input.rel.as_posix()} — " + _("无法读取：") + (doc.result.error or ""))
        self._refresh_panel()

    def show_page(self, key: Key):
        key = tuple(key)
        if key not in set(self.state.keys()):
            return
        self.current = key
        self._select_item(key)
        if self.job is not None:
            self.job.prioritize(key)
        page = self.cache.get(key)
        self.page_error = None
        if page is None and key[1] not in self.state.docs[key[0]].page_errors:
            doc = self.state.docs[key[0]]
            pr = self.state.page(key)
            try:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                page = load_page(doc.path, key[1], pr.dpi or self.settings.dpi, pr.rotation)
                self.cache.put(key, page)
            except DocumentError as exc:
                self.page_error = str(exc)
            finally:
                QApplication.restoreOverrideCursor()
        if page is not None:
            self.state.set_page_size(key, page.width, page.height, page.dpi)
        self.canvas.select(None)
        self.canvas.set_image(page.pixels if page is not None else None)
        self.canvas.set_regions(self.state.regions(key))
        self.canvas.fit()
        if self.act_preview.isChecked():
            self._apply_preview()
        self._refresh_panel()
        self.canvas.setFocus()

    def step_page(self, step: int):
        keys = self.state.keys()
        if not keys:
            return
        if self.current not in keys:
            self.show_page(keys[0])
            return
        i = keys.index(self.current) + step
        if 0 <= i < len(keys):
            self.show_page(keys[i])

    def next_undecided(self) -> bool:
        keys = self.state.keys()
        if not keys:
            return False
        start = keys.index(self.current) + 1 if self.current in keys else 0
        order = keys[start:] + keys[:start]
        for wanted in ((REVIEW,), (PENDING, DETECTING)):
            for k in order:
                if self.state.status(k) in wanted:
                    self.show_page(k)
                    return True
        self.statusBar().showMessage(_("所有页面都已处理，可以导出 (Ctrl+E)。"), 8000)
        return False

    # ===================================================================== refresh
    def _on_page_changed(self, d, p):
        key = (d, p)
        self._update_item(key)
        self._update_doc_item(d)
        self._refresh_summary()
        if key == self.current:
            self.canvas.set_regions(self.state.regions(key))
            if self.act_preview.isChecked():
                self._apply_preview()
            self._refresh_panel()

    def _refresh_all(self):
        self._rebuild_tree()
        self._refresh_panel()
        self._on_profile_changed()
        self.act_cancel.setEnabled(self.job is not None)

    def _refresh_panel(self):
        key = self.current
        self._table_updating = True
        self.table.setRowCount(0)
        regions = self.state.regions(key) if key else []
        for i, r in enumerate(regions):
            self.table.insertRow(i)
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Checked if r.accepted else Qt.CheckState.Unchecked)
            kind = QTableWidgetItem(kind_label(r.kind))
            kind.setForeground(kind_color(r.kind))
            kind.setIcon(dot_icon(kind_color(r.kind).name()))
            text = QTableWidgetItem(r.text or ("（" + _("手动绘制") + "）" if r.source == "manual" else ""))
            text.setToolTip(r.text or "")
            score = QTableWidgetItem("—" if r.source == "manual" else f"{r.score:.2f}")
            score.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for c, it in enumerate((check, kind, text, score)):
                self.table.setItem(i, c, it)
            if r is self.canvas.selected:
                self.table.selectRow(i)
        self._table_updating = False
        has_page = key is not None
        st = self.state.status(key) if key else None
        self.act_confirm.setEnabled(has_page and st != ERROR)
        self.act_no_mask.setEnabled(has_page and st != ERROR)
        self.btn_confirm.setEnabled(has_page and st != ERROR)
        self.btn_no_mask.setEnabled(has_page and st != ERROR)
        if key is None:
            self.decision_label.setText("")
            return
        doc = self.state.docs[key[0]]
        n_acc = sum(1 for r in regions if r.accepted)
        info = f"{doc.input.rel.as_posix()}"
        if doc.page_count > 1:
            info += " — " + _("第 {i} / {n} 页").format(i=key[1] + 1, n=doc.page_count)
        info += " — " + status_label(st)
        if self.act_preview.isChecked():
            info += " — " + _("预览：导出后的效果（按 B 返回）")
        if self.page_error or key[1] in doc.page_errors:
            info += " — " + (self.page_error or doc.page_errors[key[1]])
        self.page_info.setText(info)
        color = STATUS_COLORS[st]
        text = {
            PENDING: _("尚未检测。可以按 F5 检测，也可以手动绘制遮盖框。"),
            DETECTING: _("正在检测此页…"),
            REVIEW: _("检查遮盖框后确认（Enter），或标记为无需遮盖（N）。"),
            CONFIRMED: _("已确认：导出时遮盖 {n} 处。").format(n=n_acc),
            NO_MASK: _("已标记为无需遮盖：导出时不遮盖。"),
            ERROR: _("此页无法读取，不会导出。"),
        }[st]
        self.decision_label.setText(f"<span style='color:{color}; font-weight:bold'>{status_label(st)}</span>"
                                    f" — {text}<br>" + _("将遮盖 {a} / {n} 个框").format(a=n_acc, n=len(regions)))

    # ===================================================================== editing
    def _need_page(self) -> Key | None:
        if self.current is None:
            self.statusBar().showMessage(_("请先打开文件。"), 4000)
        return self.current

    def toggle_region(self, region: Region):
        key = self._need_page()
        if key is None:
            return
        text = _("接受遮盖框") if not region.accepted else _("拒绝遮盖框")
        self.undo_stack.push(C.SetAccepted(self.state, key, [(region, not region.accepted)], text))

    def toggle_selected(self):
        if self.sender() is self.act_toggle and self._key_meant_for_focus():
            return
        if self.canvas.selected is None:
            self.canvas.select_next(1)
            if self.canvas.selected is None:
                return
        self.toggle_region(self.canvas.selected)

    def set_all_accepted(self, value: bool):
        key = self._need_page()
        if key is None:
            return
        changes = [(r, value) for r in self.state.regions(key) if r.accepted != value]
        if changes:
            self.undo_stack.push(C.SetAccepted(self.state, key, changes,
                                               _("全部接受") if value else _("全部拒绝")))

    def delete_selected(self):
        key, r = self.current, self.canvas.selected
        if key is None or r is None:
            self.statusBar().showMessage(_("请先选中一个框（单击或按 Tab）。"), 4000)
            return
        self.undo_stack.push(C.RemoveRegion(self.state, key, r))

    def add_region(self, kind: str, bbox):
        key = self._need_page()
        if key is None:
            return
        region = Region(kind=kind, bbox=tuple(int(v) for v in bbox), score=1.0, text=None,
                        accepted=True, source="manual")
        self.undo_stack.push(C.AddRegion(self.state, key, region))
        self.canvas.select(region)
        self._refresh_panel()

    def insert_box(self):
        """Keyboard drawing: a new box at the centre of the view, then arrows move/resize it."""
        if self.current is None or not self.canvas.page_size[0]:
            return
        c = self.canvas.mapToScene(self.canvas.viewport().rect().center())
        w, h = self.canvas.page_size
        bw, bh = max(40, w // 8), max(20, h // 30)
        x0 = int(max(0, min(w - bw, c.x() - bw / 2)))
        y0 = int(max(0, min(h - bh, c.y() - bh / 2)))
        self.add_region(self.canvas.draw_kind, (x0, y0, x0 + bw, y0 + bh))
        self.canvas.setFocus()

    def edit_bbox(self, region: Region, bbox, mergeable: bool):
        key = self._need_page()
        if key is not None:
            self.undo_stack.push(C.SetBBox(self.state, key, region, bbox, mergeable))

    def change_kind(self, region: Region, kind: str):
        if self.current is not None and region.kind != kind:
            self.undo_stack.push(C.SetKind(self.state, self.current, region, kind))

    def set_draw_mode(self, on: bool):
        self.canvas.draw_mode = bool(on)
        self.act_draw.setChecked(bool(on))
        self.statusBar().showMessage(
            _("绘制模式：在页面上拖动画出「{k}」框。再按 D 退出。").format(k=kind_label(self.canvas.draw_kind))
            if on else _("已退出绘制模式。"), 5000)

    def choose_kind(self, kind: str):
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.canvas.draw_kind = kind
        if self.canvas.selected is not None and self.canvas.selected.source == "manual":
            self.change_kind(self.canvas.selected, kind)
        self.set_draw_mode(True)

    def _page_blocked(self, key: Key) -> bool:
        st = self.state.status(key)
        if st == DETECTING:
            self.statusBar().showMessage(_("此页还在检测，请稍候再确认。"), 5000)
            return True
        if st == ERROR:
            return True
        return False

    def _key_meant_for_focus(self) -> bool:
        """Enter/Space are page shortcuts, but a focused field or button gets them first:
        Enter in a profile field applies the profile; Enter/Space on a button presses it."""
        fw = QApplication.focusWidget()
        if isinstance(fw, (QLineEdit, QPlainTextEdit)) and self.profile_editor.isAncestorOf(fw):
            self.apply_profile_fields()
            return True
        if isinstance(fw, QAbstractButton) and self.isAncestorOf(fw):
            fw.click()
            return True
        return False

    def confirm_page(self):
        if self.sender() is self.act_confirm and self._key_meant_for_focus():
            return
        key = self._need_page()
        if key is None or self._page_blocked(key):
            return
        if self.state.page(key).decision != "confirmed":
            self.undo_stack.push(C.SetDecision(self.state, key, "confirmed"))
        self.next_undecided()

    def mark_no_mask(self):
        key = self._need_page()
        if key is None or self._page_blocked(key):
            return
        accepted = [r for r in self.state.regions(key) if r.accepted]
        if accepted and not ask(self, _("标记为无需遮盖"),
                                _("此页有 {n} 个将被遮盖的框。标记为「无需遮盖」后，导出时此页不做任何遮盖。确定吗？").format(
                                    n=len(accepted)), default_yes=False):
            return
        if self.state.page(key).decision != "no_mask":
            self.undo_stack.push(C.SetDecision(self.state, key, "no_mask"))
        self.next_undecided()

    def reopen_page(self):
        key = self._need_page()
        if key is not None and self.state.page(key).decision is not None:
            self.undo_stack.push(C.SetDecision(self.state, key, None))

    # ===================================================================== canvas ↔ table
    def _on_canvas_selection(self, region):
        if self._table_updating:
            return
        self._table_updating = True
        self.table.clearSelection()
        if region is not None and self.current is not None:
            for i, r in enumerate(self.state.regions(self.current)):
                if r is region:
                    self.table.selectRow(i)
                    self.table.scrollToItem(self.table.item(i, 0))
        self._table_updating = False

    def _on_table_selection(self):
        if self._table_updating or self.current is None:
            return
        rows = {i.row() for i in self.table.selectedIndexes()}
        regions = self.state.regions(self.current)
        if rows:
            row = min(rows)
            if row < len(regions):
                self._table_updating = True
                self.canvas.select(regions[row])
                self._table_updating = False

    def _on_table_item_changed(self, item):
        if self._table_updating or self.current is None or item.column() != 0:
            return
        regions = self.state.regions(self.current)
        if item.row() < len(regions):
            r = regions[item.row()]
            want = item.checkState() == Qt.CheckState.Checked
            if want != r.accepted:
                QTimer.singleShot(0, lambda: self.toggle_region(r))

    def _table_menu(self, pos):
        if self.current is None:
            return
        row = self.table.rowAt(pos.y())
        regions = self.state.regions(self.current)
        if not 0 <= row < len(regions):
            return
        r = regions[row]
        menu = QMenu(self)
        menu.addAction(_("切换遮盖"), lambda: self.toggle_region(r))
        sub = menu.addMenu(_("更改类别"))
        for kind in DRAW_KINDS:
            sub.addAction(kind_label(kind), lambda k=kind: self.change_kind(r, k))
        menu.addAction(_("删除"), lambda: self.undo_stack.push(C.RemoveRegion(self.state, self.current, r)))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ===================================================================== preview
    def toggle_preview(self, on: bool):
        self.act_preview.setChecked(bool(on))
        self._refresh_panel()
        if on:
            self._apply_preview()
        else:
            page = self.cache.get(self.current) if self.current else None
            self.canvas.set_preview(False, page.pixels if page is not None else None)

    def _apply_preview(self):
        page = self.cache.get(self.current) if self.current else None
        if page is None:
            self.canvas.set_preview(True)
            return
        status = self.state.status(self.current)
        regions = [] if status == NO_MASK else self.state.regions(self.current)
        self.canvas.set_preview(True, burn_preview(page.pixels, regions, self.settings.fill_bgr))

    # ===================================================================== profile
    def set_profile(self, profile: Profile):
        self.state.set_profile(profile)
        self.settings.last_profile = profile.to_toml()

    def _on_profile_changed(self):
        p = self.state.profile
        self.profile_editor.set_profile(p)
        if p is None:
            self.profile_status.setText(_("尚未填写。检测前需要申请人姓名和工作单位。"))
        else:
            self.profile_status.setText(_("已应用：{n} 个姓名写法，{e} 个单位。").format(
                n=1 + len(p.aliases), e=len(p.employers)))

    def apply_profile_fields(self):
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
        if redo and ask(self, _("重新检测"), _("申请人信息已更改。是否重新检测 {n} 个尚未确认的页面？（手动绘制的框会保留）").format(
                n=len(redo))):
            self.stop_detection(wait=True)
            self.undo_stack.clear()
            for k in redo:
                self.state.detected.discard(k)
            self.start_detection(redo + pending)
        elif pending:
            self.start_detection(pending)

    def load_profile_dialog(self):
        path, _f = QFileDialog.getOpenFileName(self, _("载入申请人信息"), self.settings.last_dir("profile"),
                                               _("申请人信息 (*.toml);;所有文件 (*)"))
        if path:
            self.load_profile_file(path)

    def load_profile_file(self, path) -> bool:
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
        try:
            profile = self.profile_editor.profile()
        except ProfileError as exc:
            QMessageBox.warning(self, _("申请人信息"), explain_profile_error(exc))
            return
        path, _f = QFileDialog.getSaveFileName(self, _("保存申请人信息"),
                                               str(Path(self.settings.last_dir("profile") or Path.home()) / "profile.toml"),
                                               _("申请人信息 (*.toml)"))
        if path:
            from redaction.files.export import write_atomic
            write_atomic(Path(path), profile.to_toml().encode("utf-8"))
            self.settings.set_last_dir("profile", str(Path(path).parent))
            self.statusBar().showMessage(_("已保存：") + path, 5000)

    # ===================================================================== export
    def export(self):
        if not self.state.docs:
            self.statusBar().showMessage(_("请先打开文件。"), 4000)
            return
        undecided = self.state.undecided()
        skip = False
        if undecided:
            rows = [self._key_text(k) + " — " + status_label(self.state.status(k)) for k in undecided]
            choice = UndecidedDialog(rows, self).exec()
            if choice == UndecidedDialog.REVIEW:
                self.show_page(undecided[0])
                return
            if choice != UndecidedDialog.SKIP:
                return
            skip = True
        out = QFileDialog.getExistingDirectory(self, _("选择导出文件夹"), self.settings.last_dir("export"))
        if out:
            self.export_to(out, skip_undecided=skip)

    def _key_text(self, key: Key) -> str:
        doc = self.state.docs[key[0]]
        name = doc.input.rel.as_posix()
        return name if doc.page_count == 1 else name + " " + _("第 {n} 页").format(n=key[1] + 1)

    def export_to(self, out_dir, skip_undecided: bool = False, wait: bool = False) -> bool:
        out = Path(out_dir)
        undecided = self.state.undecided()
        if undecided and not skip_undecided:
            return False
        input_dirs = {Path(d.path).resolve().parent for d in self.state.docs}
        if out.resolve() in input_dirs:
            QMessageBox.warning(self, _("导出"), _("请选择另一个文件夹：导出文件不能与原始附件放在同一文件夹。"))
            return False
        self.stop_detection(wait=True)
        self.settings.set_last_dir("export", str(out))
        docs = []
        for d in self.state.docs:
            pages = [copy.deepcopy(p) for p in d.result.pages]
            docs.append(ExportDoc(d.path, d.input.rel, pages, d.result.error))
        total = sum(1 for d in docs for p in d.pages if p.decision)
        job = ExportJob(docs, out, self.state.profile, self.settings.fill_bgr, self.settings.jpeg_quality,
                        self.settings.dpi, self)
        dlg = QProgressDialog(_("正在导出…"), _("取消"), 0, max(1, total), self)
        dlg.setWindowTitle(_("导出"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(300)
        dlg.canceled.connect(job.cancel)
        job.progress.connect(lambda i, n, name: (dlg.setValue(i), dlg.setLabelText(_("正在导出：") + name)))
        job.finishedExport.connect(lambda w, e: self._on_exported(job, dlg, out, w, e))
        self.export_job = job
        job.start()
        if wait:
            job.wait()
            QApplication.processEvents()
        return True

    def _on_exported(self, job, dlg, out: Path, written, errors):
        dlg.reset()
        dlg.close()
        self.export_job = None
        self.last_export = (written, errors)
        if job.cancelled:
            self.statusBar().showMessage(_("导出已取消。已写出的文件保留在导出文件夹中。"), 8000)
            return
        msg = _("已导出 {n} 个 JPG 到 {d}").format(n=len(written), d=str(out))
        if errors:
            QMessageBox.warning(self, _("导出"), msg + "\n\n" + _("以下文件出错：") + "\n" + "\n".join(errors[:20]))
        else:
            self.statusBar().showMessage(msg, 10000)
        open_it = self.settings.open_after_export if self.open_folder_after_export is None else self.open_folder_after_export
        if open_it:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    # ===================================================================== other windows
    def open_verify(self):
        from app.windows.verify_window import VerifyWindow

        if self.verify_window is None:
            self.verify_window = VerifyWindow(self.settings, self.detector_factory, self.state.profile)
        elif self.state.profile is not None and self.verify_window.profile is None:
            self.verify_window.set_profile(self.state.profile)
        self.verify_window.show()
        self.verify_window.raise_()
        self.verify_window.activateWindow()

    def open_prose(self):
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
        dlg = SettingsDialog(self.settings, self)
        if dlg.exec():
            if dlg.language_changed:
                QMessageBox.information(self, _("设置"), _("界面语言将在重新启动程序后生效。审核进度已自动保存。"))
            if self.act_preview.isChecked():
                self._apply_preview()

    def show_shortcuts(self):
        ShortcutsDialog(self).exec()

    def show_about(self):
        QMessageBox.about(self, _("关于"), _("盲评遮盖助手 BlindMask\n离线遮盖职称评审附件中的姓名、工作单位、公章和照片眼部。\n"
                                            "所有处理都在本机完成。"))

    def closeEvent(self, event):  # noqa: N802
        self.stop_detection(wait=True)
        if self.export_job is not None:
            self.export_job.cancel()
            self.export_job.wait()
        if self.verify_window is not None:
            self.verify_window.close()
        self.state.autosave()
        super().closeEvent(event)
