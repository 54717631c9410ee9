"""Pseudonymising identifiers at ingest: a keyed hash replaces every child, family and worker id.

A council that wants no real case-management id in the store gives ingest a secret key; every
column the model marks ``identifier`` is replaced, before validation, by HMAC-SHA256 of the
(trimmed) value under that key. The same key always gives the same pseudonym, so next month's
load joins up with this month's and every table still joins to ``ssd_person``; without the key
the pseudonyms cannot be traced back or recomputed from a list of likely ids. The key must live
outside the store's folder (whoever copies the store must not get the key with it) and must not
be readable by everyone on the machine.
"""

from __future__ import annotations

import hashlib
import hmac
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csc_scorecard.ingest.streaming import StreamResult, TableStream
from csc_scorecard.model import TABLES

PSEUDONYM_CHARS = 20
"""Hex characters kept of the digest: 80 bits, so even a national store of tens of millions of
ids has a negligible chance of two children sharing a pseudonym."""

MIN_KEY_BYTES = 16

_IDENTIFIERS: dict[str, tuple[str, ...]] = {
    t.name: tuple(c.name for c in t.all_columns if c.identifier) for t in TABLES
}


class KeyFileError(Exception):
    """The key file is missing, too short, inside the store's folder or readable by everyone."""


@dataclass(frozen=True)
class Key:
    """A pseudonymisation secret; never shown in a repr, a log or a message."""

    secret: bytes = field(repr=False)

    def pseudonym(self, value: str) -> str:
        """The stable pseudonym of one identifier value."""
        digest = hmac.new(self.secret, value.encode("utf-8"), hashlib.sha256).hexdigest()
        return digest[:PSEUDONYM_CHARS]


def load_key(path: Path, store: Path) -> Key:
    """Read the key at ``path`` for a run into ``store``, refusing an unsafe location or mode.

    Raises:
        KeyFileError: saying what is wrong (never the key's content).
    """
    folder = store.resolve().parent
    resolved = path.resolve()
    if resolved.is_relative_to(folder):
        raise KeyFileError(f"the key file {path} is inside the store's folder {folder}: move it")
    try:
        mode = resolved.stat().st_mode
        secret = resolved.read_bytes().strip()
    except OSError as error:
        why = error.strerror or type(error).__name__
        raise KeyFileError(f"the key file {path} could not be read ({why})") from None
    if mode & (stat.S_IROTH | stat.S_IWOTH):
        raise KeyFileError(f"the key file {path} is readable or writable by everyone: chmod 600")
    if len(secret) < MIN_KEY_BYTES:
        raise KeyFileError(f"the key file {path} holds under {MIN_KEY_BYTES} bytes: too short")
    return Key(secret)


def pseudonymised(result: StreamResult, key: Key) -> StreamResult:
    """``result`` with every identifier column of every batch replaced by its pseudonym.

    Blank values stay as they are (they identify nobody, and the validator must still see them
    missing); others are trimmed first, as the validator would, so " 123" and "123" agree.
    """
    items = [_stream(item, key) if isinstance(item, TableStream) else item for item in result.items]
    return StreamResult(items, result.notes)


def _stream(stream: TableStream, key: Key) -> TableStream:
    columns = _IDENTIFIERS.get(stream.table, ())

    def batches() -> Iterator[pl.DataFrame]:
        for frame in stream.batches():
            yield frame.with_columns(
                _hashed(frame[name], key) for name in columns if name in frame.columns
            )

    return TableStream(stream.table, stream.source, batches)


def _hashed(values: pl.Series, key: Key) -> pl.Series:
    """Each distinct value hashed once (ids repeat across a table's rows)."""
    trimmed = values.cast(pl.String).str.strip_chars()
    distinct = trimmed.drop_nulls().unique()
    mapping = {value: key.pseudonym(value) for value in distinct.filter(distinct != "")}
    return trimmed.replace(mapping)
