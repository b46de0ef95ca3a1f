"""Tests for textlab/core/paths.py: where caches go in a checkout, in an installed package, and when overridden."""

import os
import shutil
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from textlab.core import paths
from textlab.features import tokenize


def _checkout(tmp_path: Path) -> Path:
    """A repository as git holds it: pyproject.toml and data/raw above the package."""
    root = tmp_path / "repo"
    (root / "textlab").mkdir(parents=True)
    (root / "data" / "raw").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'textlab'\n")
    return root / "textlab"


def _installed(tmp_path: Path) -> Path:
    """A package as pip installs it: alone in a site-packages folder."""
    package = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "textlab"
    package.mkdir(parents=True)
    return package


def _assert_outside(cache: Path, package: Path) -> None:
    assert not cache.resolve().is_relative_to(package.resolve()), f"cache {cache} inside the package {package}"


def test_a_checkout_caches_in_its_data_processed(tmp_path):
    package = _checkout(tmp_path)
    assert paths.is_checkout(package.parent)
    for platform in ("linux", "darwin", "win32"):
        cache = paths.cache_dir(package, {"XDG_CACHE_HOME": str(tmp_path / "xdg")}, platform=platform)
        assert cache == package.parent / "data" / "processed"
        _assert_outside(cache, package)


def test_an_installed_package_caches_in_the_user_cache_folder(tmp_path, monkeypatch):
    package = _installed(tmp_path)
    site = package.parent
    assert not paths.is_checkout(site)
    xdg = tmp_path / "xdg"
    cache = paths.cache_dir(package, {"XDG_CACHE_HOME": str(xdg)}, platform="linux")
    assert cache == xdg / "textlab"
    _assert_outside(cache, site)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # Path.home() on POSIX
    assert paths.cache_dir(package, {}, platform="linux") == tmp_path / "home" / ".cache" / "textlab"
    assert paths.cache_dir(package, {"XDG_CACHE_HOME": "not/absolute"}, platform="linux") == (
        tmp_path / "home" / ".cache" / "textlab"
    )
    assert paths.cache_dir(package, {}, platform="darwin") == tmp_path / "home" / "Library" / "Caches" / "textlab"
    local = tmp_path / "AppData" / "Local"
    assert paths.cache_dir(package, {"LOCALAPPDATA": str(local)}, platform="win32") == local / "textlab" / "Cache"


def test_a_folder_with_pyproject_but_no_raw_data_is_not_a_checkout(tmp_path):
    package = _checkout(tmp_path)
    shutil.rmtree(package.parent / "data")
    cache = paths.cache_dir(package, {"XDG_CACHE_HOME": str(tmp_path / "xdg")}, platform="linux")
    assert cache == tmp_path / "xdg" / "textlab"


def test_textlab_cache_overrides_checkout_and_installed(tmp_path):
    mine = tmp_path / "my cache"
    for package in (_checkout(tmp_path), _installed(tmp_path)):
        env = {"TEXTLAB_CACHE": str(mine), "TEXTLAB_ROOT": str(tmp_path / "copy"), "XDG_CACHE_HOME": "/x"}
        assert paths.cache_dir(package, env) == mine


def test_textlab_root_keeps_working(tmp_path):
    copy = tmp_path / "copy"  # a copy of the repository elsewhere, used as it is, markers or not
    for package in (_checkout(tmp_path), _installed(tmp_path)):
        assert paths.project_root(package, {"TEXTLAB_ROOT": str(copy)}) == copy
        assert paths.cache_dir(package, {"TEXTLAB_ROOT": str(copy)}) == copy / "data" / "processed"


def test_a_cache_inside_the_package_or_site_packages_is_refused(tmp_path):
    installed = _installed(tmp_path)
    site = installed.parent
    with pytest.raises(ValueError, match="TEXTLAB_CACHE: cache folder .* is inside"):
        paths.cache_dir(installed, {"TEXTLAB_CACHE": str(installed / "cache")})
    with pytest.raises(ValueError, match="the user cache folder: cache folder .* is inside"):
        paths.cache_dir(installed, {"XDG_CACHE_HOME": str(site / "cache")}, platform="linux")
    with pytest.raises(ValueError, match="is inside"):  # any site-packages of the interpreter
        paths.cache_dir(installed, {"TEXTLAB_CACHE": str(tmp_path / "other" / "x")}, site_folders=[tmp_path / "other"])
    checkout = _checkout(tmp_path)
    with pytest.raises(ValueError, match="is inside"):
        paths.cache_dir(checkout, {"TEXTLAB_CACHE": str(checkout / "features")})
    with pytest.raises(ValueError, match="is inside"):  # TEXTLAB_ROOT naming site-packages: refused too
        paths.cache_dir(installed, {"TEXTLAB_ROOT": str(site)}, site_folders=[site])


def test_this_process_follows_the_rules():
    assert paths.PROCESSED == paths.cache_dir(paths.PACKAGE, os.environ)
    _assert_outside(paths.PROCESSED, paths.PACKAGE)
    assert paths.CHECKOUT  # the tests run from the repository
    if not os.environ.get("TEXTLAB_CACHE"):
        assert paths.PROCESSED == paths.ROOT / "data" / "processed"
    assert paths.FIGURES == paths.ROOT / "figures"


def _run(code: str, pythonpath: Path, cwd: Path, **env: str) -> list[str]:
    keep = {k: v for k, v in os.environ.items() if k not in ("TEXTLAB_ROOT", "TEXTLAB_CACHE", "PYTHONPATH")}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={**keep, "PYTHONPATH": str(pythonpath), "PYTHONDONTWRITEBYTECODE": "1", **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


SHOW = (
    "from textlab.core import paths; from textlab.features import tokenize as t; "
    "print(paths.PACKAGE); print(paths.CHECKOUT); print(paths.PROCESSED); print(paths.FIGURES); "
    "print(len(t.default_stopwords()), 'ibid' in t.default_stopwords(), 'état' in t.default_stopwords('fr'))"
)


def test_a_copy_of_the_package_outside_a_checkout_works_and_caches_outside(tmp_path):
    """The package alone in a site-packages folder (as a wheel installs it): package data found, caches outside."""
    site = tmp_path / "site-packages"
    shutil.copytree(paths.PACKAGE, site / "textlab", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "cwd").mkdir()
    before = sorted((p.as_posix(), p.stat().st_mtime_ns) for p in site.rglob("*"))
    xdg = tmp_path / "xdg"
    package, checkout, cache, figures, words = _run(SHOW, site, tmp_path / "cwd", XDG_CACHE_HOME=str(xdg))
    assert Path(package) == site / "textlab" and checkout == "False"
    assert Path(cache) == xdg / "textlab" and Path(figures) == xdg / "textlab" / "figures"
    assert words == f"{len(tokenize.default_stopwords())} True False"  # package data: stopwords_en.txt, _fr.txt
    mine = tmp_path / "mine"
    assert Path(_run(SHOW, site, tmp_path / "cwd", TEXTLAB_CACHE=str(mine))[2]) == mine
    assert sorted((p.as_posix(), p.stat().st_mtime_ns) for p in site.rglob("*")) == before, "wrote into the package"
    assert not xdg.exists() and not mine.exists(), "importing textlab creates no folder"


def test_package_data_ships_in_the_package_and_is_declared():
    """What the generic library reads at run time lives inside the package and pyproject.toml ships it."""
    data = Path(str(tokenize.PACKAGE_DATA))
    assert data.is_relative_to(paths.PACKAGE)
    files = sorted(p.relative_to(paths.PACKAGE / "features").as_posix() for p in data.iterdir() if p.is_file())
    assert files == ["data/stopwords_en.txt", "data/stopwords_es.txt", "data/stopwords_fr.txt", "data/stopwords_ru.txt"]
    declared = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    for f in files:
        assert any(fnmatch(f, pattern) for pattern in declared["textlab.features"]), f"{f} not in package-data"
