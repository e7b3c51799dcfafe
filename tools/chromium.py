"""Headless Chromium driven over the DevTools protocol (websocket-client): the browser test of
the HTML reports and tools/screenshots.py both use it.  Chromium comes from the distribution
(Debian: apt-get install chromium); nothing is downloaded."""
from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from typing import Optional

CHROMIUM: Optional[str] = next((p for p in (os.environ.get("CHROMIUM"), shutil.which("chromium"),
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
        self.ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path), timeout=60,
                                             suppress_origin=True)
        self.next_id = 0
        self.events: list = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable", session=True)
        self.viewport(1280, 1500)

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Emulate a screen `width` CSS pixels wide (a phone: mobile=True)."""
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width,
                  height=height, deviceScaleFactor=1, mobile=mobile)

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

    def pdf(self, path: str) -> bytes:
        """Print the page as the stylesheet's @page asks (A4), without the browser's own
        header and footer; returns the PDF and writes it to `path`."""
        # as a stream read in chunks: a PDF of hundreds of pages is too big for one message
        stream = self.call("Page.printToPDF", session=True, preferCSSPageSize=True,
                           printBackground=True, displayHeaderFooter=False,
                           transferMode="ReturnAsStream")["stream"]
        chunks = []
        while True:
            part = self.call("IO.read", session=True, handle=stream, size=4 << 20)
            chunks.append(base64.b64decode(part["data"]) if part.get("base64Encoded")
                          else part["data"].encode("latin-1"))
            if part.get("eof"):
                break
        self.call("IO.close", session=True, handle=stream)
        data = b"".join(chunks)
        with open(path, "wb") as fh:
            fh.write(data)
        return data

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


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF Chromium wrote (its page tree names each page once as /Type /Page)."""
    import re
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
