"""Near-duplicate documents: MinHash signatures over word shingles, LSH buckets kept in the store.

Syndicated and lightly edited copies of one story share most of their word 5-grams. Each document's
MinHash signature (`NUM_PERM` seeded hashes) estimates the Jaccard similarity of its shingle set with
any other's; LSH banding (`BANDS` bands of `ROWS` rows) finds candidates without comparing every
pair, and a candidate whose estimated similarity reaches `NEAR_DUPLICATE_JACCARD` is linked to the
first-stored copy. The buckets live in the database, so copies are found across runs.

Own code rather than datasketch: about 100 lines with numpy (already installed with spaCy), and the
signatures must be stable across processes and versions because they are stored.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
# Copies that differ by a line, a few words or a dropped closing paragraph score 0.75-0.95 on 5-word
# shingles; different reports of one event score below 0.2 (tests/test_store_dedup.py). 128
# permutations estimate within about +-0.04 (one standard deviation at 0.75); LSH with 32 bands of
# 4 rows finds pairs above ~0.45 with high probability, so 0.6 is well inside what banding catches.
NEAR_DUPLICATE_JACCARD = 0.6

_RNG = np.random.default_rng(20161213)  # fixed seed: signatures are stored and must not change
_SEEDS = _RNG.integers(0, np.iinfo(np.uint64).max, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """`document_id` is a near-duplicate of the first-stored copy `duplicate_of`."""

    document_id: str
    duplicate_of: str
    similarity: float


def shingles(text: str) -> set[int]:
    """CRC32 hashes of the lower-cased word 5-grams of `text` (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {zlib.crc32(" ".join(words).encode())}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode())
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser: a bijective 64-bit mixer, so seeded copies act as random hashes.

    (Linear hashes (a*x + b) mod p over CRC32 values, the textbook family, overestimated the
    similarity of edited copies by 0.2 here: CRC32 is linear, and the two structures interact.)
    """
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def signature(text: str) -> Signature:
    """The MinHash signature of `text`: per seeded hash, the least value over its shingles."""
    values = np.fromiter(shingles(text), dtype=np.uint64)
    hashed = _mix(values[:, None] ^ _SEEDS[None, :])
    result: Signature = (hashed.min(axis=0) >> np.uint64(32)).astype(np.uint32)
    return result


def similarity(left: Signature, right: Signature) -> float:
    """Estimated Jaccard similarity of the two signatures' shingle sets."""
    return float(np.mean(left == right))


def band_buckets(sig: Signature) -> list[tuple[int, int]]:
    """(band, bucket) pairs: each band's rows hashed to a signed 64-bit SQLite integer."""
    buckets = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        buckets.append((band, int.from_bytes(digest, "big", signed=True)))
    return buckets


def link_document(
    conn: sqlite3.Connection,
    document_id: str,
    text: str,
    *,
    threshold: float = NEAR_DUPLICATE_JACCARD,
) -> NearDuplicate | None:
    """Store `document_id`'s signature and buckets; link it to its best earlier near-duplicate.

    Runs inside the caller's transaction (the batch that stores the document), so a killed batch
    leaves neither the document nor its signature behind.
    """
    sig = signature(text)
    buckets = band_buckets(sig)
    where = " OR ".join("(band = ? AND bucket = ?)" for _ in buckets)
    params = [value for pair in buckets for value in pair]
    candidates = conn.execute(
        f"SELECT DISTINCT m.document_id, m.signature FROM lsh_buckets b "  # noqa: S608 (placeholders only)
        f"JOIN document_minhash m ON m.document_id = b.document_id WHERE {where}",
        params,
    ).fetchall()
    best: tuple[float, str] | None = None
    for candidate_id, blob in candidates:
        if candidate_id == document_id:
            continue
        score = similarity(sig, np.frombuffer(blob, dtype=np.uint32))
        if score >= threshold and (best is None or (score, candidate_id) > best):
            best = (score, candidate_id)
    conn.execute(
        "INSERT OR REPLACE INTO document_minhash (document_id, signature) VALUES (?, ?)",
        (document_id, sig.tobytes()),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO lsh_buckets (band, bucket, document_id) VALUES (?, ?, ?)",
        [(band, bucket, document_id) for band, bucket in buckets],
    )
    if best is None:
        return None
    # Link to the root of the group, so every copy points at the one first-stored document.
    root = conn.execute(
        "SELECT duplicate_of FROM near_duplicates WHERE document_id = ?", (best[1],)
    ).fetchone()
    link = NearDuplicate(document_id, root[0] if root else best[1], round(best[0], 4))
    conn.execute(
        "INSERT OR REPLACE INTO near_duplicates (document_id, duplicate_of, similarity) "
        "VALUES (?, ?, ?)",
        (link.document_id, link.duplicate_of, link.similarity),
    )
    return link


def canonical_of(conn: sqlite3.Connection) -> dict[str, str]:
    """Every linked document id mapped to the id of its first-stored copy."""
    return dict(conn.execute("SELECT document_id, duplicate_of FROM near_duplicates").fetchall())
