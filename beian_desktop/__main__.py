import sys

from beian_desktop.cli import main

sys.exit(main())
