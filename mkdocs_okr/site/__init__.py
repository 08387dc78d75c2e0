"""Many pages at once, for every host: checking in workers, site-wide state, and what a run reports."""
