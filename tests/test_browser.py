"""Both HTML reports in a real browser: headless Chromium loads them from disk, with no console
errors and no network request, the dashboard's filters work, and a screenshot of each is taken.

Driven over the DevTools protocol (websocket-client).  Skipped, with the reason, when Chromium or
websocket-client is not installed.  IDM_UPDATE_SCREENSHOTS=1 copies the screenshots to docs/.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

import pytest

import cli

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), shutil.which("chromium"),
                             "/usr/bin/chromium", shutil.which("chromium-browser"))
                 if p and os.path.exists(p)), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--remote-debugging-port=0"]
DATE = "2026-11-22"


class Browser:
    """One Chromium process and one page session over the DevTools protocol."""

    def __init__(self) -> None:
        import websocket
        self.profile = tempfile.mkdtemp(prefix="idm-chromium-")
        self.proc = subprocess.Popen([CHROMIUM] + FLAGS + ["--user-data-dir=" + self.profile,
                                                           "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 60
        while not (os.path.exists(port_file) and len(open(port_file).read().split()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port, path = open(port_file).read().split()[:2]
        self.ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path), timeout=60)
        self.next_id = 0
        self.events: list = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=1280, height=1500,
                  deviceScaleFactor=1, mobile=False)

    def call(self, method: str, session: bool = False, **params) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("1")   # drain events queued during the load

    def evaluate(self, expression: str):
        res = self.call("Runtime.evaluate", session=True, expression=expression,
                        returnByValue=True)
        if "exceptionDetails" in res:
            raise AssertionError("script error: %s" % res["exceptionDetails"])
        return res["result"].get("value")

    def screenshot(self, path: str) -> None:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(data))

    def problems(self, page_url: str) -> list:
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append("exception: %s" % p["exceptionDetails"])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console.%s: %s" % (p["type"], p.get("args")))
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append("log: %s" % p["entry"].get("text"))
            elif m == "Network.requestWillBeSent" and p["request"]["url"].split("#")[0] != page_url:
                out.append("request: %s" % p["request"]["url"])
            elif m == "Network.loadingFailed":
                out.append("failed: %s" % p.get("errorText"))
        return out

    def close(self) -> None:
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); "
                    "the browser test of the HTML reports needs it")
    pytest.importorskip("websocket", reason="websocket-client is not installed "
                                            "(pip install -e '.[test]')")
    b = Browser()
    yield b
    b.close()


def _keep(shot: str, name: str) -> None:
    if os.environ.get("IDM_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, os.path.join(ROOT, "docs", name))


def _report(tmp_path, monkeypatch, args) -> str:
    monkeypatch.chdir(ROOT)
    out = str(tmp_path / ("%s.html" % args[0]))
    code = cli.run(args + ["--output", out, "--date", DATE])
    assert code in (0, 1), code
    return out


def test_initiative_report_in_chromium(browser, tmp_path, monkeypatch):
    path = _report(tmp_path, monkeypatch, ["check", "examples/clean.yaml",
                                           "examples/with-findings.yaml",
                                           "examples/early-phase.yaml", "--format", "html"])
    url = "file://" + path
    browser.open(url)
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate("document.querySelectorAll('svg.ring').length") == 3
    # the ring's text really renders: the legacy label has a size on screen
    assert browser.evaluate("document.querySelector('svg.ring textPath').getComputedTextLength()"
                            ) > 20
    browser.evaluate("document.getElementById('ini-ini-2026-031').scrollIntoView()")
    shot = str(tmp_path / "initiative.png")
    browser.screenshot(shot)
    assert os.path.getsize(shot) > 10000
    assert browser.problems(url) == []
    _keep(shot, "report-initiative.png")


def test_portfolio_dashboard_in_chromium(browser, tmp_path, monkeypatch):
    path = _report(tmp_path, monkeypatch, ["report", "examples/portfolio"])
    url = "file://" + path
    browser.open(url)
    # the script shows the filters and counts the rows
    assert browser.evaluate("document.getElementById('filters').hidden") is False
    visible = ("Array.from(document.querySelectorAll('#matrix tbody tr'))"
               ".filter(r => !r.hidden).map(r => r.dataset.id)")
    assert len(browser.evaluate(visible)) == 7
    browser.evaluate("(function(){var f=document.getElementById('filters');"
                     "f.phase.value='foundation';f.dispatchEvent(new Event('change'));})()")
    assert browser.evaluate(visible) == ["RIV-2026-002", "RIV-2026-006"]
    browser.evaluate("(function(){var f=document.getElementById('filters');f.phase.value='';"
                     "f.severity.value='error';f.sort.value='error';"
                     "f.dispatchEvent(new Event('change'));})()")
    assert browser.evaluate(visible) == ["RIV-2026-005", "RIV-2026-007"]
    browser.evaluate("(function(){var f=document.getElementById('filters');f.severity.value='';"
                     "f.sort.value='id';f.dispatchEvent(new Event('change'));window.scrollTo(0,0);"
                     "})()")
    assert len(browser.evaluate(visible)) == 7
    shot = str(tmp_path / "portfolio.png")
    browser.screenshot(shot)
    assert os.path.getsize(shot) > 10000
    assert browser.problems(url) == []
    _keep(shot, "report-portfolio.png")
