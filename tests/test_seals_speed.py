"""The seal finder's shortcuts give what the full computation gives: the grouping of ink (dilation
and connected components) made on the ink's window only, and the paper's grey kept per copy."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect import seals
from redaction.detect.ink import red_ink_mask
from testkit.imaging import RED, letterhead_page, seal_layer, stamp, text_page


def _full_components(mask: np.ndarray, r: int):
    """Dilation and components over the whole mask, as the finder made them before the window."""
    grown = cv2.dilate(mask.view(np.uint8), np.ones((2 * r + 1, 2 * r + 1), np.uint8))
    return cv2.connectedComponentsWithStats(grown, connectivity=8, ltype=cv2.CV_16U)


def _masks():
    rng = np.random.default_rng(0)
    page = letterhead_page()
    stamp(page, seal_layer(330), 1100, 1900, RED)
    stamp(page, seal_layer(330, seed=1), 300, 2150, RED)
    yield seals._max_pool2(red_ink_mask(page))                        # a red title, a rule, two seals
    yield np.zeros((300, 200), bool)                                  # no ink
    speckle = rng.random((400, 500)) > 0.997
    speckle[0, 0] = speckle[-1, -1] = True                            # ink on the edges
    yield speckle
    one = np.zeros((400, 500), bool)
    one[200:210, 300:330] = True
    yield one


@pytest.mark.parametrize("r", [1, 4, 14])
def test_components_on_the_ink_window_are_the_whole_mask_components(r):
    for mask in _masks():
        n, labels, stats, (ox, oy) = seals._grown_components(mask, r)
        fn, flabels, fstats, _ = _full_components(mask, r)
        assert n == fn
        assert np.array_equal(stats[1:], fstats[1:])        # same components, same order
        for i in range(1, n):
            x, y, w, h, _ = stats[i]
            assert np.array_equal(labels[y - oy:y - oy + h, x - ox:x - ox + w] == i,
                                  flabels[y:y + h, x:x + w] == i)


def test_grey_copy_is_the_quarter_page_with_its_papers_percentile():
    page = text_page()
    a = cv2.resize(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    b = page.copy()
    b[:, : b.shape[1] // 2] //= 2
    for image in (page, b):
        copy = seals.GreyCopy.of(image)
        assert copy.paper == float(np.percentile(copy.pixels, 90))
    assert np.array_equal(seals.GreyCopy.of(page).pixels, a)
