import sys

from crimebriefs.cli import main

sys.exit(main())
