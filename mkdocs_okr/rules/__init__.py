"""The rules: their registry and severities, each rule of one page, and the rules across pages."""
