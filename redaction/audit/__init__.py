"""The clerk's roster audit: roster, per-file checks, ledger, reports, Dask cluster."""
