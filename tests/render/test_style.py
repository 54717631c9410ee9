"""Every text colour reads at WCAG AA (4.5:1) on its fill and on white."""

from __future__ import annotations

import pytest

from csc_scorecard.assess.rag import Rag
from csc_scorecard.render.style import HEADER_FILL, TEXT, fill_colour, ink_colour


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("rag", [Rag.GREEN, Rag.AMBER, Rag.RED, Rag.NONE])
def test_contrast(rag: Rag) -> None:
    ink = ink_colour(rag)
    assert contrast(ink, "#ffffff") >= 4.5
    assert contrast(ink, fill_colour(rag) or "#ffffff") >= 4.5
    assert contrast(TEXT, HEADER_FILL) >= 4.5
