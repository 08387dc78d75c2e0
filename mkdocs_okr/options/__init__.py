"""Every option, declared once (table.py), and how each host reads it."""
