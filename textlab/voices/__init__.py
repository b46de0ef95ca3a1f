"""Stage 3, voices: who speaks in a row: inline quotation spans and passages reused between rows."""
