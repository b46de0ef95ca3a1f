#!/usr/bin/env bash
# Do two fresh clones' `make all` give the same tracked files, and the files of the commit?
#
#   benchmarks/check_reproducible.sh REPO [VENV]
#
# Clones REPO (a local path; its HEAD) twice into a temporary folder and runs `make all` in each: one with
# TEXTLAB_JOBS=1 on this CPU, one with TEXTLAB_JOBS=2 on an imitated other CPU (an AVX2 machine: numpy without
# its AVX-512 kernels, OpenBLAS's Haswell kernels, glibc without AVX-512; see docs/reproducibility.md). With
# VENV (an existing virtual environment that has textlab's dependencies, e.g. .venv), make uses it as it is
# (read only: nothing is installed into it) with the clone first on PYTHONPATH. Prints the tracked files each clone changed against the commit (`git status
# --porcelain`) and the tracked files that differ between the two clones; exits 1 if any does. It takes minutes
# (every notebook, about 30 topic models per clone, the two clones one after the other).
set -euo pipefail
unset TEXTLAB_CACHE TEXTLAB_ROOT TEXTLAB_PIN TEXTLAB_PINNED TEXTLAB_JOBS  # a clean run: the clones decide

if [[ $# -lt 1 || $# -gt 2 || "$1" == -h || "$1" == --help ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
repo=$(cd "$1" && pwd) || { echo "check_reproducible: $1: not a folder" >&2; exit 2; }
git -C "$repo" rev-parse --verify HEAD >/dev/null 2>&1 || { echo "check_reproducible: $repo: not a git repository" >&2; exit 2; }
venv=""
if [[ $# -eq 2 ]]; then
    venv=$(cd "$2" && pwd) || { echo "check_reproducible: $2: not a folder" >&2; exit 2; }
    [[ -x "$venv/bin/python" ]] || { echo "check_reproducible: $venv: no bin/python (not a virtual environment)" >&2; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/textlab-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
commit=$(git -C "$repo" rev-parse HEAD)  # both clones check out this commit, whatever HEAD does meanwhile
echo "commit ${commit:0:7}, clones in $work"

run() {  # name, then VAR=value settings for make all
    local name=$1; shift
    git clone --quiet --no-hardlinks "$repo" "$work/$name"
    git -C "$work/$name" checkout --quiet "$commit"
    local reuse=()
    if [[ -n "$venv" ]]; then
        # make's set-up is satisfied by a stamp newer than the clone's pyproject.toml, outside the venv; the
        # venv's own textlab (an editable install of another checkout) comes after this clone on PYTHONPATH
        touch "$work/$name.stamp"
        reuse=(VENV="$venv" STAMP="$work/$name.stamp")
    fi
    echo "== $name: $* make all"
    local start=$SECONDS
    if ! (cd "$work/$name" && env "$@" ${venv:+PYTHONPATH="$work/$name"} make "${reuse[@]}" all >"$work/$name.log" 2>&1); then
        echo "make all failed in $name; the end of its log:" >&2
        tail -n 30 "$work/$name.log" >&2
        exit 1
    fi
    echo "   done in $((SECONDS - start)) s"
}

run one TEXTLAB_JOBS=1
run two TEXTLAB_JOBS=2 \
    NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL AVX512_SPR" \
    OPENBLAS_CORETYPE=Haswell \
    GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD

status=0
for name in one two; do
    changed=$(git -C "$work/$name" status --porcelain --untracked-files=no)
    if [[ -z "$changed" ]]; then
        echo "$name: git status empty (every tracked file as committed)"
    else
        status=1
        echo "$name: tracked files changed against the commit:"
        echo "$changed" | sed 's/^/   /'
    fi
done
differ=$(cd "$work/one" && git ls-files -z | while IFS= read -r -d '' f; do
    cmp -s "$work/one/$f" "$work/two/$f" || echo "$f"
done)
if [[ -z "$differ" ]]; then
    echo "one and two: every tracked file byte-identical"
else
    status=1
    echo "one and two: tracked files that differ:"
    echo "$differ" | sed 's/^/   /'
fi
exit $status
