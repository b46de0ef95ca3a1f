"""Stage 3, voices: who speaks in a row: inline quotation spans and passages reused between rows.

:mod:`~textlab.voices.align` (seed and extend: word matching, shingle seeds, the aligner),
:mod:`~textlab.voices.lines` (raw line numbers of a passage), :mod:`~textlab.voices.reuse` (passages shared
between rows, and summaries of them) and :mod:`~textlab.voices.quotations` (quotation spans in a row, and each
group's quoted share). These work on rows; the same for a whole corpus is in :mod:`textlab.features.rows`.
"""
