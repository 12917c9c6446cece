"""Count what each chapter holds: prose, cells, hidden asserts, sliders, frames, exercises, checkers.

    python benchmarks/census.py          # a Markdown table, one row per chapter, and the book's totals

Frames are counted in the built site (``_build/html``) when there is one; checker tests are the
tests pytest collects from ``tests/unit/test_check_<module>.py`` for each checker module a chapter uses.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "code")]

from mmlbook import check  # noqa: E402
from tests.booksource import census, is_notebook, toc_docnames  # noqa: E402


def checker_tests() -> Counter:
    """Collected tests per checker module, from ``pytest --collect-only``."""
    # this checkout's mmlbook, whatever the environment has installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "code"), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0",
                          *map(str, sorted((ROOT / "tests" / "unit").glob("test_check_*.py")))],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    return Counter(re.findall(r"test_check_(\w+)\.py::", out))


def frames(chapter: str) -> int | None:
    page = ROOT / "_build" / "html" / f"{chapter}.html"
    if not page.exists():
        return None
    return len(set(re.findall(r"sliders/[0-9a-f]+\.(?:svg|png)", page.read_text(encoding="utf-8"))))


def main() -> None:
    tests = checker_tests()
    rows, totals = [], Counter()
    chapters = [c for c in toc_docnames() if is_notebook(ROOT / f"{c}.md")]
    for number, chapter in enumerate(chapters, 1):
        counts = census(chapter)
        modules = sorted({getattr(check, name).__module__.rsplit(".", 1)[1] for name in counts.checkers
                          if name in check.__all__})
        row = {"words": counts.words, "code cells": counts.code_cells, "hidden asserts": counts.hidden_asserts,
               "slider figures": len(counts.sliders_per_figure), "sliders": sum(counts.sliders_per_figure),
               "frames": frames(chapter) or 0, "exercises": len(counts.exercises),
               "checkers": sum(name in check.__all__ for name in counts.checkers),
               "checker tests": sum(tests[m] for m in modules)}
        totals.update(row)
        rows.append((f"{number} `{chapter.rsplit('/', 1)[1]}`", row))
    keys = list(rows[0][1])
    print("| chapter | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, row in rows + [("**book**", totals)]:
        print(f"| {name} | " + " | ".join(f"{row[k]:,}" for k in keys) + " |")


if __name__ == "__main__":
    main()
