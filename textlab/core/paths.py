"""Every path textlab reads or writes, defined once: what lives where.

Three kinds of files, in three places:

* **The package** (:data:`PACKAGE`, the ``textlab/`` folder): the code, and the word lists the generic library
  reads at run time, shipped inside it as package data (``textlab/features/data/stopwords_<language>.txt``,
  read with :mod:`importlib.resources`, so a wheel carries them). Never written.
* **The bundled corpus and its study** (under :data:`ROOT`, the repository; they exist only in a checkout):
  ``data/raw/`` (the five texts, never written), ``data/manifest.csv``, ``data/groups.csv``,
  ``data/topic_names.csv``, its editions' stopword edits and spelling table (``data/stopwords.txt``,
  ``data/spelling_variants.csv``), ``figures/`` (:data:`FIGURES`) and ``notebooks/`` (:data:`NOTEBOOKS`). Read
  only when working on the bundled corpus.
* **Caches** (:data:`PROCESSED`): the bundled corpus table (``docs.csv``, ``line_report.csv``,
  ``lexicon_report.csv``, ``build.json``), the tables of users' corpora (``corpora/<build key>/``), topic
  models (``topics/``) and streamed counts (``counts/``). Built from their inputs when missing or stale,
  never versioned, safe to delete. Where a function or command takes an output folder (``out_dir``,
  ``cache_dir``, ``--out``), what it writes goes to that folder instead.

Where the caches go (:func:`cache_dir`; the first rule that applies):

1. ``$TEXTLAB_CACHE``, when set;
2. ``$TEXTLAB_ROOT/data/processed``, when ``TEXTLAB_ROOT`` is set (a copy of the repository elsewhere;
   it is then :data:`ROOT`);
3. ``data/processed`` of the checkout, when the package runs from one (:func:`is_checkout`: ``pyproject.toml``
   and ``data/raw`` in the folder above the package, as after ``make setup``'s editable install);
4. otherwise (an installed package: ``pip install .``, a wheel) the user's cache folder
   (:func:`user_cache_dir`): ``$XDG_CACHE_HOME/textlab`` or ``~/.cache/textlab`` on Linux and other Unix
   systems, ``~/Library/Caches/textlab`` on macOS, ``%LOCALAPPDATA%\\textlab\\Cache`` on Windows (the
   folders platformdirs names, with no author folder; platformdirs itself is not needed for them).

Never inside the package or a site-packages folder: :func:`cache_dir` refuses one. Outside a checkout the
default figure folder :data:`FIGURES` is ``figures/`` in the cache folder, for the same reason.
"""

from __future__ import annotations

import logging
import os
import sys
import sysconfig
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "PACKAGE",
    "ROOT",
    "CHECKOUT",
    "DATA",
    "RAW",
    "MANIFEST",
    "PROCESSED",
    "FIGURES",
    "NOTEBOOKS",
    "project_root",
    "is_checkout",
    "user_cache_dir",
    "cache_dir",
]

log = logging.getLogger(__name__)

#: The environment variable that names the cache folder, whatever else holds.
CACHE_ENV = "TEXTLAB_CACHE"
#: The environment variable that names the repository to work on (a copy elsewhere).
ROOT_ENV = "TEXTLAB_ROOT"


def project_root(package: Path, environ: Mapping[str, str]) -> Path:
    """The repository textlab works on: ``$TEXTLAB_ROOT``, else the folder above the package.

    In an installed package the folder above the package is site-packages: nothing is read there but the
    package itself, and nothing is written there.

    >>> project_root(Path("/src/repo/textlab"), {}).as_posix()
    '/src/repo'
    >>> project_root(Path("/src/repo/textlab"), {"TEXTLAB_ROOT": "/copy"}).as_posix()
    '/copy'
    """
    root = environ.get(ROOT_ENV)
    return Path(root) if root else package.parent


def is_checkout(root: Path) -> bool:
    """Whether ``root`` is the textlab repository: its ``pyproject.toml`` and ``data/raw`` are there.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> is_checkout(d)
    False
    >>> _ = (d / "pyproject.toml").write_text("")
    >>> (d / "data" / "raw").mkdir(parents=True)
    >>> is_checkout(d)
    True
    """
    return (root / "pyproject.toml").is_file() and (root / "data" / "raw").is_dir()


def user_cache_dir(environ: Mapping[str, str], platform: str = sys.platform) -> Path:
    """textlab's folder in the user's cache folder, by the platform's convention.

    Linux and other Unix systems follow the XDG convention (``$XDG_CACHE_HOME/textlab``, an absolute
    ``XDG_CACHE_HOME`` only, else ``~/.cache/textlab``); macOS and Windows the folders platformdirs names
    (``user_cache_dir("textlab", appauthor=False)``).

    >>> user_cache_dir({"XDG_CACHE_HOME": "/tmp/xdg"}, "linux").as_posix()
    '/tmp/xdg/textlab'
    >>> user_cache_dir({"XDG_CACHE_HOME": "relative"}, "linux") == Path.home() / ".cache" / "textlab"
    True
    >>> user_cache_dir({}, "darwin") == Path.home() / "Library" / "Caches" / "textlab"
    True
    """
    if platform == "win32":
        base = environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "textlab" / "Cache"
    if platform == "darwin":
        return Path.home() / "Library" / "Caches" / "textlab"
    xdg = environ.get("XDG_CACHE_HOME", "")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "textlab"


def _on_repository(root: Path, environ: Mapping[str, str]) -> bool:
    """Whether textlab works on a repository: ``$TEXTLAB_ROOT`` is set, or ``root`` is a checkout."""
    return bool(environ.get(ROOT_ENV)) or is_checkout(root)


def _site_folders() -> list[Path]:
    """The running interpreter's site-packages folders (where ``pip install`` puts packages)."""
    found = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return [Path(p) for p in sorted(found)]


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def cache_dir(
    package: Path,
    environ: Mapping[str, str],
    *,
    platform: str = sys.platform,
    site_folders: list[Path] | None = None,
) -> Path:
    """The cache folder of a textlab package at ``package`` under the environment ``environ``.

    The rules are those of the module docstring: ``$TEXTLAB_CACHE``, else ``data/processed`` of
    ``$TEXTLAB_ROOT`` or of the checkout the package runs from, else :func:`user_cache_dir`.

    Parameters
    ----------
    package : Path
        The ``textlab`` package folder (:data:`PACKAGE` for this one).
    environ : mapping
        The environment variables (``os.environ`` for this process).
    platform : str, default ``sys.platform``
        As :func:`user_cache_dir` takes it.
    site_folders : list of Path, optional
        Folders the cache must not be inside, besides the package (default: the running interpreter's
        site-packages; outside a checkout the folder holding the package is one too).

    Raises
    ------
    ValueError
        If the folder would be inside the package or a site-packages folder (``$TEXTLAB_CACHE`` or
        ``$XDG_CACHE_HOME`` pointing there).

    Examples
    --------
    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp()) / "site-packages"
    >>> cache_dir(site / "textlab", {"XDG_CACHE_HOME": "/tmp/xdg"}, platform="linux").as_posix()
    '/tmp/xdg/textlab'
    >>> cache_dir(site / "textlab", {"TEXTLAB_CACHE": "/tmp/mine"}).as_posix()
    '/tmp/mine'
    >>> cache_dir(site / "textlab", {"TEXTLAB_CACHE": str(site / "textlab" / "cache")})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: TEXTLAB_CACHE: cache folder .../textlab/cache is inside ...; set TEXTLAB_CACHE to a folder outside it
    """
    root = project_root(package, environ)
    checkout = _on_repository(root, environ)
    if environ.get(CACHE_ENV):
        source, folder = CACHE_ENV, Path(environ[CACHE_ENV]).expanduser().absolute()
    elif checkout:
        source, folder = ROOT_ENV if environ.get(ROOT_ENV) else "the checkout", root / "data" / "processed"
    else:
        source, folder = "the user cache folder", user_cache_dir(environ, platform)
    forbidden = [package, *(_site_folders() if site_folders is None else site_folders)]
    if not checkout:
        forbidden.append(package.parent)  # site-packages, or wherever the package is installed
    for f in forbidden:
        if _inside(folder, f):
            raise ValueError(f"{source}: cache folder {folder} is inside {f}; set {CACHE_ENV} to a folder outside it")
    return folder


#: The ``textlab`` package folder (code and package data; never written).
PACKAGE = Path(__file__).resolve().parents[1]
#: The repository (``$TEXTLAB_ROOT``, else the folder above the package): the bundled corpus lives here.
ROOT = project_root(PACKAGE, os.environ)
#: Whether textlab works on a repository (a checkout, or ``$TEXTLAB_ROOT``), not as an installed package alone.
CHECKOUT = _on_repository(ROOT, os.environ)
DATA = ROOT / "data"  # the bundled corpus's tables (a checkout's only)
RAW = DATA / "raw"  # immutable inputs, never written by code
MANIFEST = DATA / "manifest.csv"  # one row per raw file
#: The cache folder (:func:`cache_dir`): ``data/processed`` in a checkout; built by textlab, not versioned.
PROCESSED = cache_dir(PACKAGE, os.environ)
#: The figures of the bundled corpus (``figures/`` of the checkout); outside a checkout, ``figures/`` in the cache.
FIGURES = ROOT / "figures" if CHECKOUT else PROCESSED / "figures"
NOTEBOOKS = ROOT / "notebooks"  # the bundled corpus's notebooks (a checkout's only)

log.debug("textlab: package %s, root %s (checkout: %s), caches in %s", PACKAGE, ROOT, CHECKOUT, PROCESSED)
