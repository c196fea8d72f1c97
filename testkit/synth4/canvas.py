"""Drawing surface that records, for every tracked term, the ink it actually put down."""

from __future__ import annotations

import functools

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

F = "/usr/share/fonts/"
FONTS = {
    # body (song / ming)
    "uming": (F + "truetype/arphic/uming.ttc", 0),
    "gbsn": (F + "truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
    "serif": (F + "opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    # headings / sans
    "serifb": (F + "opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    "sans": (F + "opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "sansb": (F + "opentype/noto/NotoSansCJK-Bold.ttc", 2),
    "microhei": (F + "truetype/wqy/wqy-microhei.ttc", 0),
    "zenhei": (F + "truetype/wqy/wqy-zenhei.ttc", 0),
    # kai / handwriting-like
    "ukai": (F + "truetype/arphic/ukai.ttc", 0),
    "gkai": (F + "truetype/arphic-gkai00mp/gkai00mp.ttf", 0),
    "wenkai": (F + "truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
    "wenkaib": (F + "truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf", 0),
}
BODY_FONTS = ["uming", "gbsn", "serif", "uming", "serif", "sans"]
HEAD_FONTS = ["sansb", "serifb", "microhei", "zenhei", "serifb"]
HAND_FONTS = ["ukai", "gkai", "wenkai", "wenkaib"]
INK_T = 80  # mask level (0..255) that counts as ink


@functools.lru_cache(maxsize=256)
def pil_font(key, size):
    path, idx = FONTS[key]
    return ImageFont.truetype(path, max(6, int(round(size))), index=idx)


@functools.lru_cache(maxsize=60000)
def glyph(key, size, ch):
    """(mask uint8, ox, oy, advance, hull Nx2) with offsets relative to the pen at the baseline."""
    f = pil_font(key, size)
    if ch.strip() == "":
        return None, 0, 0, f.getlength(ch if ch != "\u3000" else "一"), None
    if key in ("gbsn", "gkai") and ch in "•・³¹²⁴⁵":
        return glyph("uming" if key == "gbsn" else "ukai", size, ch)
    x0, y0, x1, y1 = f.getbbox(ch, anchor="ls")
    w, h = max(1, x1 - x0), max(1, y1 - y0)
    im = Image.new("L", (w + 2, h + 2), 0)
    ImageDraw.Draw(im).text((1 - x0, 1 - y0), ch, font=f, fill=255, anchor="ls")
    m = np.asarray(im)
    adv = f.getlength(ch)
    ys, xs = np.nonzero(m >= INK_T)
    if len(xs) == 0:
        return None, 0, 0, adv, None
    pts = np.stack([xs, ys], 1).astype(np.int32)
    hull = cv2.convexHull(pts).reshape(-1, 2).astype(np.float32)
    return m, x0 - 1, y0 - 1, adv, hull


def adv(key, size, ch):
    return glyph(key, size, ch)[3]


def text_width(key, size, s, spacing=0.0):
    return sum(adv(key, size, c) for c in s) + spacing * max(0, len(s) - 1)


class Term:
    __slots__ = ("text", "kind", "owner", "tags")

    def __init__(self, text, kind, owner, tags=()):
        self.text, self.kind, self.owner, self.tags = text, kind, owner, tuple(tags)


class Canvas:
    def __init__(self, w, h, dpi, paper=(255, 255, 255)):
        self.w, self.h, self.dpi = w, h, dpi
        self.img = np.empty((h, w, 3), np.uint8)
        self.img[:] = paper
        self.terms: list[Term] = []
        self.items: list[dict] = []  # kind, text, owner, tags(set), hull (Nx2, px centres), poly

    # units
    def mm(self, v):
        return v * self.dpi / 25.4

    def pt(self, v):
        return v * self.dpi / 72.0

    def register(self, text, kind, owner, tags=()):
        if text and all(t.text != text or t.kind != kind for t in self.terms):
            self.terms.append(Term(text, kind, owner, tags))

    def find_terms(self, s):
        spans = []
        taken = np.zeros(len(s), bool)
        for t in sorted(self.terms, key=lambda t: -len(t.text)):
            start = 0
            while True:
                i = s.find(t.text, start)
                if i < 0:
                    break
                j = i + len(t.text)
                if not taken[i:j].any():
                    taken[i:j] = True
                    spans.append((i, j, t))
                start = i + 1
        return sorted(spans, key=lambda x: x[0])

    # low-level ink
    def blend(self, mask, x, y, color, alpha=1.0):
        """Multiply-blend mask (uint8 or float 0..1) at integer top-left (x, y)."""
        m = mask.astype(np.float32)
        if mask.dtype == np.uint8:
            m /= 255.0
        m *= alpha
        h, w = m.shape
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.w, x + w), min(self.h, y + h)
        if x1 <= x0 or y1 <= y0:
            return
        mm = m[y0 - y : y1 - y, x0 - x : x1 - x, None]
        reg = self.img[y0:y1, x0:x1].astype(np.float32)
        c = np.asarray(color, np.float32) / 255.0
        reg *= 1.0 - mm * (1.0 - c)
        self.img[y0:y1, x0:x1] = np.clip(reg, 0, 255).astype(np.uint8)

    def put_char(self, key, size, ch, x, y, color, alpha=1.0):
        """Draw ch with pen at (x, baseline y); return hull points in page px or None."""
        m, ox, oy, _, hull = glyph(key, size, ch)
        if m is None:
            return None
        ix, iy = int(round(x + ox)), int(round(y + oy))
        self.blend(m, ix, iy, color, alpha)
        return hull + (ix + 0.5, iy + 0.5)

    def add_item(self, kind, text, owner, hull, tags=(), poly=None):
        if hull is None or len(hull) == 0:
            return None
        it = dict(kind=kind, text=text, owner=owner, tags=set(tags), hull=np.asarray(hull, np.float32), poly=poly)
        self.items.append(it)
        return it

    def draw_glyph_run(self, chars, text, extra_tags=(), line_ids=None, spans=None):
        """chars: list of (hull or None) per char of text, line_ids: line index per char.
        Create items for registered terms found in text, one per line piece."""
        if spans is None:
            spans = self.find_terms(text)
        out = []
        for i, j, t in spans:
            pieces = {}
            for k in range(i, j):
                lid = line_ids[k] if line_ids is not None else 0
                pieces.setdefault(lid, []).append(k)
            wrapped = len(pieces) > 1
            for ks in pieces.values():
                hs = [chars[k] for k in ks if chars[k] is not None]
                if not hs:
                    continue
                tags = set(t.tags) | set(extra_tags)
                if wrapped:
                    tags.add("wrapped")
                piece_text = "".join(text[k] for k in ks)
                out.append(self.add_item(t.kind, piece_text if wrapped else t.text, t.owner, np.concatenate(hs), tags))
        return out

    def text(
        self, x, y, s, key, size, color=(20, 20, 20), spacing=0.0, anchor="l", tags=(), alpha=1.0, hand=None, rng=None
    ):
        """One line of text, baseline y. anchor l/c/r on x. Returns (items, x_end).
        hand: jitter amplitude (0..1) for handwriting-like drawing (needs rng)."""
        wid = text_width(key, size, s, spacing)
        if anchor == "c":
            x -= wid / 2
        elif anchor == "r":
            x -= wid
        hulls = []
        pen = x
        for ch in s:
            if hand and rng is not None:
                hulls.append(self.put_hand_char(key, size, ch, pen, y, color, rng, hand))
            else:
                hulls.append(self.put_char(key, size, ch, pen, y, color, alpha))
            pen += adv(key, size, ch) + spacing
        items = self.draw_glyph_run(hulls, s, tags)
        return items, pen

    def put_hand_char(self, key, size, ch, x, y, color, rng, amp):
        s = size * (1 + rng.uniform(-0.08, 0.1) * amp)
        m, ox, oy, _, _ = glyph(key, s, ch)
        if m is None:
            return None
        ang = rng.uniform(-8, 8) * amp
        h, w = m.shape
        pad = int(max(h, w) * 0.3) + 2
        big = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
        big[pad : pad + h, pad : pad + w] = m
        M = cv2.getRotationMatrix2D(((w + 2 * pad) / 2, (h + 2 * pad) / 2), ang, 1.0)
        r = cv2.warpAffine(big, M, (big.shape[1], big.shape[0]), flags=cv2.INTER_LINEAR)
        ix = int(round(x + ox - pad))
        iy = int(round(y + oy - pad + rng.uniform(-0.08, 0.08) * size * amp))
        self.blend(r, ix, iy, color)
        ys, xs = np.nonzero(r >= INK_T)
        if len(xs) == 0:
            return None
        pts = np.stack([xs, ys], 1).astype(np.int32)
        return cv2.convexHull(pts).reshape(-1, 2).astype(np.float32) + (ix + 0.5, iy + 0.5)

    # flowing paragraphs
    def layout(self, s, key, size, width, indent=0.0, first_width=None):
        """Greedy CJK line breaking with hanging closing punctuation. Returns list of (i0, i1) spans."""
        no_start = set("，。、；：？！）》”’·•・.%")
        no_end = set("（《“‘")
        lines = []
        i, n = 0, len(s)
        first = True
        while i < n:
            avail = width - (indent if first else 0.0)
            used, j = 0.0, i
            while j < n:
                a = adv(key, size, s[j])
                if used + a > avail + 0.01 and j > i:
                    break
                used += a
                j += 1
            if j < n:
                if s[j] in no_start:  # hang the punctuation
                    j += 1
                elif s[j - 1] in no_end and j - 1 > i:
                    j -= 1
            lines.append((i, j))
            i = j
            first = False
        return lines

    def paragraph(
        self,
        x0,
        x1,
        y,
        s,
        key,
        size,
        leading,
        color=(20, 20, 20),
        indent_chars=2,
        justify=True,
        tags=(),
        lines=None,
        justify_last=False,
        align="l",
    ):
        """Draw s as a justified paragraph starting with baseline y. Returns (items, y_next, lines)."""
        width = x1 - x0
        ind = adv(key, size, "一") * indent_chars
        if lines is None:
            lines = self.layout(s, key, size, width, ind)
        hulls = [None] * len(s)
        line_ids = [0] * len(s)
        for li, (i, j) in enumerate(lines):
            xs = x0 + (ind if li == 0 else 0.0)
            avail = x1 - xs
            chars = list(range(i, j))
            hang = 0
            if chars and s[chars[-1]] in "，。、；：？！）》”" and li < len(lines) - 1:
                tot = sum(adv(key, size, s[k]) for k in chars[:-1])
                if tot + adv(key, size, s[chars[-1]]) > avail + 0.01:
                    hang = 1
            body = chars[: len(chars) - hang] if hang else chars
            tot = sum(adv(key, size, s[k]) for k in body)
            gap = 0.0
            if align == "c":
                xs = x0 + max(0.0, (x1 - x0 - tot) / 2)
            if justify and (li < len(lines) - 1 or justify_last) and len(body) > 1:
                gap = max(0.0, (avail - tot) / (len(body) - 1))
                if gap > adv(key, size, "一") * 0.6:
                    gap = 0.0
            pen = xs
            for k in chars:
                hulls[k] = self.put_char(key, size, s[k], pen, y, color)
                line_ids[k] = li
                pen += adv(key, size, s[k]) + gap
            y += leading
        items = self.draw_glyph_run(hulls, s, tags, line_ids)
        return items, y, lines

    # generic shapes
    def rect(self, x0, y0, x1, y1, color, th):
        m = np.zeros((self.h, self.w), np.uint8)
        cv2.rectangle(m, (int(x0), int(y0)), (int(x1), int(y1)), 255, max(1, int(round(th))))
        self._blend_full(m, color)

    def line(self, x0, y0, x1, y1, color, th):
        xa, xb = int(min(x0, x1)) - int(th) - 2, int(max(x0, x1)) + int(th) + 3
        ya, yb = int(min(y0, y1)) - int(th) - 2, int(max(y0, y1)) + int(th) + 3
        xa, ya = max(0, xa), max(0, ya)
        m = np.zeros((max(1, yb - ya), max(1, xb - xa)), np.uint8)
        cv2.line(
            m, (int(x0 - xa), int(y0 - ya)), (int(x1 - xa), int(y1 - ya)), 255, max(1, int(round(th))), cv2.LINE_AA
        )
        self.blend(m, xa, ya, color)

    def _blend_full(self, m, color):
        ys, xs = np.nonzero(m)
        if len(xs) == 0:
            return
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        self.blend(m[y0:y1, x0:x1], x0, y0, color)
