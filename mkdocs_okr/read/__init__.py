"""Reading a page: its front matter and fenced blocks, within limits, into a validated model with positions."""
