"""Stage 5, scale: corpora larger than memory: texts streamed from disk and counted once, locally or on Spark."""
