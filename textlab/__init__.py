"""textlab: compare the vocabulary and themes of political writing across authors and periods.

>>> import textlab
>>> corpus = textlab.load_corpus()   # doctest: +SKIP
>>> corpus.docs.columns.tolist()[:4]  # doctest: +SKIP
['doc_id', 'source', 'line_start', 'line_end']
"""

import logging

from textlab.core.io import InputError
from textlab.corpus.build import build_corpus, load_corpus
from textlab.corpus.table import COLUMNS, Corpus

__version__ = "0.1.0"
__all__ = ["COLUMNS", "Corpus", "InputError", "build_corpus", "load_corpus", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
