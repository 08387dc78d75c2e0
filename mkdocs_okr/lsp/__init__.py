"""`mkdocs-okr lsp`: the checker's findings in the editor, as a Language Server Protocol server.

Built on pygls (the lsp extra): the maintained LSP library that most Python servers use
(jedi-language-server, esbonio for Sphinx, the former ruff-lsp). It speaks the protocol and keeps
each open document's text, so the modules here only turn the core's findings, models and schema
into what an editor shows. The server reads
the same settings as `mkdocs-okr check`, from the nearest mkdocs.yml.
"""
