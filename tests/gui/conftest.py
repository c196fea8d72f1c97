"""GUI test fixtures: offscreen Qt, QSettings and app data in a temporary folder, synthetic pages,
and a fake detector (the real one is used only in the end-to-end test marked slow)."""

from __future__ import annotations

import copy
import os
import threading
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NAME = "张伟"
EMPLOYER = "阿克苏地区环境监测站"
PROFILE_TOML = f'name = "{NAME}"\naliases = ["张 伟"]\nemployers = ["{EMPLOYER}"]\n'


def pytest_configure(config):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app.main import clean_qt_env

    clean_qt_env()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings and the app-data folder (autosaved sessions) live in the test's temporary folder."""
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    import app.model.state

    monkeypatch.setattr(app.model.state, "sessions_dir", lambda: tmp_path / "appdata" / "sessions")
    import app.workers.jobs

    app.workers.jobs.reset_detector()
    yield
    app.workers.jobs.reset_detector()


@pytest.fixture(autouse=True)
def no_unexpected_modal(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail at once instead (tests that expect
    one patch that dialog's exec themselves)."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *a, **k):
        raise AssertionError(f"unexpected modal dialog: {type(self).__name__} {self.windowTitle()!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: refuse(a[0] if a else None)))


@pytest.fixture
def settings(qapp):
    from app.model.settings import Settings

    s = Settings()
    s.open_after_export = False
    return s


@pytest.fixture
def profile():
    from redaction.model.profile import parse_profile

    return parse_profile(PROFILE_TOML)


# --- synthetic attachments --------------------------------------------------------------------

def _font(size):
    from PIL import ImageFont

    return ImageFont.truetype(FONT, size)


def _text(draw, xy, text, size, fill=(20, 20, 20)):
    f = _font(size)
    draw.text(xy, text, font=f, fill=fill)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=f)
    return (x0 - 4, y0 - 4, x1 + 4, y1 + 4)


def make_page(kind: str):
    """A 900×1270 page (A4 at ~110 dpi) and the regions a perfect detector would find."""
    from PIL import Image, ImageDraw

    from redaction.model.regions import Region

    im = Image.new("RGB", (900, 1270), (250, 250, 246))
    d = ImageDraw.Draw(im)
    regions = []
    if kind == "cert":
        _text(d, (300, 80), "专业技术资格证书", 40)
        _text(d, (120, 220), "姓名：", 30)
        regions.append(Region("name", _text(d, (210, 220), NAME, 30), 0.97, NAME))
        _text(d, (120, 300), "工作单位：", 30)
        regions.append(Region("employer", _text(d, (270, 300), EMPLOYER, 30), 0.93, EMPLOYER))
        _text(d, (120, 380), "专业：环境工程    级别：高级工程师", 30)
        d.ellipse((560, 820, 760, 1020), outline=(220, 30, 30), width=8)
        _text(d, (610, 900), "公章", 40, fill=(220, 30, 30))
        regions.append(Region("seal", (548, 808, 772, 1032), 0.88, EMPLOYER))
        # a suggestion the person will reject
        regions.append(Region("id_number", _text(d, (120, 460), "证书编号：6529 0119 8001", 26), 0.41,
                              "6529 0119 8001", accepted=False))
    elif kind == "thesis":
        _text(d, (150, 150), "论文：干旱区水质监测方法研究", 34)
        _text(d, (150, 230), "作者：", 28)
        regions.append(Region("name", _text(d, (235, 230), NAME, 28), 0.95, NAME))
    else:  # nothing to mask
        _text(d, (150, 150), "第二页：研究方法与结论", 34)
        for i in range(10):
            _text(d, (120, 260 + 60 * i), "本研究采用多点采样与实验室分析相结合的方法。", 24)
    return im, regions


@pytest.fixture
def samples(tmp_path):
    """A folder of attachments: a certificate (PNG, name in its file name), a 2-page PDF whose second
    page needs no mask, and a broken file. Returns (folder, truth) with truth[(file name, page)]."""
    folder = tmp_path / "附件"
    folder.mkdir()
    truth = {}
    cert, regions = make_page("cert")
    cert.save(folder / f"{NAME}-资格证书.png", dpi=(110, 110))
    truth[(f"{NAME}-资格证书.png", 0)] = regions
    p1, r1 = make_page("thesis")
    p2, r2 = make_page("plain")
    p1.save(folder / "论文.pdf", save_all=True, append_images=[p2], resolution=100.0)
    truth[("论文.pdf", 0)] = r1
    truth[("论文.pdf", 1)] = r2
    (folder / "损坏.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return folder, truth


class FakeDetector:
    """Returns the known regions of the synthetic pages, scaled to the rendered page size."""

    def __init__(self, truth, delay: float = 0.0, sees_masks: bool = False):
        self.truth, self.delay, self.sees_masks = truth, delay, sees_masks
        self.calls = 0
        self.lock = threading.Lock()

    def propose(self, page, profile):
        with self.lock:
            self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        regions = copy.deepcopy(self.truth.get((page.source.name, page.index), []))
        sx, sy = page.width / 900, page.height / 1270
        return [r.with_bbox((r.bbox[0] * sx, r.bbox[1] * sy, r.bbox[2] * sx, r.bbox[3] * sy)) for r in regions]

    def propose_upright(self, page, profile, rotation=None):
        regions = self.propose(page, profile)
        if self.sees_masks:  # like real OCR: text under a solid fill is not found again
            from redaction.pipeline.verify import uniform_fraction

            regions = [r for r in regions if uniform_fraction(page.pixels, r.bbox) < 0.85]
        return page, 0, regions


@pytest.fixture
def fake_factory(samples):
    folder, truth = samples
    det = FakeDetector(truth)
    return lambda: det


@pytest.fixture
def window(qtbot, settings, profile, fake_factory):
    from app.windows.main_window import MainWindow

    win = MainWindow(settings, detector_factory=fake_factory, profile=profile, open_folder_after_export=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.stop_detection(wait=True)


def wait_detected(qtbot, win, timeout=20000):
    qtbot.waitUntil(lambda: not win.is_detecting(), timeout=timeout)
