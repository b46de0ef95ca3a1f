"""Stage 2, corpus: raw files -> a segmented, cleaned, attributed table of documents (in memory or streamed)."""
