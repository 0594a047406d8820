"""`python -m eventdesk.geo [PATH]`: build the gazetteer index (what `ensure_index` runs)."""

import logging
import sys
from pathlib import Path

from eventdesk.geo.gazetteer import build_index, index_path

logging.basicConfig(level=logging.INFO)
build_index(Path(sys.argv[1]) if len(sys.argv) > 1 else index_path())
