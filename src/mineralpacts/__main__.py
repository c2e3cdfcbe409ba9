"""``python -m mineralpacts`` runs the ``pacts`` command line."""

from mineralpacts.cli import main

main()
