"""``python -m csc_scorecard`` runs the CLI."""

from csc_scorecard.cli import main

main()
