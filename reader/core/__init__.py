"""The headless domain of Reading Room.

Nothing under ``reader.core`` may import PySide6: the CLI, the tests and the
benchmarks use it without a display (a test enforces this).
"""
