"""Per-page and per-file jobs: propose, redact, verify, and batches across processes."""
