"""The ``tokencost`` command line (``python -m tokencost.cli`` or the ``tokencost`` script)."""

from .app import build_parser, main

__all__ = ["build_parser", "main"]
