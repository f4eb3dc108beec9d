"""Command-line options every subcommand shares: which price tables to use."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog


def add_price_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prices", action="append", default=[], metavar="FILE",
                   help="a price file merged over the bundled tables (repeatable)")
    p.add_argument("--prices-only", action="store_true", help="use only --prices files, not the bundled tables")


def catalog_from(args: argparse.Namespace) -> Catalog:
    from .._catalog.catalog import load_catalog
    from ..errors import DataFileError
    if args.prices_only and not args.prices:  # else it would silently use the bundled tables
        raise DataFileError("--prices-only needs at least one --prices FILE")
    if args.prices:
        return load_catalog(*args.prices, bundled=not args.prices_only)
    return load_catalog()
