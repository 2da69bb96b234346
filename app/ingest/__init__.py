"""The I/O shell around the pure pipeline: read sources, run extraction, store, run jobs."""
