"""`python -m mkdocs_okr`: the same as the `mkdocs-okr` command."""

from .cli import main

main(prog_name="mkdocs-okr")
