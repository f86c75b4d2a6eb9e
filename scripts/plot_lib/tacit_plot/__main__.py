"""`python -m tacit_plot` — what scripts/plot runs once it has picked an interpreter."""
import sys

from tacit_plot.cli import main

sys.exit(main())
