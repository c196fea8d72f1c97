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


# --- patterned ground: a page-sized blob of red lattice --------------------------------------------

def _lattice(width: int = 700, height: int = 500) -> np.ndarray:
    """Red ink of a guilloche security paper: crossing waves all over the blob."""
    ys, xs = np.mgrid[0:height, 0:width]
    v = np.sin(xs / 4.5 + 3 * np.sin(ys / 11.5)) + np.sin(ys / 4.5 + 3 * np.sin(xs / 14.5))
    return np.abs(v) < 0.25


def test_hough_over_patterned_ground_runs_within_its_vote_budget(monkeypatch):
    """Searched at full size such a blob took 8-16 s (26 s this one); the search runs on a copy
    whose edges cast at most HOUGH_VOTE_LIMIT votes, and its circles come back in the blob's
    coordinates and radii."""
    ink = _lattice()
    img = cv2.GaussianBlur(ink.view(np.uint8) * 255, (5, 5), 1.5)
    rmin, rmax = 38, 178
    full_votes = cv2.countNonZero(cv2.Canny(img, 50, 100)) * (rmax - rmin)
    assert full_votes > seals.HOUGH_VOTE_LIMIT
    searched = []
    real = cv2.HoughCircles

    def spy(image, *args, **kwargs):
        searched.append(cv2.countNonZero(cv2.Canny(image, 50, 100))
                        * (kwargs["maxRadius"] - kwargs["minRadius"]))
        return real(image, *args, **kwargs)

    monkeypatch.setattr(seals.cv2, "HoughCircles", spy)
    circles = seals._hough(img, rmin, rmax, rmin * 2, 100, 18)
    assert searched and searched[0] <= seals.HOUGH_VOTE_LIMIT
    assert circles is not None
    h, w = img.shape
    assert all(0 <= x < w and 0 <= y < h and 0.9 * rmin <= r <= 1.1 * rmax for x, y, r in circles[0])
    assert circles[0][:, 2].max() > 0.8 * rmax      # large circles are not lost to the shrink


def test_a_plain_blob_is_searched_at_full_size(monkeypatch):
    """Two seals stamped touching make a blob far below the budget: searched as it is."""
    ink = np.zeros((240, 590), np.uint8)
    cv2.circle(ink, (150, 120), 100, 1, 6)
    cv2.circle(ink, (400, 120), 100, 1, 6)
    img = cv2.GaussianBlur(ink * 255, (5, 5), 1.5)
    shapes = []
    real = cv2.HoughCircles
    monkeypatch.setattr(seals.cv2, "HoughCircles",
                        lambda image, *a, **k: shapes.append(image.shape) or real(image, *a, **k))
    seals._hough(img, 38, 178, 76, 100, 18)
    assert shapes == [img.shape]


def test_patterned_ground_is_not_split_into_rings():
    """A complete ring of ink can be drawn anywhere in a lattice: a page-sized blob of it gives no
    seals, where two touching seals still give two."""
    px_cm = 59.0
    assert seals._split_merged(_lattice(), (0, 0), px_cm) == []
    two = np.zeros((240, 590), np.uint8)
    cv2.circle(two, (150, 120), 100, 1, 6)
    cv2.circle(two, (400, 120), 100, 1, 6)
    found = seals._split_merged(two.astype(bool), (0, 0), px_cm)
    assert sorted(round(s.center[0] / 50) for s, _ in found) == [3, 8]
