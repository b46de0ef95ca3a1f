"""Command line: ``textlab build | vocab | report | topics | figures | notebooks``.

The subcommands follow the data: ``build`` the corpus table (the bundled
corpus, or a folder of ``.txt`` files and a metadata CSV), compare its
vocabulary by a column (``vocab``), print its ``report`` (lexicon coverage,
line accounting, quoted share), fit and sweep ``topics``, rebuild the
``figures``, run the ``notebooks``. Each subcommand explains itself with ``--help``.
Those that analyse a corpus take the same options: ``--folder`` and
``--metadata`` (a user's corpus; default the bundled one) and ``--by`` (the
column, or columns joined with ``+``, that names the groups compared; default
``author`` for a user's corpus, ``data/groups.csv`` for the bundled one).
Progress bars show on long work (``-q`` hides them); only warnings are logged
unless ``-v``; errors name the file, line, column or option at fault and exit
with status 2.

Run as a program (``textlab``, ``python -m textlab``), it starts itself again in the pinned environment of
:mod:`textlab.core.reproducible` (one BLAS thread, the same numeric kernels on every CPU), so that what it writes
is the same on every machine; ``TEXTLAB_JOBS`` sets how many worker processes it uses (default every core).

Examples
--------
>>> args = build_parser().parse_args(["vocab", "--by", "author", "--top", "5"])
>>> args.by, args.top, args.kind
('author', 5, ['primary'])
>>> build_parser().parse_args(["topics", "--folder", "texts", "--metadata", "texts/meta.csv", "--by", "year"]).by
'year'
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from textlab.cli.parser import build_parser
from textlab.core.io import InputError
from textlab.core.pool import resolve_n_jobs
from textlab.core.reproducible import run_pinned

#: The package's logger: quiet (warnings) unless -v.
log = logging.getLogger("textlab")

__all__ = ["main", "build_parser"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``textlab`` with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    ``--help`` and argument errors exit through :class:`SystemExit` (0 and 2),
    as argparse does; an :class:`~textlab.core.io.InputError` or an unreadable file
    prints ``textlab: error: ...`` on stderr and returns 2 (so does a ``TEXTLAB_JOBS`` that is not a
    whole number >= 1). Without ``argv`` (the program itself), it first starts again in the pinned environment
    (:func:`textlab.core.reproducible.run_pinned`) unless it runs in one already.

    Examples
    --------
    >>> import contextlib, sys
    >>> with contextlib.redirect_stderr(sys.stdout):   # show the error message here
    ...     main(["report", "--folder", "texts"])
    textlab: error: --folder needs --metadata (the CSV that lists and describes its files)
    2
    >>> with contextlib.redirect_stderr(sys.stdout):
    ...     main(["report", "--folder", "texts", "--metadata", "no/such.csv"])
    textlab: error: no/such.csv: metadata file not found (--metadata)
    2
    """
    if argv is None:
        run_pinned(["-m", "textlab", *sys.argv[1:]])
    parser = build_parser()
    args = parser.parse_args(argv)
    # quiet by default: warnings and errors only; -v adds textlab's INFO lines (progress details), not those of
    # the libraries it calls; progress bars are not log lines (-q hides them where the subcommand has it)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    level = log.level
    log.setLevel(logging.INFO if args.verbose else logging.WARNING)
    try:
        resolve_n_jobs(None)  # TEXTLAB_JOBS, checked before any work
        return int(args.func(args))
    except InputError as err:
        print(f"textlab: error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # a file that cannot be read or written: name it
        name = err.filename if err.filename is not None else ""
        print(f"textlab: error: {name}{': ' if name else ''}{err.strerror or err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        print("textlab: interrupted", file=sys.stderr)
        return 130
    finally:
        log.setLevel(level)  # a caller of main() in Python keeps its own logging settings
