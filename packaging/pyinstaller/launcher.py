"""The frozen bundle's entry script: ``reader.__main__:main``, like the pip entry points.

multiprocessing.freeze_support() comes first: in a frozen app a worker process (spawned by
the importer's pool, or by the indexer where the default start method is spawn — Windows,
macOS) is this same executable started with multiprocessing's arguments, and must run the
worker and exit instead of parsing them as a command line.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from reader.__main__ import main

    sys.exit(main())
