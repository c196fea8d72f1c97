import sys

from redaction.cli.main import main

sys.exit(main())
