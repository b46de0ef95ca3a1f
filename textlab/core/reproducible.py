"""The same numbers on every machine: the environment textlab's entry points pin, and the precision numbers are kept at.

A topic model's fit is a long chain of floating-point steps, and the libraries under it choose their code by the
processor they find: numpy dispatches SIMD kernels (AVX2, AVX-512) at run time, OpenBLAS picks a matrix kernel per
CPU model, glibc picks its ``exp``/``log``/``pow`` variant by whether the CPU has FMA. Each choice changes the last
bits of some results; an iterative fit (gensim's and scikit-learn's variational Bayes) carries them along, so two
machines printed perplexities 1382.250 and 1382.251. The entry points that write stored outputs (the command line,
``python -m textlab``, and the kernels of :func:`textlab.study.run.execute_notebook`) therefore run with
:func:`pinned_environment`: one thread for BLAS and OpenMP (textlab parallelises by processes), numpy's baseline
kernels only, one OpenBLAS kernel, glibc's plain (SSE2) maths. These are read when a library loads, so the command
line starts itself again with them (:func:`run_pinned`) before any work. ``docs/reproducibility.md`` says what was
measured.

Numbers that are stored (figure data hashes, :func:`stored_number`) are kept at :data:`STORED_DIGITS` significant
digits, so that a difference in the last bits left by a step nobody pinned cannot change them except by a
vanishing chance.

Examples
--------
>>> env = pinned_environment({"PATH": "/usr/bin", "OMP_NUM_THREADS": "8"})
>>> env["OMP_NUM_THREADS"], env["OPENBLAS_NUM_THREADS"], env[PINNED_MARK], env["PATH"]
('1', '1', '1', '/usr/bin')
>>> is_pinned(env), is_pinned({"PATH": "/usr/bin"})
(True, False)
>>> stored_number(1382.2504999999998), stored_number(0.1 + 0.2)
(1382.25, 0.3)
"""

from __future__ import annotations

import logging
import math
import os
import platform
import sys
from collections.abc import Mapping, Sequence

log = logging.getLogger(__name__)

__all__ = [
    "JOBS_ENV",
    "PIN_ENV",
    "PINNED_MARK",
    "STORED_DIGITS",
    "THREAD_VARIABLES",
    "OPENBLAS_CORETYPE",
    "GLIBC_HWCAPS_MASK",
    "pins",
    "pinned_environment",
    "is_pinned",
    "run_pinned",
    "stored_number",
]

#: Environment variable: how many worker processes textlab uses where a call or ``--jobs`` does not say
#: (:func:`textlab.core.pool.resolve_n_jobs`); unset, every core.
JOBS_ENV = "TEXTLAB_JOBS"

#: Environment variable: ``0`` leaves the environment as it is (no pins, no restart of the command line).
PIN_ENV = "TEXTLAB_PIN"

#: Set to ``1`` in a pinned environment (so that the command line restarts at most once).
PINNED_MARK = "TEXTLAB_PINNED"

#: Significant digits of stored numbers (figure data hashes, :func:`stored_number`). Without the pins, the figures'
#: numbers that do not come from a topic model differ between imitated CPUs by at most 4e-10 of their value (a
#: PCA), most by 0 or 2e-16 (docs/reproducibility.md); at 6 digits such a difference changes a number with a
#: chance of at most 4e-4 (``4e-10 * 10**6``), and the 33,000 numbers of the figures, measured, not at all. A
#: millionth of an axis is far below a pixel. (A topic model's fit without the pins differs by up to 1e-3: no
#: rounding absorbs that; the pins remove it.)
STORED_DIGITS = 6

#: Thread counts of the numeric libraries: one thread each (textlab's workers are processes; a BLAS or OpenMP
#: reduction split among threads may add in another order).
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)

#: The OpenBLAS kernel set on x86-64 (numpy's and scipy's OpenBLAS): Nehalem's (SSE2-SSE4.2) run on every x86-64
#: CPU that numpy 2 runs on (its baseline is x86-64-v2), so every machine computes a product the same way.
OPENBLAS_CORETYPE = "Nehalem"

#: CPU features hidden from glibc on x86-64 Linux (``GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA,-FMA4``): libm's
#: ``exp``, ``log``, ``pow``, ``sin``... then take their SSE2 variant on every CPU (the FMA variants round
#: differently in the last bit now and then).
GLIBC_HWCAPS_MASK = ("AVX2", "FMA", "FMA4")


def _numpy_dispatch() -> list[str]:
    """The CPU features this numpy dispatches kernels for (none where numpy is not loaded or says nothing)."""
    np = sys.modules.get("numpy")
    if np is None:
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - numpy is a dependency
            return []
    for where in ("numpy._core._multiarray_umath", "numpy.core._multiarray_umath"):
        mod = sys.modules.get(where)
        if mod is not None and hasattr(mod, "__cpu_dispatch__"):
            return [str(f) for f in mod.__cpu_dispatch__]
    return []


def _x86_64() -> bool:
    return platform.machine().lower() in ("x86_64", "amd64")


def pins(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables :func:`pinned_environment` sets, for this machine and the environment ``env``.

    Everywhere: :data:`THREAD_VARIABLES` = 1 and ``MKL_CBWR=COMPATIBLE`` (Intel MKL's own reproducible mode,
    where numpy uses MKL). On x86-64: ``NPY_DISABLE_CPU_FEATURES`` = every feature numpy dispatches (its
    baseline kernels remain; features ``env`` disables already stay disabled), ``OPENBLAS_CORETYPE`` =
    :data:`OPENBLAS_CORETYPE`; on x86-64 Linux ``GLIBC_TUNABLES`` with :data:`GLIBC_HWCAPS_MASK` (added to the
    tunables and masks already in ``env``).

    >>> p = pins({})
    >>> [p[v] for v in THREAD_VARIABLES], p["MKL_CBWR"]
    (['1', '1', '1', '1', '1'], 'COMPATIBLE')
    """
    env = os.environ if env is None else env
    out = dict.fromkeys(THREAD_VARIABLES, "1")
    out["MKL_CBWR"] = "COMPATIBLE"
    if _x86_64():
        disabled = _union(env.get("NPY_DISABLE_CPU_FEATURES", "").replace(",", " ").split(), _numpy_dispatch())
        if disabled:
            out["NPY_DISABLE_CPU_FEATURES"] = " ".join(disabled)
        out["OPENBLAS_CORETYPE"] = OPENBLAS_CORETYPE
        if sys.platform.startswith("linux"):
            tunables = [t for t in env.get("GLIBC_TUNABLES", "").split(":") if t]
            hwcaps = [t.split("=", 1)[1] for t in tunables if t.startswith("glibc.cpu.hwcaps=")]
            caps = _union([c for t in hwcaps for c in t.split(",") if c], ["-" + f for f in GLIBC_HWCAPS_MASK])
            rest = [t for t in tunables if not t.startswith("glibc.cpu.hwcaps=")]
            out["GLIBC_TUNABLES"] = ":".join([*rest, "glibc.cpu.hwcaps=" + ",".join(caps)])
    return out


def _union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    """The names of ``first`` then those of ``second`` not in it, once each."""
    return list(dict.fromkeys([*first, *second]))


def pinned_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of ``env`` (default ``os.environ``) with :func:`pins` set and :data:`PINNED_MARK`; as it is if
    ``env`` sets :data:`PIN_ENV` to ``0``.

    >>> pinned_environment({"TEXTLAB_PIN": "0", "OMP_NUM_THREADS": "8"})
    {'TEXTLAB_PIN': '0', 'OMP_NUM_THREADS': '8'}
    """
    env = dict(os.environ if env is None else env)
    if env.get(PIN_ENV, "").strip() == "0":
        return env
    env.update(pins(env))
    env[PINNED_MARK] = "1"
    return env


def is_pinned(env: Mapping[str, str] | None = None) -> bool:
    """Whether ``env`` (default ``os.environ``) is already a :func:`pinned_environment` (or asks for no pins)."""
    env = os.environ if env is None else env
    return env.get(PINNED_MARK) == "1" or env.get(PIN_ENV, "").strip() == "0"


def run_pinned(argv: Sequence[str]) -> None:
    """Start this program again as ``python argv...`` in the :func:`pinned_environment`, unless it already runs in one.

    The pinned variables are read when numpy, OpenBLAS and glibc load, before a program's first line runs, so the
    only way to apply them is a new process: it replaces this one (``os.execve``) and never returns. Where
    processes cannot be replaced (Windows) or the environment is pinned already (or ``TEXTLAB_PIN=0``), nothing
    happens and the call returns.
    """
    if is_pinned() or os.name != "posix":
        return
    env = pinned_environment()
    log.info("restarting with the pinned environment: %s", ", ".join(f"{k}={env[k]}" for k in sorted(pins(env))))
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *argv], env)  # pragma: no cover - replaces the process


def stored_number(x: float, digits: int = STORED_DIGITS) -> float:
    """``x`` rounded to ``digits`` significant digits (the precision of stored numbers); nan and inf unchanged.

    >>> stored_number(2 / 3), stored_number(-0.0), stored_number(123456789.0, 3)
    (0.666667, 0.0, 123000000.0)
    """
    if digits < 1:
        raise ValueError(f"digits must be at least 1, got {digits!r}")
    if not math.isfinite(x) or x == 0:
        return x + 0.0
    return float(f"{x:.{digits - 1}e}") + 0.0
