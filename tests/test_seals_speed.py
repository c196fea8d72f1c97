"""The seal finder's shortcuts give what the full computation gives: the grouping of ink (dilation
and connected components) made on the ink's window only, and the paper's grey kept per copy."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from redaction.detect import seals
from redaction.detect.ink import red_ink_mask
from redaction.model.regions import iou
from testkit.imaging import RED, letterhead_page, photocopy, seal_layer, stamp, text_page


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


def _copy_with_grey_seal(lines: int, seed: int):
    page = text_page(lines=lines, seed=seed)
    truth = stamp(page, seal_layer(330, seed=seed), 900, 1300, RED, 0.9)
    return photocopy(page, seed), truth


def _asked_radii(monkeypatch) -> list[tuple[int, int]]:
    asked: list[tuple[int, int]] = []
    hough = cv2.HoughCircles

    def recording(img, *args, **kwargs):
        asked.append((kwargs["minRadius"], kwargs["maxRadius"]))
        return hough(img, *args, **kwargs)

    monkeypatch.setattr(cv2, "HoughCircles", recording)
    return asked


@pytest.mark.parametrize("lines, seed", [(12, 1), (12, 2), (25, 1), (40, 3)])
def test_grey_candidates_of_a_file_without_dpi_searched_in_octaves(monkeypatch, lines, seed):
    """A copy without a dpi is searched for candidate circles from 100 dpi to a seal filling the
    frame (16-180 px at quarter size) in octave bands, each on a copy where its circles are at most
    GRAY_BAND_RADIUS px; the photocopied seal on a text page is a candidate (one search over the
    whole range offered it on the 12-line pages only: its strongest circles ran through text)."""
    page, truth = _copy_with_grey_seal(lines, seed)
    asked = _asked_radii(monkeypatch)
    boxes = seals._gray_candidates(seals.GreyCopy.of(page), seals.dpi_guesses(None, page.shape), [])
    assert len(asked) == 4 and all(hi <= seals.GRAY_BAND_RADIUS + 1 for _, hi in asked)
    assert any(iou(b, truth) > 0.5 for b in boxes)


def test_grey_candidates_at_one_dpi_searched_at_once(monkeypatch):
    """A file stating its dpi has one octave of circle sizes: one search at quarter size, as before."""
    page, _ = _copy_with_grey_seal(12, 1)
    asked = _asked_radii(monkeypatch)
    seals._gray_candidates(seals.GreyCopy.of(page), [200.0], [])
    assert asked == [(33, 52)]


def test_a_faint_group_found_at_two_scales_is_looked_at_once(monkeypatch):
    """The same faint group found at two scales is handed to the learned detector once: a second
    look at the same box gives the first look's seal."""
    looked: list[tuple[float, ...]] = []

    def faint_seal(image, faint, box, reader, colour="red", arc=False):
        looked.append(tuple(box))
        return None

    monkeypatch.setattr(seals, "_faint_seal", faint_seal)
    box = (100.0, 100.0, 200.0, 200.0)
    page = text_page()
    red = np.zeros((page.shape[0] // 2, page.shape[1] // 2), bool)
    seals._learned_candidates(page, red, [], [], _NoRing(), False, [200.0], faint=red,
                              faint_boxes=[box, box])
    assert looked == [box]


class _NoRing:
    def probability(self, image_bgr):
        return np.zeros(image_bgr.shape[:2], np.float32)
