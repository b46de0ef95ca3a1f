"""Stage 6, vocabulary comparisons: group frequencies, keyness, diversity, keywords in context."""
