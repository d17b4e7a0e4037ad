"""`python -m nixeval`: the same as the `nixeval` command."""

from nixeval.cli import main

main()
