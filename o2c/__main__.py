"""``python -m o2c``: see ``o2c.cli``."""

import sys

from o2c.cli import main

sys.exit(main())
