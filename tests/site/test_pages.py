"""Every page of _toc.yml in headless Chromium, offline.

Each page is loaded once (``visit``) and checked for: HTTP 200, no request leaving
127.0.0.1, no console error, typeset math (MathJax served from ``_static/mathjax/``),
and no axe-core WCAG 2.0/2.1 A/AA violation. The sliders are then driven by keyboard
and mouse on a fresh load of each page that has them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.site

AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Violations in markup we do not write, excluded one rule on one kind of element at a time.
# Anything else, and these rules anywhere else, still fail.
AXE_EXCLUSIONS = [
    # pydata-sphinx-theme 0.17 search button: aria-label "Search" but visible text
    # "Search Ctrl+K", so the name does not contain the visible label.
    ("label-content-name-mismatch", "button.search-button__button[aria-label='Search']"),
    # pydata-sphinx-theme 0.17 colour-mode button: aria-label "Color mode" around icon glyphs.
    ("label-content-name-mismatch", "button.theme-switch-button[aria-label='Color mode']"),
    # myst-nb 1.4's hide-input / hide-output cells: <summary aria-label="Toggle hidden content">
    # around the visible "Show code cell source" (myst_nb/sphinx_.py, visit_HideCellInput).
    ("label-content-name-mismatch", "details.hide > summary[aria-label='Toggle hidden content']"),
    # docutils 0.21's HTML writer (citations: the bibliography page) marks each entry
    # role="doc-biblioentry", deprecated in DPUB-ARIA 1.1 ...
    ("aria-deprecated-role", "div.citation[role='doc-biblioentry']"),
    # ... so its wrapper <div role="list"> holds no listitem in axe's eyes.
    ("aria-required-children",
     "div.citation-list[role='list']:has(> div.citation[role='doc-biblioentry'])"),
]

MATH_STATE_JS = """() => {
  const math = [...document.querySelectorAll('.math')];
  return {
    mathjax: [...document.querySelectorAll('script[src*="mathjax"]')].map(s => s.src),
    loaded: !!(window.MathJax && MathJax.startup && MathJax.version),
    containers: document.querySelectorAll('mjx-container').length,
    math: math.length,
    untypeset: math.filter(el => !el.querySelector('mjx-container'))
                   .map(el => el.textContent.trim().slice(0, 80)),
    errors: [...document.querySelectorAll('mjx-merror')]
              .map(el => el.getAttribute('data-mjx-error') || el.textContent),
    // MathJax's noundefined extension shows an unknown macro as red text.
    undefined: [...document.querySelectorAll('mjx-mtext[style*="color: red"]')].length,
  };
}"""

AXE_RUN_JS = """async ([tags, exclusions]) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const excluded = (rule, node) => {
    const el = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
    return exclusions.some(([id, selector]) => id === rule && el !== null && el.matches(selector));
  };
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.filter(n => !excluded(v.id, n))
                  .map(n => ({target: n.target.join(' >>> '), html: n.html.slice(0, 160)})),
  })).filter(v => v.nodes.length > 0);
}"""


class Visit:
    """One load of a page, with everything the per-page tests look at."""

    def __init__(self, probe, docname: str):
        try:
            response = probe.goto(docname)
            self.status = response.status if response else None
            page = probe.page
            # MathJax is deferred: it exists at "load"; its startup promise ends the first typeset.
            page.evaluate("""async () => {
              if (window.MathJax && MathJax.startup) {
                await Promise.race([MathJax.startup.promise, new Promise(r => setTimeout(r, 20000))]);
              }}""")
            # Generous: with every core busy (xdist workers, kernels) a long page took over 15 s here.
            page.wait_for_load_state("networkidle", timeout=90_000)
            self.math = page.evaluate(MATH_STATE_JS)
            page.add_script_tag(path=str(AXE_JS))
            self.violations = page.evaluate(AXE_RUN_JS, [AXE_TAGS, AXE_EXCLUSIONS])
        finally:
            probe.close()
        self.blocked, self.console_errors = probe.blocked, probe.console_errors
        self.bad_responses = probe.bad_responses


@pytest.fixture(scope="session")
def visit(make_probe):
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `python tests/prepare.py` (it runs npm ci --prefix tests)",
                    pytrace=False)
    visits: dict[str, Visit] = {}

    def get(docname: str) -> Visit:
        if docname not in visits:
            visits[docname] = Visit(make_probe(), docname)
        return visits[docname]

    return get


def test_page_loads(visit, docname):
    page = visit(docname)
    assert page.status == 200, f"{docname}.html answered {page.status}"
    assert not page.bad_responses, "failed local requests:\n" + "\n".join(page.bad_responses)


def test_no_request_leaves_the_machine(visit, docname):
    blocked = visit(docname).blocked
    assert not blocked, f"{docname}.html asked for {len(blocked)} non-local URL(s):\n" + "\n".join(blocked)


def test_no_console_errors(visit, docname):
    errors = visit(docname).console_errors
    assert not errors, f"{docname}.html logged {len(errors)} error(s):\n" + "\n".join(errors)


def test_math_is_typeset(visit, book, docname):
    math = visit(docname).math
    if not (book.has_math(docname) or math["math"]):
        return  # nothing to typeset on this page
    assert math["mathjax"] and all("/_static/mathjax/" in src for src in math["mathjax"]), (
        f"MathJax should come from the site's own _static/mathjax/, got {math['mathjax']}")
    assert math["loaded"], "MathJax did not start"
    assert math["math"], f"{docname}'s source has math but the page has no .math element"
    assert math["containers"] > 0, "MathJax typeset nothing"
    assert not math["untypeset"], f"math left as TeX: {math['untypeset'][:5]}"
    assert not math["errors"], f"TeX errors: {math['errors'][:5]}"
    assert not math["undefined"], f"{math['undefined']} undefined TeX macro(s) shown in red"


def test_accessibility(visit, docname):
    violations = visit(docname).violations
    if violations:
        lines = [f"{docname}.html: {len(violations)} axe-core violation(s) ({', '.join(AXE_TAGS)}):"]
        for v in violations:
            lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({len(v['nodes'])} element(s))")
            lines += [f"    {n['target']}  {n['html']}" for n in v["nodes"][:3]]
            lines.append(f"    see {v['helpUrl']}")
        pytest.fail("\n".join(lines), pytrace=False)


# Anything a reader could take for a search box: the themes' search fields and search buttons.
SEARCH_CONTROLS = "input[type='search'], .search-button__button, .search-button-field"


@pytest.mark.parametrize("width", [1400, 800])
def test_one_search_box(open_page, width):
    """One visible way to search at desktop and at tablet width (the themes once showed two)."""
    probe = open_page()
    probe.page.set_viewport_size({"width": width, "height": 900})
    probe.goto("book/linear-algebra/vectors")
    controls = probe.page.locator(SEARCH_CONTROLS)
    visible = [controls.nth(i).evaluate("e => e.outerHTML.slice(0, 100)")
               for i in range(controls.count()) if controls.nth(i).is_visible()]
    assert len(visible) == 1, f"{len(visible)} visible search controls at {width} px:\n" + "\n".join(visible)


# --------------------------------------------------------------------------- sliders

SLIDER_STATE_JS = """(root, input) => {
  const img = root.querySelector('img.mmlbook-slider-frame');
  const data = JSON.parse(root.querySelector('script.mmlbook-slider-data').textContent);
  const inputs = [...root.querySelectorAll('input[type=range]')];
  // Row-major frame index, the last slider varying fastest (mmlbook.widgets).
  let index = 0;
  inputs.forEach((el, k) => { index = index * data.shape[k] + Number(el.value); });
  const output = root.querySelector(`output[for="${input.id}"]`);
  return {
    id: input.id, value: Number(input.value), min: Number(input.min), max: Number(input.max),
    labels: [...input.labels].filter(l => l.htmlFor === input.id).map(l => l.textContent.trim()),
    valueLabels: JSON.parse(input.dataset.labels || '[]'),
    valuetext: input.getAttribute('aria-valuetext'),
    output: output ? output.textContent : null,
    src: img.getAttribute('src'), alt: img.getAttribute('alt'),
    expected: data.frames[index], focused: document.activeElement === input,
  };
}"""

IMAGE_LOADED_JS = """async (img) => {
  try { await img.decode(); } catch (e) { return {ok: false, why: String(e), src: img.currentSrc}; }
  const wanted = new URL(img.getAttribute('src'), document.baseURI).href;
  return {ok: img.complete && img.naturalWidth > 0 && img.currentSrc === wanted,
          why: `complete=${img.complete} naturalWidth=${img.naturalWidth}`, src: img.currentSrc};
}"""


def _check_state(state: dict, where: str) -> None:
    """The frame, the readout and aria-valuetext agree with the input's value."""
    shown = state["valueLabels"][state["value"]]
    assert state["output"] == shown, f"{where}: <output> shows {state['output']!r}, value is {shown!r}"
    assert state["valuetext"] == shown, f"{where}: aria-valuetext {state['valuetext']!r} != {shown!r}"
    assert state["src"] == state["expected"]["src"], (
        f"{where}: frame {state['src']} is not the one for these values ({state['expected']['src']})")
    assert state["alt"] == state["expected"]["alt"], f"{where}: alt {state['alt']!r} is stale"


def _moved(page, img, before: dict, where: str) -> None:
    """Wait until the frame changed, then check it loaded."""
    try:
        page.wait_for_function("([img, old]) => img.getAttribute('src') !== old",
                               arg=[img, before["src"]], timeout=5_000)
    except Exception:  # playwright's TimeoutError
        pytest.fail(f"{where}: the frame did not change (src stays {before['src']})", pytrace=False)
    loaded = img.evaluate(IMAGE_LOADED_JS)
    assert loaded["ok"], f"{where}: the new frame {loaded['src']} did not load ({loaded['why']})"


def _drive(page, root, img, field, where: str) -> None:
    """Move one range input by keyboard, then by mouse; each move must show its own frame."""
    state = root.evaluate(SLIDER_STATE_JS, field)
    assert state["labels"] and state["labels"][0], f"{where}: no <label for={state['id']}> with text"
    assert state["alt"] and state["alt"].strip(), f"{where}: the frame has no alt text"
    assert state["output"] is not None, f"{where}: no <output for={state['id']}>"
    _check_state(state, f"{where} (initial)")

    # Keyboard: one step towards the end that has room.
    key = "ArrowRight" if state["value"] < state["max"] else "ArrowLeft"
    field.focus()
    page.keyboard.press(key)
    _moved(page, img, state, f"{where}, {key}")
    after = root.evaluate(SLIDER_STATE_JS, field)
    assert after["focused"], f"{where}: focus left the slider"
    assert after["value"] == state["value"] + (1 if key == "ArrowRight" else -1)
    assert after["alt"] != state["alt"], f"{where}, {key}: alt text unchanged ({after['alt']!r})"
    assert after["output"] != state["output"], f"{where}, {key}: <output> unchanged"
    _check_state(after, f"{where}, {key}")

    # Mouse: drag the thumb to the far end of the track.
    state = after
    low, high = state["min"], state["max"]
    target = low if state["value"] > (low + high) / 2 else high
    field.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = field.bounding_box()
    y = box["y"] + box["height"] / 2
    inset = min(8, box["width"] / 4)  # about half a thumb: then the ends map to min and max

    def x_of(value):
        return box["x"] + inset + (box["width"] - 2 * inset) * (value - low) / (high - low)

    page.mouse.move(x_of(state["value"]), y)
    page.mouse.down()
    page.mouse.move(x_of(target), y, steps=8)
    page.mouse.up()
    _moved(page, img, state, f"{where}, mouse drag")
    after = root.evaluate(SLIDER_STATE_JS, field)
    assert after["value"] == target, f"{where}: dragged to {after['value']}, not to {target}"
    assert after["alt"] != state["alt"], f"{where}, mouse drag: alt text unchanged"
    assert after["output"] != state["output"], f"{where}, mouse drag: <output> unchanged"
    _check_state(after, f"{where}, mouse drag")


def test_sliders(open_page, book, docname):
    """Every range input of every .mmlbook-slider moves its frame by keyboard and by mouse."""
    html = book.page(docname)
    expects_sliders = book.has_interact_call(docname)
    if not expects_sliders and html.is_file() and 'class="mmlbook-slider"' not in html.read_text(encoding="utf-8"):
        return  # no slider on this page
    probe = open_page()
    page = probe.page
    assert probe.goto(docname).status == 200
    # What the page does on load is test_page_loads' business; here, what moving sliders does.
    loaded = probe.mark()
    sliders = page.locator(".mmlbook-slider")
    if expects_sliders:
        assert sliders.count() > 0, (f"{docname} calls widgets.interact but the page has no "
                                     ".mmlbook-slider: static mode did not kick in")
    for i in range(sliders.count()):
        root = sliders.nth(i).element_handle()
        img = root.query_selector("img.mmlbook-slider-frame")
        inputs = root.query_selector_all("input[type=range]")
        assert img is not None and inputs, f"slider {i} of {docname} lacks its image or its inputs"
        assert img.evaluate(IMAGE_LOADED_JS)["ok"], f"slider {i} of {docname}: first frame did not load"
        for k, field in enumerate(inputs):
            _drive(page, root, img, field, f"{docname}, slider {i}, input {k}")
    problems = probe.problems(since=loaded)
    assert not problems, f"while moving the sliders of {docname}:\n{problems}"


def test_pruned_mathjax_still_loads_what_a_page_can_ask_for(open_page, book):
    """mmlbook.sphinxext prunes the offline MathJax: a TeX extension that autoload fetches,
    the SVG renderer of the menu, and the menu's accessibility explorer must all still load."""
    docname = next(name for name in book.pages if book.has_math(name))
    probe = open_page()
    assert probe.goto(docname).status == 200
    loaded = probe.mark()
    outcome = probe.page.evaluate("""async () => {
        await MathJax.startup.promise;
        try {
            await MathJax.loader.load('[tex]/boldsymbol', 'output/svg', 'a11y/explorer');
            return 'ok';
        } catch (error) { return String(error); }
    }""")
    assert outcome == "ok", f"MathJax could not load a component from the pruned package: {outcome}"
    problems = probe.problems(since=loaded)
    assert not problems, f"while MathJax loaded its components:\n{problems}"
