"""Prose layout: tokens with marked terms flow into justified lines; a term cut by a line end
becomes one truth item per line piece, tagged "wrapped"."""

from __future__ import annotations

import re

NO_START = set("，。；：、）”！？》」%")
PLACE = re.compile(r"\{(\w+)\}")


def tokens(template: str, fill: dict):
    """'{N}同志在{E}工作' -> [(text, meta)], meta = fill[key][1] for marked keys, else None."""
    out = []
    pos = 0
    for m in PLACE.finditer(template):
        if m.start() > pos:
            out.append((template[pos : m.start()], None))
        val = fill[m.group(1)]
        if isinstance(val, tuple):
            out.append(val)
        else:
            out.append((str(val), None))
        pos = m.end()
    if pos < len(template):
        out.append((template[pos:], None))
    return out


def chars_of(toks):
    """[(ch, term_index or -1)], terms list [(meta, text)]."""
    chars, terms = [], []
    for text, meta in toks:
        if meta is None:
            chars.extend((c, -1) for c in text)
        else:
            terms.append((meta, text))
            chars.extend((c, len(terms) - 1) for c in text)
    return chars, terms


def break_lines(chars, fnt, width, first_indent):
    lines = []
    i, n = 0, len(chars)
    first = True
    while i < n:
        avail = width - (first_indent if first else 0)
        w, j = 0.0, i
        while j < n:
            a = fnt.getlength(chars[j][0])
            if w + a > avail and j > i:
                break
            w += a
            j += 1
        if j < n and chars[j][0] in NO_START:
            j += 1  # hang the punctuation
        lines.append((i, j, first))
        i = j
        first = False
    return lines


def wrapped_terms(chars, lines):
    """Indices of terms that are cut by a line break."""
    cut = set()
    for _i, j, _ in lines[:-1]:
        if j < len(chars) and j > 0 and chars[j - 1][1] >= 0 and chars[j - 1][1] == chars[j][1]:
            cut.add(chars[j][1])
    return cut


def render(cv, chars, terms, lines, x, y, fnt, width, line_h, first_indent, color, justify=True, hand=None):
    """Draw the lines; returns y of the next baseline. hand: (fspec, size, rng, color) to write
    by hand instead of printing."""
    cut = wrapped_terms(chars, lines)
    for li, (i, j, first) in enumerate(lines):
        x0 = x + (first_indent if first else 0)
        seg = chars[i:j]
        natural = sum(fnt.getlength(c) for c, _ in seg)
        avail = width - (first_indent if first else 0)
        last = li == len(lines) - 1
        sp = 0.0
        if justify and not last and len(seg) > 1 and hand is None:
            sp = max(-0.1 * fnt.size, min(0.5 * fnt.size, (avail - natural) / (len(seg) - 1)))
        # group runs by term index
        runs = []
        for c, t in seg:
            if runs and runs[-1][1] == t:
                runs[-1][0].append(c)
            else:
                runs.append(([c], t))
        cx = x0
        for cs, t in runs:
            s = "".join(cs)
            if hand is not None:
                fspec, size, rng, hcol = hand
                hull, adv = cv.hand(cx, y, s, fspec, size, rng, color=hcol, pitch=1.0)
                cx += adv
            else:
                hull, adv = cv.text(cx, y, s, fnt, color=color, spacing=sp)
                cx += adv + sp
            if t >= 0:
                meta, full = terms[t]
                kind, owner, tags = meta
                tg = set(tags)
                if t in cut:
                    tg.add("wrapped")
                if hand is not None:
                    tg.add("handwritten")
                cv.add(kind, owner, s, tg, hull=hull)
        y += line_h
    return y


def flow(cv, toks, x, y, width, fnt, line_h, color, first_indent=0.0, justify=True, hand=None):
    chars, terms = chars_of(toks)
    lines = break_lines(chars, fnt, width, first_indent)
    return render(cv, chars, terms, lines, x, y, fnt, width, line_h, first_indent, color, justify, hand)


def count_lines(toks, fnt, width, first_indent=0.0):
    chars, _ = chars_of(toks)
    return len(break_lines(chars, fnt, width, first_indent))


def best_width(toks, fnt, width, first_indent, step, want_wrap=True, tries=5):
    """Narrow the measure by up to `tries` steps so that an employer term is cut at a line end."""
    chars, terms = chars_of(toks)
    for k in range(tries):
        w = width - k * step
        lines = break_lines(chars, fnt, w, first_indent)
        cut = wrapped_terms(chars, lines)
        if any(terms[t][0][0] == "employer" for t in cut) == want_wrap:
            return w
    return width


def employer_cuts(toks, fnt, width, first_indent):
    """How many employer terms a measure cuts at a line end."""
    chars, terms = chars_of(toks)
    lines = break_lines(chars, fnt, width, first_indent)
    return sum(1 for t in wrapped_terms(chars, lines) if terms[t][0][0] == "employer")
