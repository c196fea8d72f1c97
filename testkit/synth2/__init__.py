"""synth2: a third synthetic generator of professional-title attachments, written from
testkit/heldout/SPEC.md alone (see README.md)."""

from .core import Item, Synth2Page
from .gen import DOC_TYPES, make_page, make_pages, write_pages

__all__ = ["Item", "Synth2Page", "DOC_TYPES", "make_page", "make_pages", "write_pages"]
