"""Live mode in a real JupyterLab: the same interact() call gives sliders that redraw.

The static site is tested elsewhere; here a real Jupyter server and kernel run a
notebook that uses ``mmlbook.widgets``, and headless Chromium moves a slider.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

BUILD_DIR = Path(__file__).resolve().parents[2] / "_build"

pytestmark = pytest.mark.site

NOTEBOOK_CELLS = [
    "import numpy as np\nfrom mmlbook import plotting, widgets\nfrom mmlbook.widgets import Slider",
    "def draw(k, b):\n"
    "    fig, ax = plotting.figure(width=4, height=3)\n"
    "    x = np.linspace(0, 1, 20)\n"
    "    ax.plot(x, k * x + b)\n"
    "    ax.set_ylim(-4, 8)\n"
    "    return fig\n\n"
    "widgets.interact(draw, {'k': Slider('slope k', np.arange(0, 5)), 'b': Slider('intercept b', [-1, 0, 1])},\n"
    "                 alt='line with slope {k} and intercept {b}', caption='Move k')",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "live.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k != "MMLBOOK_STATIC"}
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / ".jupyter")  # no user settings leak in
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={tmp_path}",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=open(tmp_path / "server.log", "w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("JupyterLab did not start within 60 s")
            time.sleep(0.5)
    yield base, token
    server.terminate()
    server.wait(timeout=30)


def _accept_dialog(page):
    """Accept JupyterLab's modal dialog (its kernel picker) if one is open: it blocks every click."""
    if page.locator(".jp-Dialog .jp-mod-accept").count():
        page.click(".jp-Dialog .jp-mod-accept")


def test_live_sliders_redraw_in_jupyterlab(jupyterlab, chromium):
    base, token = jupyterlab
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        # No page.route() here: intercepting JupyterLab's requests stalled its kernel connection.
        page.goto(f"{base}/lab/tree/live.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        # JupyterLab sometimes asks which kernel to start even though the notebook names one.
        # It can ask late, after the kernel shows idle, so every wait below accepts the dialog first.
        deadline = time.monotonic() + 90
        while not page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
            _accept_dialog(page)
            assert time.monotonic() < deadline, "the kernel did not become idle"
            page.wait_for_timeout(500)
        # "Idle" can show before the kernel's connection is up, and a cell run then is dropped:
        # run the first cell until its prompt shows it ran.
        first = page.locator(".jp-Notebook .jp-Cell").nth(0)
        while "[1]" not in first.locator(".jp-InputPrompt").inner_text():
            assert time.monotonic() < deadline + 90, "the first cell never ran"
            _accept_dialog(page)
            first.click()
            page.keyboard.press("Shift+Enter")
            page.wait_for_timeout(3000)
        for _ in NOTEBOOK_CELLS[1:]:
            page.keyboard.press("Shift+Enter")
        # Generous: the kernel imports matplotlib and draws while the machine may be busy.
        try:
            image = page.wait_for_selector(".jp-OutputArea img.widget-image", timeout=180_000)
        except PlaywrightTimeout:
            page.screenshot(path=str(BUILD_DIR / "jupyterlab-failure.png"))
            raise
        handles = page.locator(".widget-slider .noUi-handle")
        assert handles.count() == 2, "one live slider per Slider"
        output = page.locator(".jp-OutputArea:has(img.widget-image)")
        assert "slope k" in output.inner_text()
        before = image.get_attribute("src")
        handles.nth(0).focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("(before) => document.querySelector('.jp-OutputArea img.widget-image').src !== before",
                               arg=before, timeout=30_000)
        # The kernel sends the new image and the new description as two messages, so the browser
        # can show one before the other: give the description its own wait.
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-OutputArea')].some("
                "a => a.querySelector('img.widget-image') && a.innerText.includes('slope 3'))",
                timeout=30_000)
        except PlaywrightTimeout:
            pytest.fail(f"the description did not follow the slider: {output.inner_text()!r}")
    finally:
        context.close()
