"""textlab: compare the vocabulary and themes of political writing across authors and periods.

The package is laid out by stage, in the order the data flows::

    core        paths, strict reads and atomic writes, the ordered process pool, shared checks
    text        the English lexicon, cleaning (pure str -> str steps), segmentation with line accounting
    books       one module per bundled book: the rules only that book needs
    corpus      raw files -> a table of dated, attributed documents (in memory or streamed); groups
    voices      who speaks: inline quotations, passages reused between rows
    features    tokens, the rows compared, chunks, document-term matrices
    scale       corpora larger than memory: counts on disk, made locally or on Spark
    vocab       vocabulary comparisons: keyness, diversity, keywords in context
    topics      topic models behind one interface (backends/), coherence, labels, stability, prevalence
    stylometry  Delta distances, attribution with cross-validation
    viz         drawing from tables, the topic browser
    study       figures of a corpus and their registry, provenance, report tables, the notebooks' runner
    cli         the ``textlab`` command

The import rule: a module imports only from an earlier stage or its own subpackage, at the top of the
module (optional heavy libraries such as pyspark excepted; each topic-model backend's library loads with
its adapter), and never a ``_private`` name of another module. Only ``books`` and ``study`` may name the
bundled corpus's books and authors. ``tests/test_layout.py`` checks all of this.

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
