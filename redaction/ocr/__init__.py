"""OCR engines behind one Protocol: the PP-OCRv4 engine (rapid), PaddleOCR (paddle), the registry."""
