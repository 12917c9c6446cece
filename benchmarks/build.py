"""What the book costs to build, against what any book of its shape costs.

    python benchmarks/build.py              # cold build of the book, then of its trivial twin; then frames.py
    python benchmarks/build.py --no-frames  # the two builds only

Both builds run back to back in fresh copies (no _build, so no execution
cache), with the real _config.yml and _toc.yml. The trivial twin is the same
book with every notebook chapter replaced by a one-cell notebook of the same
title: it pays for Sphinx, the theme, one kernel start per chapter and the
pages, and for nothing a chapter computes. The ratio of the two is what the
chapters' own code (mostly slider frames) costs. Per-chapter kernel times
come from the real build's log. Then ``frames.py`` times every
slider figure with the current widgets code and the previous one.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import booksource  # noqa: E402

_SKIP = shutil.ignore_patterns("_build", ".venv", "venv", "node_modules", ".git", "__pycache__", "*.egg-info")


def copy_book(into: Path) -> None:
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, into / name)
    shutil.copytree(ROOT / "book", into / "book", ignore=_SKIP)


def make_twin(book: Path) -> int:
    """Replace every notebook chapter of the copy by a one-cell notebook; return how many."""
    count = 0
    for name in booksource.toc_docnames(book):
        source = book / f"{name}.md"
        if source.is_file() and booksource.is_notebook(source):
            title = re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), re.M)
            source.write_text(booksource.one_cell_notebook(title.group(1) if title else name, 'print("one cell")'),
                              encoding="utf-8")
            count += 1
    return count


def build(book: Path) -> tuple[float, str]:
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    start = time.perf_counter()
    result = subprocess.run([str(jupyter_book), "build", str(book)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the build of {book} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return seconds, result.stdout


def execution_report(output: str) -> list[tuple[str, float]]:
    """Seconds per executed chapter, from the build's log (side by side, or myst-nb's own runs)."""
    side_by_side = re.findall(r"mmlbook: executed (\S+) in ([\d.]+) s", output)
    one_by_one = re.findall(r"(\S+)\.md: Executed notebook in ([\d.]+) seconds", output)
    return [(doc, float(t)) for doc, t in side_by_side + one_by_one]


def site_size(html: Path) -> int:
    return sum(f.stat().st_size for f in html.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-frames", action="store_true", help="skip the per-figure frame timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        real, twin = Path(tmp) / "real", Path(tmp) / "twin"
        real.mkdir()
        twin.mkdir()
        copy_book(real)
        copy_book(twin)
        chapters = make_twin(twin)
        real_seconds, real_output = build(real)
        twin_seconds, _ = build(twin)
        print(f"cold build of the book:           {real_seconds:7.1f} s   site {site_size(real / '_build' / 'html') / 1e6:.1f} MB")
        print(f"cold build of its trivial twin:   {twin_seconds:7.1f} s   ({chapters} one-cell chapters)")
        print(f"ratio:                            {real_seconds / twin_seconds:7.2f}")
        report = execution_report(real_output)
        if report:
            print("\nexecution per chapter (kernel seconds; side by side they overlap):")
            for doc, seconds in report:
                print(f"  {Path(doc).name:40s} {seconds:6.1f} s")
            print(f"  {'all chapters':40s} {sum(s for _, s in report):6.1f} s")
    if not args.no_frames:
        print()
        sys.stdout.flush()
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "frames.py")], check=True)


if __name__ == "__main__":
    main()
