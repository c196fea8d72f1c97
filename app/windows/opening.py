"""Opening files and folders, one implementation for the main window and the verify window.

A window mixes in OpenFilesMixin and says what opening means to it: `_close_inputs` stops the
work on the current set, `_show_inputs` takes the new files and their page counts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.i18n import _
from app.windows.dialogs import attachments_filter
from redaction.files.document import DocumentError, InputFile, collect_inputs, page_count


def read_inputs(parent, paths) -> list[InputFile] | None:
    """The supported files under `paths`; None, after telling the person why, when there are none."""
    try:
        inputs = collect_inputs([Path(p) for p in paths])
    except FileNotFoundError as exc:
        QMessageBox.warning(parent, _("打开失败"), _("找不到：") + str(exc))
        return None
    if not inputs:
        QMessageBox.information(parent, _("没有可处理的文件"),
                                _("所选位置没有支持的文件（JPG、PNG、BMP、TIFF、HEIC、WebP、PDF）。"))
        return None
    return inputs


def count_pages(inputs: list[InputFile]) -> list[int | str]:
    """Each file's page count, or the message saying why it cannot be read (under a wait cursor)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        counts: list[int | str] = []
        for inp in inputs:
            try:
                counts.append(page_count(inp.path))
            except DocumentError as exc:
                counts.append(str(exc))
    finally:
        QApplication.restoreOverrideCursor()
    return counts


class OpenFilesMixin:
    """The open-files and open-folder dialogs, drag and drop, and `open_paths` for a window with `settings`."""

    #: the Settings.last_dir key the dialogs start in
    open_dir_key = "open"

    def _open_title(self) -> str:
        return _("打开附件")

    def open_files_dialog(self):
        """Ask for files and open them."""
        paths, _f = QFileDialog.getOpenFileNames(
            self, self._open_title(), self.settings.last_dir(self.open_dir_key),
            attachments_filter())
        if paths:
            self.open_paths(paths)

    def open_folder_dialog(self):
        """Ask for a folder and open every supported file in it."""
        path = QFileDialog.getExistingDirectory(self, _("打开文件夹"), self.settings.last_dir(self.open_dir_key))
        if path:
            self.open_paths([path])

    def dragEnterEvent(self, event):  # noqa: N802
        """Accept a drag that carries local files or folders."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        """Open the dropped files and folders."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def open_paths(self, paths, **options) -> bool:
        """Open files/folders, replacing the current set; `options` go to the window's `_show_inputs`."""
        inputs = read_inputs(self, paths)
        if inputs is None:
            return False
        self._close_inputs()
        counts = count_pages(inputs)
        first = Path(paths[0])
        self.settings.set_last_dir(self.open_dir_key, str(first if first.is_dir() else first.parent))
        self._show_inputs(inputs, counts, **options)
        return True

    def _close_inputs(self):
        raise NotImplementedError

    def _show_inputs(self, inputs: list[InputFile], counts: list[int | str], **options):
        raise NotImplementedError
