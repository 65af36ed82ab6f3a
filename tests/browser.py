"""Headless Chromium driven through the DevTools protocol: load pages, read console errors,
press keys, change the window size, take screenshots. Needs only the system's Chromium
(Debian: ``apt-get install chromium``) and websocket-client."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

# site.css gives boxes that scroll sideways a shadow at the hidden edge (a gradient): axe cannot
# judge text over it, so it goes before axe runs. At its darkest, 20 % black, --muted text still
# has 4.6:1.
SHADOWED = ".scroll, figure.chart .view[data-view=table]"
UNJUDGED = ["bgGradient", "bgImage"]  # axe's reasons for leaving a text's contrast unjudged
# A long table's cells mostly look alike, and axe's contrast check costs about 0.5 ms a cell
# (9,000 cells on story 06 with every chart on its table). This marks each text-only cell that
# looks like one before it in the same table: the same row, row group and cell backgrounds,
# colour, font, opacity, shadow, classes, lang and visibility. Only the contrast check skips
# them; every other rule sees every cell.
ALIKE = """(() => {
  document.querySelectorAll('[data-axe-alike]').forEach(e => e.removeAttribute('data-axe-alike'));
  const looks = (e) => { const s = getComputedStyle(e);
    return [s.color, s.backgroundColor, s.font, s.opacity, s.textShadow, s.visibility]; };
  document.querySelectorAll('table').forEach(table => {
    const seen = new Set();
    table.querySelectorAll('td, th').forEach(cell => {
      if (cell.children.length) return;
      const row = cell.parentElement;
      const key = JSON.stringify([cell.tagName, cell.className, row.className, cell.lang, row.lang,
        looks(cell), looks(row), looks(row.parentElement), cell.getClientRects().length > 0]);
      if (seen.has(key)) cell.setAttribute('data-axe-alike', ''); else seen.add(key);
    });
  });
})()"""
# What is not shown — the contents of a closed <details> (the folded code: thousands of
# highlighted words on a story) and of a hidden tab panel (a chart's reader table) — axe leaves
# out, yet it walks every element to find that out: 90 % of its time on story 06. They go out of
# the page while axe runs and come back after, in their places. (Of the rules axe also applies
# to hidden content, none reported anything there: duplicate-id-aria says only "needs review",
# which is not read here.) As a reader who opens them gets them:
# test_a_chart_shows_its_table_and_the_code_unfolds.
UNSHOWN = "details:not([open]) > :not(summary), [hidden] > *"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# contrast: one cell of each look (ALIKE marks the others)
AXE_SETUP = (
    ";\naxe.configure({rules: [{id: 'color-contrast', selector: '*:not([data-axe-alike])'}]})"
)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_GET = (
    "no Chromium found for the browser test. Install it with `sudo apt-get install chromium` "
    "(Debian/Ubuntu; CI's .ci/run does this), or set $CHROMIUM to the browser's path."
)
KEYS = {  # key -> (code, Windows virtual key code), as a real keyboard sends them
    "ArrowRight": ("ArrowRight", 39),
    "ArrowLeft": ("ArrowLeft", 37),
    "PageDown": ("PageDown", 34),
    "PageUp": ("PageUp", 33),
    "Home": ("Home", 36),
    "End": ("End", 35),
    " ": ("Space", 32),
}


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


class Browser:
    """One headless Chromium with one page (tab)."""

    def __init__(self, executable: str):
        self.profile = tempfile.mkdtemp(prefix="eenz-chromium-")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--allow-file-access-from-files",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT"
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            target = json.load(answer)
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=20)
        self.next_id = 0
        self.events: list[dict] = []
        self.axe_on_new_pages = False  # axe-core (650 KB) is sent once, not with every page
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 15) -> dict:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for message in self.events:
                if message.get("method") == event:
                    self.events.remove(message)
                    return message
            self.socket.settimeout(max(0.01, end - time.monotonic()))
            try:
                self.events.append(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise TimeoutError(f"no {event} within {timeout} s")

    def open(self, url: str) -> list[str]:
        """Load a page and wait until it and its images are loaded; returns its errors."""
        self.events.clear()
        answer = self.send("Page.navigate", url=url)
        if answer.get("errorText"):
            return [f"{url}: {answer['errorText']}"]
        if answer.get("loaderId"):  # a new document (not just another #anchor on this one)
            self.wait_for("Page.loadEventFired")
        return self.loaded()

    def loaded(self) -> list[str]:
        """Wait until every image of the open page is loaded (also those a new window size
        chose); returns the page's errors so far."""
        self.evaluate(
            "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            ".then(() => Promise.all([...document.images].map(i => { i.loading = 'eager';"
            " return i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; }); })))"
        )
        return self.errors()

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads since the page was opened."""
        self.send("Runtime.evaluate", expression="0")  # collect what arrived meanwhile
        found = []
        for message in self.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                entry = params["entry"]
                found.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
        return found

    def evaluate(self, expression: str):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def axe(self, exclude_rules: tuple[str, ...] = ()) -> list[str]:
        """axe-core on the open page: one line per violation (rule, impact, first targets), and
        per text whose contrast axe could not judge because it stands on a background image or
        gradient (axe calls those "incomplete", which would otherwise pass unseen)."""
        if not self.evaluate("typeof window.axe === 'object'"):
            setup = AXE.read_text("utf-8") + AXE_SETUP
            if not self.axe_on_new_pages:  # sent once: each page opened later starts with it
                self.send("Page.addScriptToEvaluateOnNewDocument", source=setup)
                self.axe_on_new_pages = True
            self.evaluate(setup + "; 0")
        self.evaluate(  # the edge shadows of boxes that scroll would leave contrast unjudged
            f"document.querySelectorAll({json.dumps(SHADOWED)})"
            ".forEach(e => { e.style.backgroundImage = 'none'; })"
        )
        options = {"rules": {rule: {"enabled": False} for rule in exclude_rules}}
        options["resultTypes"] = ["violations", "incomplete"]  # no details of what passed
        run = (  # the unshown taken out, put back in reverse order (nested ones too), always
            f"(async () => {{ const taken = [...document.querySelectorAll({json.dumps(UNSHOWN)})]"
            ".map(e => [e, e.parentNode, e.nextSibling]); taken.forEach(([e]) => e.remove());"
            f" try {{ {ALIKE}; return await axe.run(document, {json.dumps(options)}); }}"
            " finally { taken.reverse().forEach(([e, parent, next]) => parent.insertBefore(e, next)); }"
            " })()"
        )
        found = self.evaluate(
            f"{run}.then(r => [...r.violations.map(v => "
            "`${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`),"
            " ...r.incomplete.filter(v => v.id === 'color-contrast').flatMap(v => v.nodes)"
            ".filter(n => n.any.some(a => UNJUDGED.includes(a.data?.messageKey))).slice(0, 3)"
            ".map(n => `contrast not judged (${n.any[0].data.messageKey}): ${n.target.join(' ')}`)])".replace(
                "UNJUDGED", json.dumps(UNJUDGED)
            )
        )
        return list(found)

    def size(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    def press(self, key: str) -> None:
        code, number = KEYS.get(key, (key, 0))
        common = {"key": key, "code": code, "windowsVirtualKeyCode": number}
        text = {"text": key} if len(key) == 1 else {}
        self.send("Input.dispatchKeyEvent", type="keyDown", **common, **text)
        self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    def screenshot(self, path: Path, *, full_page: bool = False) -> Path:
        shot = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            self.process.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


def screenshots(build: Path, out: Path) -> list[Path]:
    """The index, a story page and a slide at desktop (1280 px) and phone (400 px) width."""
    build, out = build.resolve(), out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    executable = find_chromium()
    if executable is None:
        raise SystemExit(HOW_TO_GET)
    story = next(iter(sorted(build.glob("01_*.html"))), build / "index.html")
    pages = {"index": "index.html", "story": story.name, "slide": f"slides-{story.stem}.html#2"}
    browser, taken = Browser(executable), []
    try:
        for width, height in ((1280, 800), (400, 800)):
            browser.size(width, height)
            for label, page in pages.items():
                name, _, anchor = page.partition("#")
                browser.open((build / name).as_uri() + (f"#{anchor}" if anchor else ""))
                taken.append(browser.screenshot(out / f"{label}-{width}.png"))
    finally:
        browser.close()
    return taken


if __name__ == "__main__":  # python -m tests.browser build build/screenshots
    import sys

    for shot in screenshots(Path(sys.argv[1]), Path(sys.argv[2])):
        print(shot)
