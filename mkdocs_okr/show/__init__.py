"""What people and tools see: cards, the site's index, and the report formats."""
