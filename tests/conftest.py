"""Shared fixtures: a sample profile, small rendered pages, one detector per test session."""

from __future__ import annotations

import os
import random
import socket
from pathlib import Path

import cv2
import numpy as np
import pytest

from redaction.model.profile import Profile

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


def cjk_font_path() -> str:
    for path in FONT_CANDIDATES:
        if os.path.exists(path):
            return path
    raise RuntimeError("no CJK font installed: .ci/run installs fonts-noto-cjk")


def render_page(lines, size=(1654, 1169), font_px=34, color=(0, 0, 0)):
    """A white page with text lines [(x, y, text) or (x, y, text, px, rgb)]; returns BGR."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    fonts = {}
    for item in lines:
        x, y, text = item[:3]
        px = item[3] if len(item) > 3 else font_px
        rgb = item[4] if len(item) > 4 else color
        if px not in fonts:
            fonts[px] = ImageFont.truetype(cjk_font_path(), px)
        draw.text((x, y), text, font=fonts[px], fill=rgb)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def text_box(x, y, text, font_px=34):
    """Tight ink box of `text` drawn at (x, y), as render_page draws it."""
    from PIL import ImageFont

    font = ImageFont.truetype(cjk_font_path(), font_px)
    x0, y0, x1, y1 = font.getbbox(text)
    return (x + x0, y + y0, x + x1, y + y1)


def write_image(path: Path, bgr: np.ndarray, ext: str = ".jpg") -> Path:
    ok, buf = cv2.imencode(ext, bgr)
    assert ok
    path.parent.mkdir(parents=True, exist_ok=True)
    buf.tofile(str(path))
    return path


@pytest.fixture(scope="session")
def profile() -> Profile:
    return Profile(name="阿依古丽·买买提", aliases=("阿依古丽",),
                   employers=("阿克苏地区生态环境局", "阿克苏地区环境监测站"))


@pytest.fixture(scope="session")
def detector():
    from redaction.pipeline.propose import Detector

    return Detector()


@pytest.fixture(scope="session")
def seal_reader():
    """The learned seal-text detector, loaded once for the session."""
    from redaction.detect.sealdet import SealTextDetector

    return SealTextDetector()


@pytest.fixture(autouse=True)
def one_worker_in_process(monkeypatch):
    """`main([...])` called inside the test process runs its batch in this process, as on a
    one-core machine: fakes patched into this process (a fixed detector, a refused network) do
    not reach the spawned workers that the default `--jobs` (one per core) would start. Tests of
    the workers themselves pass `--jobs` or run the CLI as a subprocess."""
    monkeypatch.setattr("redaction.pipeline.batch.default_jobs", lambda: 1)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(self, *args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, *a))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(None, *a))
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


@pytest.fixture(scope="module")
def audit_tree(tmp_path_factory):
    """The roster (xlsx and GBK csv) and masked folders of tests/test_audit.py, whose EXPECTED lists
    what the audit must find in them; shared with the GUI's roster audit (tests/gui/test_roster_audit.py).
    The page and roster builders stay in tests/test_audit.py (imported here, not at the top, because
    that module imports this conftest)."""
    from testkit.corpus import APPLICANTS
    from tests.test_audit import SIZE, _id, attachment, exif_jpeg, write_csv, write_xlsx

    base = tmp_path_factory.mktemp("audit")
    root = base / "材料"
    ap = APPLICANTS

    def folder(i: int, how: str = "name") -> Path:
        a = ap[i - 1]
        name = {"name": f"{a.name}", "id": f"材料-{_id(i)}", "seq": f"{i:02d}号"}[how]
        p = root / name
        p.mkdir(parents=True)
        return p

    write_image(folder(1) / "01.jpg", attachment(ap[0]))
    write_image(folder(2) / "01.jpg", attachment(ap[1], masked=False))
    write_image(folder(3, "id") / "01.jpg", np.ascontiguousarray(np.rot90(attachment(ap[2]))))
    write_image(folder(4) / "01.png", attachment(ap[3]), ".png")
    f5 = folder(5)
    write_image(f5 / "01.jpg", attachment(ap[4]))
    write_image(f5 / "02.jpg", attachment(ap[5], masked=False))       # 古丽娜尔's page, misfiled
    f6 = folder(6)
    write_image(f6 / "01.jpg", attachment(ap[5]))
    # corrupt: fixed bytes, because 1 draw in 200 of random ones holds an end marker with bytes
    # after it, which the audit rightly also reports as metadata (stop 37's CI run drew one)
    (f6 / "02.jpg").write_bytes(b"\xff\xd8\xff\xe0" + random.Random(6).randbytes(300))
    f7 = folder(7)
    write_image(f7 / "XX_01.jpg", attachment(ap[6]))
    write_image(f7 / f"{ap[6].name}_02.jpg", attachment(ap[6]))
    (folder(8) / "01.jpg").write_bytes(exif_jpeg(attachment(ap[7])))
    small = cv2.resize(attachment(ap[8]), (400, 550), interpolation=cv2.INTER_AREA)
    write_image(folder(9, "seq") / "01.jpg", small)
    import pymupdf

    doc = pymupdf.open()
    ok, png = cv2.imencode(".png", attachment(ap[9]))
    pg = doc.new_page(width=SIZE[0] * 72 / 100, height=SIZE[1] * 72 / 100)
    pg.insert_image(pg.rect, stream=png.tobytes())
    doc.save(folder(10) / "01.pdf")
    write_image(folder(12) / "01.jpg", attachment(ap[11], other_org="新疆医科大学", other_person="李娜"))
    (root / "99-待分配").mkdir()
    write_image(root / "99-待分配" / "x.jpg", attachment(ap[0]))
    write_xlsx(base / "花名册.xlsx")
    write_csv(base / "花名册.csv")
    return base


def draw_seal(bgr: np.ndarray, center, radius: int, text: str, rgb=(215, 30, 35),
              span_deg: float | None = None) -> tuple[int, int, int, int]:
    """Draw a round red official seal (ring, star, curved ring text) like a 公章; returns its box.
    `span_deg`: the arc the ring text spans (22° a character up to 250° unless given; a space in
    `text` leaves its character's place empty)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = center
    width = max(3, radius // 18)
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=rgb + (230,), width=width)
    star = []
    for k in range(10):
        r = radius * (0.28 if k % 2 == 0 else 0.11)
        a = -np.pi / 2 + k * np.pi / 5
        star.append((cx + r * np.cos(a), cy + r * np.sin(a)))
    d.polygon(star, fill=rgb + (230,))
    font_px = max(10, int(radius * 0.26))
    font = ImageFont.truetype(cjk_font_path(), font_px)
    n = len(text)
    span = np.deg2rad(min(250, 22 * n) if span_deg is None else span_deg)
    for i, ch in enumerate(text):
        a = -np.pi / 2 - span / 2 + span * (i + 0.5) / n
        glyph = Image.new("RGBA", (font_px * 2, font_px * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((font_px // 2, font_px // 4), ch, font=font, fill=rgb + (230,))
        glyph = glyph.rotate(-np.rad2deg(a) - 90, resample=Image.BICUBIC)
        r = radius - width - font_px * 0.75
        gx, gy = cx + r * np.cos(a) - font_px, cy + r * np.sin(a) - font_px
        layer.alpha_composite(glyph, (int(gx), int(gy)))
    img = Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")
    bgr[:] = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    return (cx - radius, cy - radius, cx + radius, cy + radius)


def paste_face(bgr: np.ndarray, x: int, y: int, height: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Paste the astronaut's head (scikit-image's sample photo) as an ID photo; returns eye centres."""
    from skimage import data

    photo = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)[20:260, 120:300]  # head and shoulders
    # Eye centres in the 512×512 original, measured once by hand on the photo.
    eyes = np.array([[206.0, 108.0], [243.0, 106.0]]) - [120, 20]
    scale = height / photo.shape[0]
    photo = cv2.resize(photo, (int(round(photo.shape[1] * scale)), height), interpolation=cv2.INTER_AREA)
    bgr[y:y + photo.shape[0], x:x + photo.shape[1]] = photo
    e = eyes * scale + [x, y]
    return (float(e[0][0]), float(e[0][1])), (float(e[1][0]), float(e[1][1]))
