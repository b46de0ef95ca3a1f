"""The same numbers on every machine and with any number of workers (``tests/data/reproducibility.py``).

The pipeline (corpus table, document-term matrix, counts on disk and a streamed fit, sweeps with backends
``tomotopy`` and ``sklearn``: perplexity, coherence, stability, fold-in, a bootstrap interval) runs in
subprocesses that start themselves in the pinned environment, as the command line does: one on 1 worker, one on
2 workers imitating another CPU (numpy without its AVX-512 kernels, OpenBLAS's Haswell kernels, glibc without
AVX-512). Their numbers must be equal to the last bit, and equal at the stored precision to the reference
``tests/data/reproducibility_reference.json`` (written by hand with ``reproducibility.py --write``, never here).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from textlab.core.reproducible import PIN_ENV, PINNED_MARK, pinned_environment, stored_number

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "data" / "reproducibility.py"
REFERENCE = ROOT / "tests" / "data" / "reproducibility_reference.json"

#: Another CPU, imitated on this one: an AVX2 machine (numpy's X86_V4 kernels off, OpenBLAS's Haswell kernels,
#: glibc without AVX-512).
OTHER_CPU = {
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
    "OPENBLAS_CORETYPE": "Haswell",
    "GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD",
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or platform.machine().lower() not in ("x86_64", "amd64"),
        reason="the reference values and the imitated CPUs are those of x86-64 Linux",
    ),
]


def _start(jobs: int, extra: dict[str, str]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in (PINNED_MARK, PIN_ENV, *OTHER_CPU)}
    env.update({"PYTHONPATH": str(ROOT), "TEXTLAB_JOBS": str(jobs), **extra})
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), "--raw"], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _result(proc: subprocess.Popen) -> dict:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-3000:]
    return json.loads(out)


@pytest.fixture(scope="module")
def runs() -> dict[str, dict]:
    """The pipeline's raw outputs: pinned on 1 worker, pinned on 2 workers on the other CPU, and unpinned there."""
    procs = {
        "here": _start(1, {}),
        "other": _start(2, OTHER_CPU),
        "unpinned": _start(2, {**OTHER_CPU, PIN_ENV: "0"}),
    }
    return {name: _result(p) for name, p in procs.items()}


def _stored(value):
    if isinstance(value, dict):
        return {k: _stored(v) for k, v in value.items() if k != "jobs"}
    if isinstance(value, list):
        return [_stored(v) for v in value]
    return stored_number(value) if isinstance(value, float) else value


def _differences(a, b, path: str = "") -> list[str]:
    if isinstance(a, dict):
        return [d for k in sorted(set(a) | set(b)) for d in _differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_the_workers_ran(runs):
    assert runs["here"]["jobs"] == 1
    assert runs["other"]["jobs"] == 2


def test_the_imitated_cpu_changes_numbers_without_the_pins(runs):
    # else the comparison below would prove nothing: the imitation must reach the numeric libraries
    assert _differences(runs["here"]["sklearn"], runs["unpinned"]["sklearn"])


def test_same_numbers_on_another_cpu_and_another_number_of_workers(runs):
    here, other = dict(runs["here"]), dict(runs["other"])
    here.pop("jobs"), other.pop("jobs")
    assert _differences(here, other) == []  # to the last bit
    assert _stored(here) == _stored(other)


def test_numbers_equal_the_stored_reference(runs):
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    differences = _differences(reference, _stored(runs["here"]))
    assert differences == [], "the fit changed; if that is meant, rewrite the reference:\n" + "\n".join(
        differences[:20]
    )


def test_the_reference_holds_every_step():
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert {"dtm", "streamed", "tomotopy", "sklearn", "words"} <= set(reference)
    for backend in ("tomotopy", "sklearn"):
        steps = reference[backend]
        assert {"perplexity", "npmi", "umass", "stability", "fold_in", "bootstrap", "topic_word"} <= set(steps)
        assert len(steps["perplexity"]) == 4 and all(p > 1 for p in steps["perplexity"])


def test_run_pinned_starts_the_program_again_in_the_pinned_environment(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(
        "import os, sys\n"
        "from textlab.core.reproducible import run_pinned\n"
        "print('start', flush=True)\n"
        "run_pinned([__file__, *sys.argv[1:]])\n"
        "print(sys.argv[1], os.environ['OMP_NUM_THREADS'], os.environ['OPENBLAS_CORETYPE'], "
        "os.environ['GLIBC_TUNABLES'])\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in (PINNED_MARK, PIN_ENV)}
    env.update({"PYTHONPATH": str(ROOT), "OPENBLAS_CORETYPE": "Haswell", "OMP_NUM_THREADS": "4"})
    env["GLIBC_TUNABLES"] = "glibc.malloc.check=0:glibc.cpu.hwcaps=-AVX512F"
    done = subprocess.run([sys.executable, str(script), "arg"], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    expected = pinned_environment(env)
    assert done.stdout.split() == [
        "start",  # the first run, before it is replaced
        "start",
        "arg",
        "1",
        expected["OPENBLAS_CORETYPE"],
        "glibc.malloc.check=0:glibc.cpu.hwcaps=-AVX512F,-AVX2,-FMA,-FMA4",
    ]
    assert expected["OPENBLAS_CORETYPE"] != "Haswell"


def test_the_command_line_starts_pinned_when_run_as_a_program(monkeypatch, capsys):
    import textlab.cli

    calls = []
    monkeypatch.setattr(textlab.cli, "run_pinned", calls.append)
    monkeypatch.setattr(sys, "argv", ["textlab", "report", "--folder", "texts"])
    assert textlab.cli.main() == 2  # --folder without --metadata
    assert calls == [["-m", "textlab", "report", "--folder", "texts"]]
    assert textlab.cli.main(["report", "--folder", "texts"]) == 2  # called from Python: no restart
    assert len(calls) == 1


def test_a_bad_jobs_setting_is_an_error_of_the_command_line():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTLAB_JOBS": "0", PIN_ENV: "0"}
    done = subprocess.run(
        [sys.executable, "-m", "textlab", "report"], env=env, capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 2
    assert "TEXTLAB_JOBS='0'" in done.stderr
