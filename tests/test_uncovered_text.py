"""Text the page's detection misses (stop 30, synth2 seeds 7 and 8, first run then): an appraisal
form's pen-written signature and an employer written into its cell in pen, slanting, found by no
line box on the page detected at `DET_LIMIT`, though a crop of them reads at once. Ink of text's
size that no line covers is now read on its own (`page_text.uncovered_lines`), and a pen-written
line slanting over the one above it still continues it (`match.continuation_pairs`). Both tests
failed on the code before."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.accuracy import coverage
from redaction.files.document import Page


def _page(seed: int, index: int):
    from bench.accuracy import _spec_pages
    from testkit.synth2 import make_page

    return _spec_pages([make_page(seed, index)])[0]


@pytest.mark.parametrize("seed, index, kind", [(8, 11, "name"), (7, 27, "employer")])
def test_pen_written_text_no_line_box_found_is_masked(detector, seed, index, kind):
    sp = _page(seed, index)
    pen = [t for t in sp.truth if t.kind == kind and t.owner == "applicant" and "handwritten" in t.tags]
    assert pen
    page = Page(sp.pixels, Path(f"{sp.stem}.jpg"), 0, 1, sp.dpi)
    _, rotation, regions = detector.propose_upright(page, sp.profile)
    assert rotation == 0
    boxes = [r.bbox for r in regions if r.kind == kind and r.accepted]
    for t in pen:     # (of the text's slanting outline, as the bench counts it)
        assert coverage(t, boxes) >= 0.9, (t.text, t.bbox)


def test_no_uncovered_text_on_a_page_read_whole(detector):
    """A plain corpus page whose every line the detection found gives no second read."""
    from redaction.detect.ink import red_channel_view
    from redaction.detect.page_text import uncovered_lines
    from testkit.imaging import text_page

    view = red_channel_view(text_page(lines=20))
    lines = detector.ocr.read(view)
    assert len(lines) >= 15
    assert uncovered_lines(detector.ocr, view, lines) == []
