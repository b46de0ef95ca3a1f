#!/usr/bin/env bash
# Install check: textlab installed NON-editable (`pip install .` into a fresh virtual environment) works outside
# the checkout, with its package data, and writes its caches to the user cache folder: never into site-packages,
# never into the checkout.
#
#   tests/install_check.sh            (PYTHON=python3.12 for another interpreter; KEEP=1 keeps the temporary folder)
#
# Steps: copy the sources git knows (so the build's build/ and *.egg-info land in the copy, not in the checkout);
# pip install the copy into a new venv (the pip cache of `make setup` makes it quick); from a temporary working
# directory, with XDG_CACHE_HOME in the temporary folder, run the installed `textlab` on tests/data/small_corpus
# (build --out, vocab with the table cached by default, counts with a topic model); then check the exit statuses,
# the outputs, that site-packages and the checkout are as before, and that the default cache is under
# $XDG_CACHE_HOME/textlab. Fails loudly, naming the step; the temporary folder is kept on failure.
set -euo pipefail

CHECKOUT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
CORPUS="$CHECKOUT/tests/data/small_corpus"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/textlab-install-check.XXXXXX")"
START=$SECONDS
STEP="start"

finish() {
    local status=$?
    if [ "$status" -ne 0 ]; then
        echo "install check FAILED at step '$STEP' (exit status $status); files kept in $WORK" >&2
    elif [ "${KEEP:-0}" = 1 ]; then
        echo "install check: files kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap finish EXIT

fail() {
    echo "install check FAILED at step '$STEP': $*" >&2
    exit 1
}

step() {
    STEP="$1"
    echo "install check [$((SECONDS - START)) s]: $STEP"
}

# textlab's output goes to a log; shown when a command fails
run_textlab() {
    local log="$WORK/log/$1.log"
    shift
    if ! (cd "$WORK/cwd" && env -u TEXTLAB_ROOT -u TEXTLAB_CACHE -u PYTHONPATH \
        XDG_CACHE_HOME="$WORK/xdg" MPLCONFIGDIR="$WORK/mpl" MPLBACKEND=Agg PYTHONDONTWRITEBYTECODE=1 \
        "$VENV/bin/textlab" "$@") >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        fail "textlab $* exited with status != 0 (log: $log)"
    fi
}

need_files() {
    local f
    for f in "$@"; do
        [ -s "$f" ] || fail "expected output $f is missing or empty"
    done
}

# the checkout as it is before anything runs: its git status, and a time stamp for files written after it
mkdir -p "$WORK/src" "$WORK/cwd" "$WORK/log" "$WORK/out"
touch "$WORK/start.stamp"
git -C "$CHECKOUT" status --porcelain --untracked-files=all >"$WORK/git-before.txt" ||
    fail "$CHECKOUT is not a git checkout"

step "copy the sources git knows into $WORK/src"
(cd "$CHECKOUT" && git ls-files -z --cached --others --exclude-standard -- pyproject.toml README.md LICENSE textlab |
    tar --null --files-from=- --create --file=- --ignore-failed-read) | tar --extract --file=- --directory="$WORK/src"
[ -f "$WORK/src/textlab/features/data/stopwords_en.txt" ] || fail "the copy has no package data"

step "create a virtual environment with $PYTHON and pip install the copy (not editable)"
"$PYTHON" -m venv "$WORK/venv"
VENV="$WORK/venv"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WORK/src" >"$WORK/log/pip.log" 2>&1 ||
    { tail -n 30 "$WORK/log/pip.log" >&2; fail "pip install failed (log: $WORK/log/pip.log)"; }
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
[ -f "$SITE/textlab/core/paths.py" ] || fail "textlab is not installed in $SITE"
[ -f "$SITE/textlab/features/data/stopwords_en.txt" ] && [ -f "$SITE/textlab/features/data/stopwords_fr.txt" ] ||
    fail "the installed package lacks its data files (textlab/features/data/): see [tool.setuptools.package-data]"
find "$SITE" -print | sort >"$WORK/site-before.txt"
touch "$WORK/installed.stamp"

step "the installed textlab: imported from site-packages, caches in \$XDG_CACHE_HOME/textlab"
(cd "$WORK/cwd" && env -u TEXTLAB_ROOT -u TEXTLAB_CACHE -u PYTHONPATH XDG_CACHE_HOME="$WORK/xdg" \
    PYTHONDONTWRITEBYTECODE=1 "$VENV/bin/python" -c \
    'from textlab.core import paths; print(paths.PACKAGE, paths.CHECKOUT, paths.PROCESSED, sep="\n")') \
    >"$WORK/paths.txt" || fail "import textlab failed"
[ "$(sed -n 1p "$WORK/paths.txt")" = "$SITE/textlab" ] || fail "textlab imported from $(sed -n 1p "$WORK/paths.txt")"
[ "$(sed -n 2p "$WORK/paths.txt")" = "False" ] || fail "the installed package takes itself for a checkout"
[ "$(sed -n 3p "$WORK/paths.txt")" = "$WORK/xdg/textlab" ] || fail "cache folder $(sed -n 3p "$WORK/paths.txt")"

step "textlab --help"
run_textlab help --help

step "textlab build --folder tests/data/small_corpus --out"
run_textlab build build -q --folder "$CORPUS" --metadata "$CORPUS/metadata.csv" --out "$WORK/out/table"
need_files "$WORK/out/table/"{docs.csv,line_report.csv,lexicon_report.csv,build.json}

step "textlab vocab --by author (the table built into the default cache)"
run_textlab vocab vocab -q --by author --folder "$CORPUS" --metadata "$CORPUS/metadata.csv" --top 5 --n-boot 50 \
    --csv "$WORK/out/vocab.csv"
need_files "$WORK/out/vocab.csv"
compgen -G "$WORK/xdg/textlab/corpora/*/docs.csv" >/dev/null ||
    fail "no corpus table cached under \$XDG_CACHE_HOME/textlab/corpora/"

step "textlab counts --k 3 (streamed counts and a topic model)"
run_textlab counts counts -q "$CORPUS" "$WORK/out/counts" --k 3 --jobs 2 --min-df 2
need_files "$WORK/out/counts/manifest.json"
compgen -G "$WORK/out/counts/topics-*-k3-seed0.npz" >/dev/null || fail "no topic model saved in $WORK/out/counts"

step "nothing written into site-packages or the checkout"
find "$SITE" -print | sort >"$WORK/site-after.txt"
diff "$WORK/site-before.txt" "$WORK/site-after.txt" >&2 || fail "files appeared in or left $SITE (diff above)"
CHANGED="$(find "$SITE" -newer "$WORK/installed.stamp" -type f -print)"
[ -z "$CHANGED" ] || fail "files written into $SITE: $CHANGED"
git -C "$CHECKOUT" status --porcelain --untracked-files=all >"$WORK/git-after.txt"
diff "$WORK/git-before.txt" "$WORK/git-after.txt" >&2 || fail "git status of $CHECKOUT changed (diff above)"
CHANGED="$(find "$CHECKOUT" -path "$CHECKOUT/.git" -prune -o -newer "$WORK/start.stamp" -print)"
[ -z "$CHANGED" ] || fail "files written into the checkout (ignored ones included): $CHANGED"

echo "install check passed in $((SECONDS - START)) s: pip install . (not editable), textlab build, vocab, counts"
