"""Static slider frames: how fast each figure renders, old widgets code against new, and what changed.

    python benchmarks/frames.py                  # every chapter, new code and the previous widgets.py
    python benchmarks/frames.py --old REF        # compare with widgets.py as it was at git REF
    python benchmarks/frames.py --compare        # also rasterise changed frames in Chromium and diff them
    python benchmarks/frames.py --chapters book/linear-algebra/vectors.md

Each chapter's code cells run in a fresh process, as the build runs them
(``MMLBOOK_STATIC=1``), once with the package as it is and once with only
``widgets.py`` replaced by the version at REF (default: the commit before
widgets.py last changed), so nothing but the frame code differs. Every
``widgets.interact`` call is timed and its frames are written out; with
``--compare`` frames that are not byte-identical are drawn by Debian's
Chromium and compared pixel by pixel.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_chapter(chapter: Path, out: Path) -> dict:
    """In this process: run the chapter's code cells, timing and saving every slider's frames."""
    os.environ["MMLBOOK_STATIC"] = "1"
    import matplotlib

    matplotlib.use("Agg")
    import jupytext
    from IPython.core.interactiveshell import InteractiveShell

    from mmlbook import widgets

    sliders, original = [], widgets.interact

    def timed(draw, specs, **kwargs):
        start = time.perf_counter()
        shown = original(draw, specs, **kwargs)
        seconds = time.perf_counter() - start
        fmt = kwargs.get("fmt", "svg")
        for i, (data, _alt) in enumerate(shown.frames):
            (out / f"{len(sliders)}-{i:03d}.{fmt}").write_bytes(data)
        sliders.append({"names": [s.label for s in specs.values()], "frames": len(shown.frames),
                        "seconds": seconds})
        return shown

    widgets.interact = timed
    os.chdir(chapter.parent)
    shell = InteractiveShell.instance()
    start = time.perf_counter()
    for cell in jupytext.read(chapter).cells:
        if cell.cell_type == "code":
            result = shell.run_cell(cell.source, silent=True)
            if not result.success:
                raise RuntimeError(f"{chapter.name}: a cell failed: {result.error_in_exec or result.error_before_exec}")
    return {"chapter": chapter.name, "seconds": time.perf_counter() - start, "sliders": sliders}


def old_package(ref: str, into: Path) -> Path:
    """A copy of code/ whose widgets.py is the one at ``ref``."""
    shutil.copytree(ROOT / "code", into, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    old = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:code/mmlbook/widgets.py"],
                         check=True, capture_output=True, text=True).stdout
    (into / "mmlbook" / "widgets.py").write_text(old, encoding="utf-8")
    return into


def default_ref() -> str:
    last = subprocess.run(["git", "-C", str(ROOT), "log", "-n", "1", "--format=%H", "--",
                           "code/mmlbook/widgets.py"], check=True, capture_output=True, text=True).stdout.strip()
    return f"{last}~1"


def measure(chapter: Path, code: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"PYTHONPATH": str(code)}
    result = subprocess.run([sys.executable, __file__, "--worker", str(chapter), "--out", str(out)],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{chapter}: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def rasterise(paths: list[Path]) -> dict[Path, object]:
    """Each SVG drawn by Chromium at 1 CSS px per SVG px, as a NumPy array."""
    import io

    import numpy as np
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from tests.prepare import find_chromium
    from tests.site.conftest import CHROMIUM_ARGS

    pictures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for path in paths:
            if path.suffix == ".png":
                pictures[path] = np.asarray(Image.open(path).convert("RGB"), dtype=int)
                continue
            page.goto(path.as_uri())
            png = page.locator("svg").first.screenshot()
            pictures[path] = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
        browser.close()
    return pictures


def compare(old: Path, new: Path) -> dict:
    names = sorted(p.name for p in new.iterdir())
    same = [n for n in names if (old / n).read_bytes() == (new / n).read_bytes()]
    changed = [n for n in names if n not in same]
    report = {"frames": len(names), "byte_identical": len(same), "changed": len(changed),
              "size_differs": [], "max_pixel_difference": 0, "pixels_over_64": 0.0}
    if not changed:
        return report
    pictures = rasterise([old / n for n in changed] + [new / n for n in changed])
    for n in changed:
        a, b = pictures[old / n], pictures[new / n]
        if a.shape != b.shape:
            report["size_differs"].append(f"{n}: {a.shape[1]}x{a.shape[0]} -> {b.shape[1]}x{b.shape[0]}")
            continue
        difference = abs(a - b).max(axis=2)
        report["max_pixel_difference"] = max(report["max_pixel_difference"], int(difference.max()))
        report["pixels_over_64"] = max(report["pixels_over_64"], float((difference > 64).mean()))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--old", help="git ref whose widgets.py is the baseline")
    parser.add_argument("--chapters", nargs="*", type=Path)
    parser.add_argument("--compare", action="store_true", help="rasterise and diff the frames that changed")
    parser.add_argument("--keep", type=Path, help="copy the old and new frames into this folder to look at")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_chapter(Path(args.worker).resolve(), args.out.resolve())))
        return

    from tests import booksource

    chapters = args.chapters or [ROOT / f"{name}.md" for name in booksource.toc_docnames(ROOT)
                                 if (ROOT / f"{name}.md").is_file()
                                 and booksource.is_notebook(ROOT / f"{name}.md")]
    ref = args.old or default_ref()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old_code = old_package(ref, tmp / "old-code")
        print(f"old: widgets.py at {ref}; new: the working tree. Seconds for every frame of a figure.\n")
        print(f"{'chapter':28s} {'figure':>6s} {'frames':>6s} {'old s':>7s} {'new s':>7s} {'old fps':>8s} "
              f"{'new fps':>8s} {'speed-up':>8s}")
        totals = {"old": 0.0, "new": 0.0, "frames": 0, "old_chapter": 0.0, "new_chapter": 0.0}
        comparisons = []
        for chapter in chapters:
            chapter = chapter.resolve()
            old = measure(chapter, old_code, tmp / "old" / chapter.stem)
            new = measure(chapter, ROOT / "code", tmp / "new" / chapter.stem)
            totals["old_chapter"] += old["seconds"]
            totals["new_chapter"] += new["seconds"]
            for k, (a, b) in enumerate(zip(old["sliders"], new["sliders"])):
                totals["old"] += a["seconds"]
                totals["new"] += b["seconds"]
                totals["frames"] += b["frames"]
                print(f"{chapter.stem:28s} {k + 1:6d} {b['frames']:6d} {a['seconds']:7.2f} {b['seconds']:7.2f} "
                      f"{a['frames'] / a['seconds']:8.1f} {b['frames'] / b['seconds']:8.1f} "
                      f"{a['seconds'] / b['seconds']:7.1f}x")
            if args.compare:
                comparisons.append((chapter.stem, compare(tmp / "old" / chapter.stem, tmp / "new" / chapter.stem)))
        print(f"{'all frames':28s} {'':6s} {totals['frames']:6d} {totals['old']:7.2f} {totals['new']:7.2f} "
              f"{totals['frames'] / totals['old']:8.1f} {totals['frames'] / totals['new']:8.1f} "
              f"{totals['old'] / totals['new']:7.1f}x")
        print(f"\nall code cells of the chapters: old {totals['old_chapter']:.1f} s, new {totals['new_chapter']:.1f} s")
        if args.keep:
            shutil.copytree(tmp / "old", args.keep / "old", dirs_exist_ok=True)
            shutil.copytree(tmp / "new", args.keep / "new", dirs_exist_ok=True)
        for stem, report in comparisons:
            print(f"\n{stem}: {json.dumps(report, indent=1)}")


if __name__ == "__main__":
    main()
