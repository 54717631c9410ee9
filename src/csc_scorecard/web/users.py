"""Accounts, kept in the store (``csc_users``) so the data and who may see it travel together.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's low-memory profile). An
unknown name costs the same hashing work as a wrong password, so timing does not tell which
names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from csc_scorecard.web.roles import Permission, Role, permissions

TABLE = "csc_users"
MIN_PASSWORD = 12
NAME_PATTERN = re.compile(r"[a-z][a-z0-9._-]{1,39}")

_DDL = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
  name VARCHAR PRIMARY KEY,
  role VARCHAR NOT NULL,
  password_hash VARCHAR NOT NULL,
  drill_granted BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMP NOT NULL
)"""


@dataclass(frozen=True)
class User:
    """An account (its hash stays in the store)."""

    name: str
    role: Role
    drill_granted: bool = False

    @property
    def permissions(self) -> frozenset[Permission]:
        """What this account may do."""
        return permissions(self.role, drill_granted=self.drill_granted)

    def may(self, permission: Permission) -> bool:
        """Whether this account may ``permission``."""
        return permission in self.permissions


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _decoy_hash() -> str:
    return _hasher().hash("decoy password never used")


def create_users_table(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``csc_users`` if missing."""
    con.execute(_DDL)


def add_user(
    con: duckdb.DuckDBPyConnection,
    name: str,
    role: Role,
    password: str,
    *,
    drill_granted: bool = False,
) -> User:
    """Add an account (or replace its role and password: a reset is the same act).

    Raises:
        ValueError: for a malformed name, a short password, or a drill grant to a non-manager.
    """
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError("a name is 2-40 lower-case letters, digits, '.', '_' or '-'")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    if drill_granted and role is not Role.MANAGER:
        raise ValueError("drill-through is granted to managers only (analysts have it)")
    create_users_table(con)
    con.execute(
        f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?)",
        [name, role.value, _hasher().hash(password), drill_granted, _now()],
    )
    return User(name, role, drill_granted)


def list_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    """Every account, by name (the table must exist: ``create_users_table``)."""
    rows = con.execute(f"SELECT name, role, drill_granted FROM {TABLE} ORDER BY name").fetchall()
    return [User(n, Role(r), bool(d)) for n, r, d in rows]


def find_user(con: duckdb.DuckDBPyConnection, name: str) -> User | None:
    """The account called ``name``, if any."""
    row = con.execute(
        f"SELECT name, role, drill_granted FROM {TABLE} WHERE name = ?", [name]
    ).fetchone()
    return None if row is None else User(row[0], Role(row[1]), bool(row[2]))


def check_password(con: duckdb.DuckDBPyConnection, name: str, password: str) -> User | None:
    """The account when ``password`` is its password; None otherwise (unknown name included)."""
    row = con.execute(
        f"SELECT name, role, drill_granted, password_hash FROM {TABLE} WHERE name = ?", [name]
    ).fetchone()
    stored = _decoy_hash() if row is None else str(row[3])
    try:
        _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return None if row is None else User(row[0], Role(row[1]), bool(row[2]))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
