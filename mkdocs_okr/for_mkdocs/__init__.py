"""The parts of the MkDocs adapter (plugin.py) that know MkDocs: its Config class, the generated
index page, where the plugin's files go, translated builds, search and what a run reports."""
