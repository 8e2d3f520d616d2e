"""``python -m o2c``: see ``o2c.cli.main``."""

import sys

from o2c.cli.main import main

sys.exit(main())
