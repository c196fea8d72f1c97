"""What the batch steps, the leak check and the audit call on a detector.

`propose.Detector` is the one real implementation; the GUI's tests and the benchmarks pass their
own stand-ins. Typing the steps against these protocols instead of `Detector` keeps them open to
those stand-ins and says exactly which of its methods each step uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from redaction.files.document import Page
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.ocr.base import OcrEngine

if TYPE_CHECKING:  # as in `propose`: the seal detector is imported when first used
    from redaction.detect.seals import Seal


class PageProposer(Protocol):
    """Proposes the regions of a page after making it upright (`steps.propose_file`, `redact_file`)."""

    def propose_upright(self, page: Page, profile: Profile, rotation: int | None = None,
                        others: Profile | None = None) -> tuple[Page, int, list[Region]]:
        """(the upright page, the clockwise rotation applied, regions on the upright page)."""
        ...


class LeakDetector(PageProposer, Protocol):
    """A proposer that can also judge seals again and read with its OCR engine (`verify.find_leaks`,
    the audit's `check_file`)."""

    @property
    def ocr(self) -> OcrEngine:
        """The OCR engine the detector reads with."""
        ...

    def seal_regions(self, image: np.ndarray, seals: Sequence[Seal],
                     profile: Profile | None = None) -> list[Region]:
        """A region for each seal, attributed to the employer or to another organisation."""
        ...
