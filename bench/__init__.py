"""Benchmarks: accuracy (bench.accuracy) and speed of the detection pipeline."""
