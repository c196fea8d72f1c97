"""Type names shared by the core: pixel arrays, masks, boxes."""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

#: Pixels: BGR (h, w, 3) or grey (h, w), uint8.
Image: TypeAlias = npt.NDArray[np.uint8]
#: A boolean mask the size of a page (or of a crop).
Mask: TypeAlias = npt.NDArray[np.bool_]
#: Float arrays: probability maps, point lists, quads ((4, 2) float32 corners).
Floats: TypeAlias = npt.NDArray[np.floating]
#: Any numeric array, where the dtype varies with the caller.
Array: TypeAlias = npt.NDArray[np.generic]
#: An integer or float array: what OpenCV's functions take and give back (their stubs lose the
#: dtype), e.g. a grey page from cv2.cvtColor.
Numeric: TypeAlias = npt.NDArray[np.integer[Any] | np.floating[Any]]
#: An axis-aligned box (x0, y0, x1, y1) in page pixels; x1/y1 exclusive.
Box: TypeAlias = tuple[int, int, int, int]
#: The same with float coordinates (OCR character boxes, scaled boxes).
BoxF: TypeAlias = tuple[float, float, float, float]
