"""The council's teams and the services they belong to (``ssd_department``).

Team counts grow with the council's size. A child's locality fixes which assessment, locality and
children-in-care team works with them, so a child's records name teams consistently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from csc_scorecard.synth.context import Council

CHILDREN_PER_LOCALITY = 25_000
MAX_LOCALITIES = 8


@dataclass(frozen=True)
class Teams:
    """Team names by function; lists are indexed by locality (modulo their length)."""

    front_door: str
    assessment: tuple[str, ...]
    locality: tuple[str, ...]
    children_in_care: tuple[str, ...]
    disability: str
    leaving_care: str
    reviewing: str
    early_help: tuple[str, ...]

    @property
    def areas(self) -> int:
        return len(self.locality)

    def services(self) -> list[tuple[str, str]]:
        """(service, team) for every team, in a stable order."""
        return [
            ("Front Door", self.front_door),
            *(("Assessment", t) for t in self.assessment),
            *(("Safeguarding", t) for t in self.locality),
            *(("Corporate Parenting", t) for t in self.children_in_care),
            ("Children with Disabilities", self.disability),
            ("Leaving Care", self.leaving_care),
            ("Quality Assurance", self.reviewing),
            *(("Early Help", t) for t in self.early_help),
        ]

    def by_area(self, names: tuple[str, ...], area: np.ndarray) -> np.ndarray:
        """The team of ``names`` serving each child's locality."""
        chosen: np.ndarray = np.array(names)[area % len(names)]
        return chosen


def teams_for(council: Council) -> Teams:
    """Teams for a council of this size: one locality per ~25,000 children, 2 to 8."""
    areas = int(np.clip(round(council.children / CHILDREN_PER_LOCALITY), 2, MAX_LOCALITIES))
    halves = max(1, areas // 2)
    return Teams(
        front_door="MASH",
        assessment=tuple(f"Assessment Team {i + 1}" for i in range(halves)),
        locality=tuple(f"Locality Team {i + 1}" for i in range(areas)),
        children_in_care=(
            *(f"Children in Care Team {i + 1}" for i in range(halves)),
            "Permanence Team",
        ),
        disability="Children with Disabilities Team",
        leaving_care="Leaving Care Team",
        reviewing="Independent Reviewing Service",
        early_help=tuple(f"Early Help Team {i + 1}" for i in range(halves)),
    )


def department_frame(council: Council, teams: Teams) -> pl.DataFrame:
    """``ssd_department``: one row per team with its parent service."""
    services = teams.services()
    service_names = list(dict.fromkeys(s for s, _ in services))
    service_index = np.array([service_names.index(s) for s, _ in services])
    return pl.DataFrame(
        {
            "dept_team_id": council.ids("T", np.arange(len(services)), width=3),
            "dept_team_name": [t for _, t in services],
            "dept_team_parent_id": council.ids("S", service_index, width=2),
            "dept_team_parent_name": [s for s, _ in services],
        }
    )
