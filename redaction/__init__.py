"""BlindMask core: detection, masking and export of scanned attachments for blind review.

No Qt here: numpy arrays in, numpy arrays out (enforced by import-linter, see pyproject.toml).
"""

__version__ = "0.1.0"
