"""Page canvas for synth5: text runs with per-glyph geometry, rules, photos, seals, and the
truth bookkeeping (tight ink bounds of every registered term)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_FILES = {
    "song": [
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
        ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    ],
    "hei": [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ],
    "kai": [
        ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
        ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
        ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
    ],
    "bold": [
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    ],
}
FALLBACK = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2)
NO_INK = {" ", "\u3000"}


@lru_cache(maxsize=512)
def font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(6, int(size)), index=index)


@lru_cache(maxsize=64)
def _tofu(path: str, index: int) -> bytes:
    f = font(path, index, 40)
    return bytes(f.getmask("\U0010fffd"))


@lru_cache(maxsize=20000)
def _has_glyph(path: str, index: int, ch: str) -> bool:
    if ch in NO_INK:
        return True
    f = font(path, index, 40)
    return bytes(f.getmask(ch)) != _tofu(path, index)


@dataclass(frozen=True)
class Face:
    path: str
    index: int
    size: int

    def get(self):
        return font(self.path, self.index, self.size)

    def for_char(self, ch):
        if _has_glyph(self.path, self.index, ch):
            return self.get()
        return font(FALLBACK[0], FALLBACK[1], self.size)

    def adv(self, ch):
        return self.for_char(ch).getlength(ch)


@dataclass
class Item:
    kind: str
    bbox: list
    text: str | None
    owner: str
    polygon: list | None = None
    tags: tuple = ()

    def as_dict(self):
        return {
            "kind": self.kind,
            "bbox": [int(v) for v in self.bbox],
            "text": self.text,
            "owner": self.owner,
            "polygon": None if self.polygon is None else [[float(x), float(y)] for x, y in self.polygon],
            "tags": list(self.tags),
        }


@dataclass
class Term:
    form: str
    kind: str  # name | employer | org
    owner: str  # applicant | other
    tags: tuple = ()


@dataclass
class Run:
    text: str
    chars: list  # per char: (x, baseline, Face-font obj, line) or None for no ink
    layer: str
    tags: tuple


@dataclass
class Raw:
    """A truth item still in page coordinates: points are ink pixel centres or outline."""

    kind: str
    text: str | None
    owner: str
    points: np.ndarray
    tags: list = field(default_factory=list)
    rect: tuple | None = None  # (x0, y0, x1, y1) page-frame tight box for text


def ellipse_points(cx, cy, rx, ry, ang_deg=0.0, n=72):
    t = np.linspace(0, 2 * math.pi, n, endpoint=False)
    x, y = rx * np.cos(t), ry * np.sin(t)
    a = math.radians(ang_deg)
    return np.stack([cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)], 1)


class Canvas:
    def __init__(self, w, h, dpi, rng, terms, paper=(246, 244, 238)):
        self.w, self.h, self.dpi, self.rng = w, h, dpi, rng
        self.terms = sorted(terms, key=lambda t: -len(t.form))
        self.base = Image.new("RGB", (w, h), paper)
        self.layers = {k: Image.new("L", (w, h), 0) for k in ("k", "r", "kl", "rl")}
        self.draws = {k: ImageDraw.Draw(v) for k, v in self.layers.items()}
        self.ink = {
            "k": tuple(int(v) for v in rng.integers(10, 45, 3)),
            "r": (int(rng.integers(190, 225)), int(rng.integers(20, 50)), int(rng.integers(25, 55))),
        }
        self.runs: list[Run] = []
        self.seals = []  # (mask ndarray float, x, y, rgb)
        self.raws: list[Raw] = []
        self.pending_titles = []

    # ---------------------------------------------------------------- units
    def mm(self, v):
        return v * self.dpi / 25.4

    def pt(self, v):
        return max(6, int(round(v * self.dpi / 72)))

    # ---------------------------------------------------------------- text
    def _draw_chars(self, s, x, base, face, layer, track, line, chars):
        d = self.draws[layer]
        for ch in s:
            f = face.for_char(ch)
            if ch in NO_INK:
                chars.append(None)
            else:
                d.text((x, base), ch, font=f, fill=255, anchor="ls")
                chars.append((x, base, f, line))
            x += f.getlength(ch) + track
        return x

    def measure(self, s, face, track=0.0):
        return sum(face.adv(c) + track for c in s) - (track if s else 0)

    def text(self, x, base, s, face, layer="k", track=0.0, tags=(), align="left"):
        """One line; x is left edge (or centre/right per align). Returns right edge."""
        wdt = self.measure(s, face, track)
        if align == "center":
            x -= wdt / 2
        elif align == "right":
            x -= wdt
        chars = []
        end = self._draw_chars(s, x, base, face, layer, track, 0, chars)
        self.runs.append(Run(s, chars, layer, tuple(tags)))
        return end

    def block(self, lines, face, layer="k", tags=()):
        """Several lines [(x, baseline, text, align)] as ONE run, so a term split over the lines
        (e.g. an organisation name broken in a sign-off) is found and recorded piecewise."""
        chars, full = [], ""
        for li, (x, base, s, align) in enumerate(lines):
            wdt = self.measure(s, face)
            x = x - wdt / 2 if align == "center" else x - wdt if align == "right" else x
            self._draw_chars(s, x, base, face, layer, 0.0, li, chars)
            full += s
        self.runs.append(Run(full, chars, layer, tuple(tags)))

    def layout(self, s, face, width, indent=0.0):
        lines, cur, cx, start = [], [], indent, 0
        closing = set("，。、；：？！）》”’,.;:)")
        for i, ch in enumerate(s):
            if ch == "\n":
                lines.append((start, i))
                start, cx = i + 1, 0.0
                continue
            a = face.adv(ch)
            if cx + a > width + 0.5 and i > start and ch not in closing:
                lines.append((start, i))
                start, cx = i, 0.0
            cx += a
        lines.append((start, len(s)))
        del cur
        return lines

    def paragraph(self, x, top, width, s, face, line_h, indent_chars=0, layer="k", tags=(), lines=None):
        """Left-aligned wrapped prose. Returns y of the next line top."""
        indent = indent_chars * face.size
        if lines is None:
            lines = self.layout(s, face, width, indent)
        chars = [None] * len(s)
        y = top
        asc = face.size * 0.88
        for li, (a, b) in enumerate(lines):
            sub = []
            self._draw_chars(s[a:b], x + (indent if li == 0 else 0), y + asc, face, layer, 0.0, li, sub)
            chars[a:b] = sub
            y += line_h
        self.runs.append(Run(s, chars, layer, tuple(tags)))
        return y

    def wrap_hits(self, s, face, width, indent_chars, want_kinds=("employer", "name")):
        """Return lines for which an applicant term straddles a line break, or None."""
        indent = indent_chars * face.size
        lines = self.layout(s, face, width, indent)
        breaks = {b for _, b in lines[:-1]}
        for t in self.terms:
            if t.owner != "applicant" or t.kind not in want_kinds:
                continue
            p = s.find(t.form)
            while p >= 0:
                if any(p < b < p + len(t.form) for b in breaks):
                    return lines
                p = s.find(t.form, p + 1)
        return None

    # ---------------------------------------------------------------- rules and shapes
    def line(self, x0, y0, x1, y1, wdt=1, layer="kl"):
        self.draws[layer].line([(x0, y0), (x1, y1)], fill=255, width=max(1, int(round(wdt))))

    def rect(self, x0, y0, x1, y1, wdt=1, layer="kl"):
        self.draws[layer].rectangle([x0, y0, x1, y1], outline=255, width=max(1, int(round(wdt))))

    def add_title(self, text, run_index):
        """Register a red title as a truth item of kind title (owner other)."""
        self.pending_titles.append((text, self.runs[run_index]))

    # ---------------------------------------------------------------- photo
    def photo(self, x0, y0, pw, ph):
        """ID-style drawn face; returns nothing, registers an eyes Raw (tag drawn_face)."""
        rng = self.rng
        img = Image.new("RGB", (int(pw), int(ph)), [(67, 142, 219), (200, 40, 45), (245, 245, 245)][rng.integers(3)])
        d = ImageDraw.Draw(img)
        cx = pw / 2 + rng.uniform(-0.03, 0.03) * pw
        skin = tuple(int(v) for v in (rng.integers(190, 235), rng.integers(150, 190), rng.integers(120, 160)))
        suit = tuple(int(v) for v in rng.integers(15, 60, 3))
        d.ellipse([cx - pw * 0.55, ph * 0.78, cx + pw * 0.55, ph * 1.4], fill=suit)
        d.rectangle([cx - pw * 0.09, ph * 0.6, cx + pw * 0.09, ph * 0.82], fill=skin)
        hw, hh = pw * 0.27, ph * 0.27
        hy = ph * 0.42
        hair = tuple(int(v) for v in rng.integers(10, 40, 3))
        d.ellipse([cx - hw * 1.08, hy - hh * 1.12, cx + hw * 1.08, hy + hh * 0.5], fill=hair)
        d.ellipse([cx - hw, hy - hh * 0.85, cx + hw, hy + hh], fill=skin)
        ey = hy - hh * 0.05
        ex = hw * 0.42
        er = hw * 0.17
        for sx in (-1, 1):
            ecx = cx + sx * ex
            d.ellipse([ecx - er, ey - er * 0.5, ecx + er, ey + er * 0.5], fill=(250, 250, 250))
            d.ellipse([ecx - er * 0.45, ey - er * 0.45, ecx + er * 0.45, ey + er * 0.45], fill=(30, 25, 20))
            d.line(
                [(ecx - er * 1.1, ey - er * 1.3), (ecx + er * 1.1, ey - er * 1.45)],
                fill=hair,
                width=max(1, int(er * 0.35)),
            )
        d.line(
            [(cx, ey + er * 0.6), (cx - er * 0.4, hy + hh * 0.38), (cx + er * 0.3, hy + hh * 0.4)],
            fill=(150, 100, 80),
            width=max(1, int(er * 0.2)),
        )
        d.arc(
            [cx - hw * 0.35, hy + hh * 0.45, cx + hw * 0.35, hy + hh * 0.75],
            20,
            160,
            fill=(170, 70, 70),
            width=max(1, int(er * 0.25)),
        )
        self.base.paste(img, (int(x0), int(y0)))
        # eye band: outer corners of both eyes, brow lower edge to just below lower lids
        bx0 = x0 + cx - ex - er * 1.15
        bx1 = x0 + cx + ex + er * 1.15
        by0 = y0 + ey - er * 1.25
        by1 = y0 + ey + er * 0.75
        pts = np.array([[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]], float)
        self.raws.append(Raw("eyes", None, "applicant", pts, ["drawn_face"], (bx0, by0, bx1, by1)))
        self.rect(x0, y0, x0 + pw, y0 + ph, 1, "kl")

    # ---------------------------------------------------------------- seals
    def seal(
        self,
        cx,
        cy,
        ring_text,
        owner,
        *,
        diameter_mm=42.0,
        bottom="",
        shape="round",
        color=None,
        faded=False,
        incomplete=False,
        angle=None,
        font_face=None,
        tags=(),
    ):
        rng = self.rng
        R = self.mm(diameter_mm) / 2
        if shape == "oval":
            rx, ry = R, R * 0.74
        else:
            rx = ry = R
        size = int(2 * R * 1.5) + 8
        m = Image.new("L", (size, size), 0)
        d = ImageDraw.Draw(m)
        c = size / 2
        lw = max(2, int(round(self.mm(rng.uniform(1.0, 1.5)))))
        path, idx = FONT_FILES["song"][int(rng.integers(0, 2))] if font_face is None else font_face
        if shape == "square":
            half = R
            d.rectangle([c - half, c - half, c + half, c + half], outline=255, width=lw)
            chars = list(ring_text)
            n = len(chars)
            cols = 2 if n <= 4 else 3
            rows = math.ceil(n / cols)
            cw = (2 * half - 2 * lw) / cols
            chh = (2 * half - 2 * lw) / rows
            f = font(path, idx, int(min(cw, chh) * 0.9))
            # traditional order: right column first, top to bottom
            k = 0
            for col in range(cols - 1, -1, -1):
                for row in range(rows):
                    if k >= n:
                        break
                    x = c - half + lw + (col + 0.5) * cw
                    y = c - half + lw + (row + 0.5) * chh
                    d.text((x, y), chars[k], font=f, fill=255, anchor="mm")
                    k += 1
        else:
            d.ellipse([c - rx, c - ry, c + rx, c + ry], outline=255, width=lw)
            if rng.random() < 0.3 and shape == "round":
                r2 = rx - lw - self.mm(0.8)
                d.ellipse([c - r2, c - r2, c + r2, c + r2], outline=255, width=max(1, lw // 3))
            n = len(ring_text)
            span = min(270.0, 150 + 9.0 * n) if n < 15 else rng.uniform(250, 275)
            fs = rx * (0.30 if n < 12 else 0.27 if n < 17 else 0.23)
            squeeze = 1.0 if n < 13 else 0.78 if n < 17 else 0.64
            f = font(path, idx, int(fs))
            for i, ch in enumerate(ring_text):
                th = math.radians(-span / 2 + span * (i + 0.5) / n)
                rr = 1.0 - (lw + fs * 0.62) / rx
                px, py = c + rx * rr * math.sin(th), c - ry * rr * math.cos(th)
                gw = int(fs * 1.3)
                g = Image.new("L", (gw, gw), 0)
                ImageDraw.Draw(g).text((gw / 2, gw / 2), ch, font=f, fill=255, anchor="mm")
                if squeeze != 1.0:
                    nw = max(2, int(gw * squeeze))
                    g2 = Image.new("L", (gw, gw), 0)
                    g2.paste(g.resize((nw, gw)), ((gw - nw) // 2, 0))
                    g = g2
                if shape == "oval":
                    rot = -math.degrees(math.atan2(math.sin(th) / rx, math.cos(th) / ry))
                else:
                    rot = -math.degrees(th)
                g = g.rotate(rot, resample=Image.BILINEAR)
                m.paste(255, (int(px - gw / 2), int(py - gw / 2)), g)
            # star
            sr = ry * (0.30 if shape == "round" else 0.0)
            if sr > 0:
                pts = []
                for k in range(10):
                    a = -math.pi / 2 + k * math.pi / 5
                    r = sr if k % 2 == 0 else sr * 0.38
                    pts.append((c + r * math.cos(a), c + r * 0.0 + r * math.sin(a)))
                d.polygon(pts, fill=255)
            if bottom:
                bf = font(path, idx, int(rx * (0.2 if shape == "round" else 0.17)))
                by = c + ry * (0.55 if shape == "round" else 0.45)
                d.text((c, by), bottom, font=bf, fill=255, anchor="mm")
            if shape == "oval":
                mid = str(int(rng.integers(10**14, 10**15))) + "X"
                mf = font(path, idx, int(ry * 0.2))
                d.text((c, c), mid, font=mf, fill=255, anchor="mm")
        if angle is None:
            angle = float(rng.uniform(-30, 30))
        m = m.rotate(angle, resample=Image.BILINEAR, center=(c, c))
        a = np.asarray(m, np.float32) / 255.0
        # ink texture: speckle + low-frequency unevenness
        lowf = cv2.resize(
            rng.uniform(0.55, 1.0, (5, 5)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC
        )
        tex = np.clip(lowf + rng.normal(0, 0.12, (size, size)).astype(np.float32), 0, 1)
        if incomplete:
            gap = cv2.resize(rng.uniform(0, 1, (4, 4)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC)
            tex *= np.clip((gap - 0.28) * 4, 0, 1)
        strength = rng.uniform(0.45, 0.65) if faded else rng.uniform(0.8, 0.97)
        a = a * tex * strength
        if color is None:
            color = (int(rng.integers(200, 235)), int(rng.integers(25, 70)), int(rng.integers(40, 80)))
            if faded:
                color = (235, int(rng.integers(95, 135)), int(rng.integers(120, 160)))
            elif rng.random() < 0.1:
                color = (170, 40, 110)  # purple-ish
        x, y = int(round(cx - c)), int(round(cy - c))
        self.seals.append((a, x, y, color))
        if shape == "square":
            pts = np.array([[-R, -R], [R, -R], [R, R], [-R, R]], float)
            t = math.radians(-angle)
            rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
            pts = pts @ rot.T + [x + c, y + c]
        else:
            pts = ellipse_points(x + c, y + c, rx, ry, -angle)
        tg = list(tags)
        if shape != "round":
            tg.append(shape)
        if faded:
            tg.append("faded")
        if incomplete:
            tg.append("incomplete")
        if len(ring_text) >= 15 and shape != "square":
            tg.append("long_ring")
        if color[0] > 150 and color[1] < 150:
            tg.append("red")
        self.raws.append(Raw("seal", ring_text + (" " + bottom if bottom else ""), owner, pts, tg))
        return pts

    # ---------------------------------------------------------------- truth collection
    def _add_piece(self, kind, text, owner, run, idxs, tags):
        arr = self._arr[run.layer]
        boxes = []
        for i in idxs:
            c = run.chars[i]
            if c is None:
                continue
            x, b, f, _ = c
            l_, t_, r_, b_ = f.getbbox(run.text[i], anchor="ls")
            boxes.append((x + l_, b + t_, x + r_, b + b_))
        if not boxes:
            return
        x0 = max(0, int(math.floor(min(b[0] for b in boxes))) - 1)
        y0 = max(0, int(math.floor(min(b[1] for b in boxes))) - 1)
        x1 = min(self.w, int(math.ceil(max(b[2] for b in boxes))) + 1)
        y1 = min(self.h, int(math.ceil(max(b[3] for b in boxes))) + 1)
        sub = arr[y0:y1, x0:x1] > 60
        ys, xs = np.nonzero(sub)
        if len(xs) == 0:
            return
        pts = np.stack([xs + x0, ys + y0], 1).astype(np.float32)
        hull = cv2.convexHull(pts).reshape(-1, 2).astype(float)
        rect = (xs.min() + x0, ys.min() + y0, xs.max() + x0, ys.max() + y0)
        self.raws.append(Raw(kind, text, owner, hull, list(tags), rect))

    def collect(self):
        self._arr = {k: np.asarray(v) for k, v in self.layers.items()}
        for text, run in self.pending_titles:
            self._add_piece("title", text, "other", run, list(range(len(run.text))), ["red"])
        for run in self.runs:
            s = run.text
            cands = []
            for ti, t in enumerate(self.terms):
                p = s.find(t.form)
                while p >= 0:
                    cands.append((-len(t.form), p, ti))
                    p = s.find(t.form, p + 1)
            cands.sort()
            taken = np.zeros(len(s) + 1, bool)
            for negl, p, ti in cands:
                L = -negl
                if taken[p : p + L].any():
                    continue
                taken[p : p + L] = True
                t = self.terms[ti]
                lines = {}
                for i in range(p, p + L):
                    c = run.chars[i]
                    ln = c[3] if c is not None else None
                    if ln is None:
                        # spaces: attach to the previous char's line
                        ln = next((run.chars[j][3] for j in range(i, p - 1, -1) if run.chars[j] is not None), 0)
                    lines.setdefault(ln, []).append(i)
                kind = t.kind
                tags = list(t.tags) + list(run.tags)
                if len(lines) > 1:
                    tags.append("wrapped")
                for _ln, idxs in sorted(lines.items()):
                    piece = "".join(s[i] for i in idxs).strip(" \u3000")
                    if piece:
                        self._add_piece(kind, piece, t.owner, run, idxs, tags)
        return self.raws

    # ---------------------------------------------------------------- compositing
    def composite(self):
        img = np.array(self.base, np.uint8)
        for keys, col in ((("kl", "k"), "k"), (("rl", "r"), "r")):
            a = np.maximum(self._arr[keys[0]], self._arr[keys[1]])
            ys, xs = np.nonzero(a)
            if len(ys) == 0:
                continue
            af = (a[ys, xs].astype(np.float32) / 255.0)[:, None]
            px = img[ys, xs].astype(np.float32)
            img[ys, xs] = (px * (1 - af) + np.array(self.ink[col], np.float32) * af + 0.5).astype(np.uint8)
        for a, x, y, color in self.seals:
            h, w = a.shape
            sx0, sy0 = max(0, x), max(0, y)
            sx1, sy1 = min(self.w, x + w), min(self.h, y + h)
            if sx1 <= sx0 or sy1 <= sy0:
                continue
            aa = a[sy0 - y : sy1 - y, sx0 - x : sx1 - x][..., None]
            mul = 1 - aa * (1 - np.array(color, np.float32) / 255.0)
            img[sy0:sy1, sx0:sx1] = np.clip(img[sy0:sy1, sx0:sx1] * mul + 0.5, 0, 255).astype(np.uint8)
        return img  # RGB
