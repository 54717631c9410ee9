"""The council's own settings: name and codes, comparators, targets and tolerance bands."""

from csc_scorecard.config.load import ConfigError, ConfigIssue, load_config
from csc_scorecard.config.models import (
    Council,
    CouncilConfig,
    IndicatorSettings,
    PublicOutputs,
    ToleranceBand,
)

EXAMPLE_CONFIG = "council.example.toml"
"""Package data: a commented configuration for a synthetic council (``importlib.resources``)."""

__all__ = [
    "EXAMPLE_CONFIG",
    "ConfigError",
    "ConfigIssue",
    "Council",
    "CouncilConfig",
    "IndicatorSettings",
    "PublicOutputs",
    "ToleranceBand",
    "load_config",
]
