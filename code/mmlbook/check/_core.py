"""What every mini-project checker shares: calling the reader's code safely and reporting."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .._validate import as_callable


@dataclass(frozen=True)
class Result:
    """The verdict on a reader's function: truthy when it passed.

    Displays as one line in a notebook; ``message`` says what is wrong and how to look into it.
    """

    passed: bool
    name: str
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return f"{'✔' if self.passed else '✘'} {self.name}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        # Darker shades of the palette's green and vermillion: 5.3:1 on white (WCAG AA).
        colour = "#007A5A" if self.passed else "#B34D00"
        mark = "✔ passed" if self.passed else "✘ not yet"
        return (f'<p><strong style="color:{colour}">{mark}</strong> <code>{html.escape(self.name)}</code>: '
                f"{html.escape(self.message)}</p>")


class Failure(Exception):
    """Raised inside a checker to stop at the first problem found."""


def run(name: str, function: Any, checks: Callable[[Callable], str]) -> Result:
    """Run ``checks(function)``; a ``Failure`` it raises becomes the reader's message."""
    as_callable(name, function)
    try:
        return Result(True, name, checks(function))
    except Failure as failure:
        return Result(False, name, str(failure))


def call(function: Callable, name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the reader's function, turning an exception into a message that shows the call."""
    shown = ", ".join([_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()])
    try:
        return function(*args, **kwargs)
    except Exception as exc:  # the reader's code may raise anything; name it and the call
        raise Failure(f"{name}({shown}) raised {type(exc).__name__}: {exc}") from exc


def as_result_array(value: Any, what: str, wanted: str = "numbers") -> np.ndarray:
    """What the reader's function returned, as a float array, or a Failure naming what came back.

    ``what`` names the function, as in "normal_pdf returned None"; ``wanted`` says
    what it should return ("numbers", "a number").
    """
    if value is None:
        raise Failure(f"{what} returned None: is the return statement missing?")
    if isinstance(value, (str, bytes)):  # NumPy would happily turn "0.4" into 0.4
        raise Failure(f"{what} should return {wanted}, but it returned {type(value).__name__}")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Failure(f"{what} should return {wanted}, but it returned {type(value).__name__}") from None


def close(got: Any, wanted: Any, *, rtol: float, atol: float) -> bool:
    """Equal in shape and, within the tolerances, in value: "the same formula" for a checker.

    Each chapter's checkers pick tolerances far tighter than any mistake they name.
    """
    got, wanted = np.asarray(got, dtype=float), np.asarray(wanted, dtype=float)
    return got.shape == wanted.shape and bool(np.allclose(got, wanted, rtol=rtol, atol=atol))


def quietly(function: Callable[..., Any], *args: Any) -> Any:
    """A mistaken formula's answer, without NumPy's warnings about the overflow or 0/0 it causes."""
    with np.errstate(all="ignore"):
        return function(*args)


def _short(value: Any) -> str:
    text = np.array2string(np.asarray(value), precision=3, threshold=6) if isinstance(value, np.ndarray) else repr(value)
    return text if len(text) < 60 else text[:57] + "..."
