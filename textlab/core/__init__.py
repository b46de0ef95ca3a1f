"""Stage 0, core: paths defined once, strict reads and atomic writes, the ordered process pool."""
