"""Stage 7, viz: drawing from tables, and the self-contained topic browser."""
