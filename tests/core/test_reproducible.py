"""The pinned environment, the worker count of TEXTLAB_JOBS and the stored precision (textlab.core.reproducible)."""

from __future__ import annotations

import math
import platform
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from textlab.core.io import InputError
from textlab.core.pool import map_stream, resolve_n_jobs
from textlab.core.reproducible import (
    GLIBC_HWCAPS_MASK,
    OPENBLAS_CORETYPE,
    PINNED_MARK,
    STORED_DIGITS,
    THREAD_VARIABLES,
    is_pinned,
    pinned_environment,
    pins,
    stored_number,
)

X86_LINUX = sys.platform.startswith("linux") and platform.machine().lower() in ("x86_64", "amd64")


def test_threads_are_one_everywhere():
    env = pinned_environment({"OMP_NUM_THREADS": "16", "OPENBLAS_NUM_THREADS": "8", "HOME": "/home/me"})
    assert all(env[v] == "1" for v in THREAD_VARIABLES)
    assert env["HOME"] == "/home/me" and env[PINNED_MARK] == "1"
    assert is_pinned(env)


def test_the_given_environment_is_not_changed():
    given_env = {"OMP_NUM_THREADS": "16"}
    pinned_environment(given_env)
    assert given_env == {"OMP_NUM_THREADS": "16"}


def test_pins_can_be_turned_off():
    env = {"TEXTLAB_PIN": "0", "OMP_NUM_THREADS": "16"}
    assert pinned_environment(env) == env
    assert is_pinned(env)  # nothing to restart for


@pytest.mark.skipif(not X86_LINUX, reason="the kernel pins are those of x86-64 Linux")
def test_kernels_are_pinned_on_x86_64():
    from numpy._core._multiarray_umath import __cpu_dispatch__

    p = pins({"NPY_DISABLE_CPU_FEATURES": "MYFEATURE", "OPENBLAS_CORETYPE": "SkylakeX"})
    assert p["OPENBLAS_CORETYPE"] == OPENBLAS_CORETYPE  # whatever was set: the same kernels everywhere
    disabled = p["NPY_DISABLE_CPU_FEATURES"].split()
    assert disabled[0] == "MYFEATURE" and set(__cpu_dispatch__) <= set(disabled)
    assert p["GLIBC_TUNABLES"] == "glibc.cpu.hwcaps=" + ",".join("-" + f for f in GLIBC_HWCAPS_MASK)


@pytest.mark.skipif(not X86_LINUX, reason="glibc tunables are those of Linux")
def test_glibc_tunables_already_set_are_kept():
    p = pins({"GLIBC_TUNABLES": "glibc.malloc.check=0:glibc.cpu.hwcaps=-AVX512F,-FMA"})
    assert p["GLIBC_TUNABLES"] == "glibc.malloc.check=0:glibc.cpu.hwcaps=-AVX512F,-FMA,-AVX2,-FMA4"


def test_jobs_from_the_environment(monkeypatch):
    monkeypatch.delenv("TEXTLAB_JOBS", raising=False)
    assert resolve_n_jobs(None) >= 1
    monkeypatch.setenv("TEXTLAB_JOBS", " 3 ")
    assert resolve_n_jobs(None) == 3
    assert resolve_n_jobs(2) == 2  # a call that says wins
    for bad in ("0", "-2", "two", "1.5"):
        monkeypatch.setenv("TEXTLAB_JOBS", bad)
        with pytest.raises(InputError, match="TEXTLAB_JOBS"):
            resolve_n_jobs(None)


def test_the_workers_do_not_change_results(monkeypatch):
    # sums in batches of any size, on 1 or 2 workers (the environment's default or given): the same order, the
    # same floats
    data = [(f"d{i}", np.random.default_rng(i).random(50) * 10.0 ** (i % 7)) for i in range(40)]
    results = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("TEXTLAB_JOBS", jobs)
        for size in (1, 3, 64):
            out = list(map_stream(lambda a: float(np.sum(a)), data, n_jobs=None, chunk_size=size, progress=False))
            results.append(out)
    assert all(r == results[0] for r in results)


@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300).filter(
        lambda x: abs(x) > 1e-300
    )
)
def test_stored_numbers_keep_their_digits(x):
    s = stored_number(x)
    assert stored_number(s) == s  # rounding twice changes nothing
    assert math.isclose(s, x, rel_tol=10.0 ** (1 - STORED_DIGITS))
    assert float(f"{s:.{STORED_DIGITS - 1}e}") == s  # no more digits than that


def test_stored_numbers_absorb_differences_in_the_last_bits():
    x = 1382.2513117
    assert stored_number(x) == stored_number(np.nextafter(x, 2000)) == stored_number(x * (1 + 4e-10))
    assert stored_number(1382.25) != stored_number(1382.26)
    assert stored_number(float("nan")) != stored_number(float("nan"))
    assert stored_number(-0.0) == 0.0 and str(stored_number(-0.0)) == "0.0"
    with pytest.raises(ValueError, match="digits"):
        stored_number(1.0, 0)
