"""The page shown before any file is open: what the app does, and buttons to start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _


class WelcomePage(QWidget):
    """Title, a line of explanation, and open-files / open-folder / verify buttons."""

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
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
        self.btn_open = QPushButton(_("打开文件… (Ctrl+O)"))
        self.btn_open_dir = QPushButton(_("打开文件夹… (Ctrl+Shift+O)"))
        self.btn_verify = QPushButton(_("核查已遮盖文件… (Ctrl+Shift+V)"))
        for b in (self.btn_open, self.btn_open_dir, self.btn_verify):
            b.setMinimumHeight(36)
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        hint = QLabel(_("支持 JPG、PNG、BMP、TIFF、PDF 和手机照片（HEIC、WebP）。"
                        "所有处理都在本机完成，不联网。按 F1 查看快捷键。"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #777;")
        lay.addWidget(hint)
        lay.addStretch(2)
