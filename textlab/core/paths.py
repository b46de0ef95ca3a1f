"""Every path the project uses, defined once.

The root is the repository that holds this package (``textlab/..``); set the
environment variable ``TEXTLAB_ROOT`` to work on a copy elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("TEXTLAB_ROOT", Path(__file__).resolve().parents[2]))
DATA = ROOT / "data"
RAW = DATA / "raw"  # immutable inputs, never written by code
PROCESSED = DATA / "processed"  # built by textlab, not versioned
MANIFEST = DATA / "manifest.csv"  # one row per raw file
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
PACKAGE = Path(__file__).resolve().parents[1]
