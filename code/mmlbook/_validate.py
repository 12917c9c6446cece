"""Argument checks shared by every public function.

A learner who passes the wrong thing should read which argument is wrong and
what was expected, not a NumPy traceback from three calls deeper.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np


def as_array(name: str, value: Any, *, ndim: int | tuple[int, ...] | None = None,
             shape: tuple[int | None, ...] | None = None, finite: bool = True,
             allow_empty: bool = False) -> np.ndarray:
    """Return ``value`` as a float array, or raise naming ``name``.

    Complex input is refused (TypeError) rather than cast: NumPy's cast would
    drop the imaginary parts with only a warning.

    ``ndim`` is the allowed number of dimensions (an int or a tuple of ints);
    ``shape`` fixes some axes (``None`` leaves an axis free).
    """
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, (dict, set)):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:  # ragged nested lists
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from exc
    if raw.dtype.kind == "c":
        # NumPy's complex -> float cast only warns and drops the imaginary part: refuse it instead.
        raise TypeError(f"{name} must hold real numbers, got complex entries (dtype {raw.dtype}); "
                        "the imaginary parts would be silently dropped")
    try:
        array = raw.astype(float)
    except (TypeError, ValueError) as exc:  # strings, objects, Python complex inside an object array
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}") from exc
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            expected = " or ".join(str(n) for n in allowed)
            raise ValueError(f"{name} must have {expected} dimension(s), got shape {array.shape}")
    if shape is not None:
        if array.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, array.shape)):
            wanted = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must have shape {wanted}, got {array.shape}")
    if not allow_empty and array.size == 0:
        raise ValueError(f"{name} must not be empty")
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return array


def as_number(name: str, value: Any, *, low: float | None = None, high: float | None = None,
              low_open: bool = False, integer: bool = False) -> float:
    """Return ``value`` as a finite float (or int) within bounds, or raise naming ``name``."""
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        wanted = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {wanted}, got {type(value).__name__}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if low is not None and (value <= low if low_open else value < low):
        raise ValueError(f"{name} must be {'>' if low_open else '>='} {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}, got {value}")
    return int(value) if integer else float(value)


def as_callable(name: str, value: Any) -> Any:
    """Return ``value`` if it can be called, or raise naming ``name``."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {type(value).__name__}")
    return value
