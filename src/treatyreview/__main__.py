"""`python -m treatyreview` runs the command-line interface."""

from treatyreview.cli import main

raise SystemExit(main())
