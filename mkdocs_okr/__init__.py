"""mkdocs-okr: machine-checked OKR pages for MkDocs and the command line."""

__version__ = "0.1.0"
