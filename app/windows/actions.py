"""The main window's actions: every command with its shortcuts, and the menus and toolbar that show them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QToolBar

from app.i18n import _
from app.widgets.boxes import DRAW_KINDS, kind_label


class ActionsMixin:
    """Builds `act_*` (QActions, shortcuts active in the whole window), the menu bar and the toolbar."""

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

    def _build_menus(self):
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

    def _build_toolbar(self):
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
