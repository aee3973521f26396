"""Benchmarks of the tutor app: start-up, training overhead, interface lag, lesson run times.

Run `python -m benchmarks` from the repository root (`--help` for options). Every ratio is
against a baseline measured in the same invocation, on the same machine, one thing at a time.
This package imports nothing heavy, so its child processes start as lean as the code they time.
"""
