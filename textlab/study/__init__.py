"""Stage 8, study: figures of a corpus and their registry, provenance, report tables, the notebooks' runner."""
