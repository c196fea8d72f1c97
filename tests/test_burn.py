import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from redaction.files.burn import burn, coverage_mask, parse_color


def naive_mask(shape, boxes):
    m = np.zeros(shape, bool)
    for x0, y0, x1, y1 in boxes:
        m[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = True
    return m


boxes_strategy = st.lists(st.tuples(st.integers(-20, 120), st.integers(-20, 90),
                                    st.integers(-20, 120), st.integers(-20, 90)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(boxes_strategy)
def test_burn_fills_exactly_the_boxes(boxes):
    rng = np.random.default_rng(0)
    img = rng.integers(1, 255, (80, 100, 3), dtype=np.uint8)
    out = burn(img, boxes, (0, 0, 0))
    expected = naive_mask((80, 100), [(a, b, c, d) for a, b, c, d in boxes])
    assert np.array_equal(coverage_mask((80, 100), boxes), expected)
    assert (out[expected] == 0).all()                      # every pixel inside is the fill
    assert np.array_equal(out[~expected], img[~expected])  # none outside changed
    assert out is not img and not np.shares_memory(out, img)


def test_burn_leaves_the_input_untouched_and_supports_colours():
    img = np.full((10, 10, 3), 200, np.uint8)
    out = burn(img, [(2, 2, 5, 5)], parse_color("#ff0000"))
    assert (img == 200).all()
    assert tuple(out[3, 3]) == (0, 0, 255)
    assert tuple(out[0, 0]) == (200, 200, 200)


def test_burn_in_place_fills_the_page_itself_and_copies_a_read_only_one():
    img = np.full((10, 10, 3), 200, np.uint8)
    out = burn(img, [(2, 2, 5, 5)], (0, 0, 0), in_place=True)
    assert out is img and (img[2:5, 2:5] == 0).all() and (img[0, 0] == 200).all()
    frozen = np.full((10, 10, 3), 200, np.uint8)
    frozen.flags.writeable = False
    out = burn(frozen, [(2, 2, 5, 5)], (0, 0, 0), in_place=True)
    assert out is not frozen and (frozen == 200).all() and (out[2:5, 2:5] == 0).all()


@pytest.mark.parametrize("text, bgr", [("black", (0, 0, 0)), ("white", (255, 255, 255)),
                                       ("#102030", (0x30, 0x20, 0x10)), ("1,2,3", (3, 2, 1))])
def test_parse_color(text, bgr):
    assert parse_color(text) == bgr


def test_parse_color_rejects_garbage():
    with pytest.raises(ValueError):
        parse_color("blurry")
