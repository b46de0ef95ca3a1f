"""Stage 4, features: tokens, the rows compared, and document-term matrices."""
