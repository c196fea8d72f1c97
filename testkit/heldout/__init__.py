"""Held-out corpus of professional-title attachments, written from testkit/heldout/SPEC.md alone."""
from testkit.heldout.core import (
    DOC_TYPES,
    HeldoutPage,
    Item,
    draw_overlay,
    make_heldout,
    make_page,
    write_heldout,
)

__all__ = ["DOC_TYPES", "HeldoutPage", "Item", "draw_overlay", "make_heldout", "make_page", "write_heldout"]
