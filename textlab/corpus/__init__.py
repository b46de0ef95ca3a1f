"""Stage 2, corpus: raw files -> a segmented, cleaned, attributed table of documents (in memory or streamed).

The modules, in the order they build on each other: :mod:`~textlab.corpus.groups` (how comparisons group the
rows), :mod:`~textlab.corpus.table` (the :class:`Corpus` value, its columns, its files on disk),
:mod:`~textlab.corpus.sources` (one raw file -> rows; the code key), :mod:`~textlab.corpus.metadata` (a user's
metadata CSV -> sources), :mod:`~textlab.corpus.build` (the bundled corpus and a user's, in memory),
:mod:`~textlab.corpus.streamed` (a user's corpus streamed from disk) and :mod:`~textlab.corpus.examples`
(a tiny corpus for the examples). The public names are re-exported here:

>>> from textlab import corpus
>>> corpus.build_corpus_table is corpus.streamed.build_corpus_table, corpus.count_words("The party's line")
(True, 3)
"""

from textlab.corpus.build import build_bundled, build_corpus, load_corpus, read_manifest
from textlab.corpus.groups import NoGroupsError, group_columns, label_groups
from textlab.corpus.metadata import METADATA_TEMPLATE, OPTIONAL_META, REQUIRED_META
from textlab.corpus.sources import CORPUS_CODE, SourceSpec, code_key
from textlab.corpus.streamed import CorpusTable, build_corpus_table
from textlab.corpus.table import (
    COLUMNS,
    INT_COLUMNS,
    LEXICON_COLUMNS,
    LINE_COLUMNS,
    TABLE_FILES,
    Corpus,
    CorpusError,
    count_words,
    load_table,
    save_table,
    table_hash,
)

__all__ = [
    "COLUMNS",
    "CORPUS_CODE",
    "INT_COLUMNS",
    "LEXICON_COLUMNS",
    "LINE_COLUMNS",
    "METADATA_TEMPLATE",
    "NoGroupsError",
    "OPTIONAL_META",
    "REQUIRED_META",
    "TABLE_FILES",
    "Corpus",
    "CorpusError",
    "CorpusTable",
    "SourceSpec",
    "build_bundled",
    "build_corpus",
    "build_corpus_table",
    "code_key",
    "count_words",
    "group_columns",
    "label_groups",
    "load_corpus",
    "load_table",
    "read_manifest",
    "save_table",
    "table_hash",
]
