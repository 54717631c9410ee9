"""Roles and what each may do: the one table every route's check reads.

Viewers stand for members and inspectors: published aggregates only, small numbers suppressed.
Managers see aggregates and breakdowns, and child-level lists only when granted them one by one;
analysts see everything and write commentary; admins also manage accounts.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """An account's role."""

    ADMIN = "admin"
    ANALYST = "analyst"
    MANAGER = "manager"
    VIEWER = "viewer"


class Permission(StrEnum):
    """Something a route shows or does."""

    UNSUPPRESSED = "see figures without small-number suppression"
    BREAKDOWNS = "see breakdowns by team, service and characteristics"
    CHILDREN = "see the children behind a figure"
    COMMENTARY = "edit commentary"
    QUALITY = "see data quality"
    DOWNLOAD = "download reports"
    USERS = "manage accounts"


_AGGREGATES = frozenset(
    {Permission.UNSUPPRESSED, Permission.BREAKDOWNS, Permission.QUALITY, Permission.DOWNLOAD}
)
_ANALYST = _AGGREGATES | {Permission.CHILDREN, Permission.COMMENTARY}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _ANALYST | {Permission.USERS},
    Role.ANALYST: _ANALYST,
    Role.MANAGER: _AGGREGATES,
    Role.VIEWER: frozenset(),
}


def permissions(role: Role, *, drill_granted: bool = False) -> frozenset[Permission]:
    """What ``role`` may do; a manager granted drill-through may also see child-level lists."""
    granted = PERMISSIONS[role]
    if drill_granted and role is Role.MANAGER:
        return granted | {Permission.CHILDREN}
    return granted
