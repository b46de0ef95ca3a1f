"""Stage 6, stylometry: Burrows' and cosine Delta, attribution with cross-validation."""
