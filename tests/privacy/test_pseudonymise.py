"""``ingest --pseudonymise-key-file``: no original identifier reaches the store, the rejects
CSV or any message, and the same key gives the same pseudonyms run after run."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from tests.privacy.conftest import input_ids, leaked, store_strings
from typer.testing import CliRunner

from csc_scorecard.cli import build_app
from csc_scorecard.ingest.pseudonymise import PSEUDONYM_CHARS, KeyFileError, load_key

HEX = re.compile(f"[0-9a-f]{{{PSEUDONYM_CHARS}}}")


def _key(
    folder: Path, secret: bytes = b"a council secret, 32 bytes long!", mode: int = 0o600
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pseudonym.key"
    path.write_bytes(secret)
    path.chmod(mode)
    return path


def _ingest(data: Path, store: Path, key: Path) -> str:
    arguments = ["ingest", str(data), "--db", str(store), "--pseudonymise-key-file", str(key)]
    result = CliRunner().invoke(build_app(), arguments, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def _children(store: Path) -> set[str]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT pers_person_id FROM ssd_person").fetchall()}
    finally:
        con.close()


def test_no_original_identifier_reaches_the_store_rejects_or_messages(
    council: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store" / "store.duckdb"
    store.parent.mkdir()
    output = _ingest(council, store, _key(tmp_path / "keys"))
    ids = input_ids(council)
    assert "Z01P9999999" in ids
    rejects = store.with_name("store.rejects.csv").read_text(encoding="utf-8")
    assert rejects.count("\n") >= 4  # header, impossible date, orphan, two duplicate children
    assert leaked(ids, output) == set()
    assert leaked(ids, rejects) == set()
    assert ids.isdisjoint(store_strings(store))
    assert all(HEX.fullmatch(child) for child in _children(store))


def test_the_same_key_gives_the_same_pseudonyms_and_another_key_others(
    council: Path, tmp_path: Path
) -> None:
    stores = [tmp_path / name / "store.duckdb" for name in ("a", "b", "c")]
    for store in stores:
        store.parent.mkdir()
    _ingest(council, stores[0], _key(tmp_path / "keys"))
    _ingest(council, stores[1], _key(tmp_path / "keys"))
    _ingest(council, stores[2], _key(tmp_path / "other", b"another council secret, 32 byte"))
    first, again, other = map(_children, stores)
    assert first == again
    assert first.isdisjoint(other)


@pytest.mark.parametrize(
    ("where", "mode", "why"),
    [
        ("store", 0o600, "inside the store's folder"),
        ("store/sub", 0o600, "inside the store's folder"),
        ("keys", 0o644, "readable or writable by everyone"),
    ],
)
def test_an_unsafe_key_file_is_refused(
    council: Path, tmp_path: Path, where: str, mode: int, why: str
) -> None:
    store = tmp_path / "store" / "store.duckdb"
    store.parent.mkdir()
    key = _key(tmp_path / where, mode=mode)
    arguments = ["ingest", str(council), "--db", str(store), "--pseudonymise-key-file", str(key)]
    result = CliRunner().invoke(build_app(), arguments, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert why in " ".join(result.output.split())
    assert not store.exists()


def test_a_short_or_missing_key_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "store" / "store.duckdb"
    with pytest.raises(KeyFileError, match="too short"):
        load_key(_key(tmp_path / "keys", b"short"), store)
    with pytest.raises(KeyFileError, match="could not be read"):
        load_key(tmp_path / "nowhere.key", store)


def test_the_key_never_shows_in_its_repr(tmp_path: Path) -> None:
    key = load_key(_key(tmp_path / "keys"), tmp_path / "store" / "store.duckdb")
    assert "secret, 32" not in repr(key)
