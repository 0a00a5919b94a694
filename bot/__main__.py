"""`python -m bot` is `medbot`."""

import sys

from bot.cli import main

sys.exit(main())
