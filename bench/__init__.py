"""Benchmarks. Figures they print go into README.md with the command that made them."""
