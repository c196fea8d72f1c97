"""BlindMask core: detection, masking and export of scanned attachments for blind review.

No Qt here: numpy arrays in, numpy arrays out (enforced by import-linter, see pyproject.toml).
"""

import os

# Offline means offline: ONNX Runtime's official wheels write a device id under
# ~/.cache/Microsoft/DeveloperTools and queue telemetry unless this is set before onnxruntime is
# first imported. Every entry point imports this package first.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__version__ = "0.1.0"
