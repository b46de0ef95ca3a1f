"""Stage 1, text: the English lexicon, pure str -> str cleaning steps, and segmentation with line accounting."""
