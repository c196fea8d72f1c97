"""Background jobs (QThread) that call the core: detection, audit, export."""
