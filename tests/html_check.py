#!/usr/bin/env python3
"""Render an HTML report in headless Chromium and check it (tests/it_html.sh).

usage: html_check.py CHROMIUM PAGE.html SCREENSHOT.png REPORT.json [HOSTILE...]

Chromium is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: it reads commands on fd 3 and writes replies
and events on fd 4, each a JSON text ended by a NUL byte), so no port is
opened.  It runs with everything that could reach the network switched
off (background networking, component updates, sync, default apps; every
host name resolves to nothing), a throwaway profile, and --no-sandbox
only when run as root (Chromium's sandbox refuses to start as root).

Prints one "ok - ..." or "not ok - ..." line per check:
  - the source closes every element it opens, properly nested;
  - the page loaded, and no console message, log entry or exception of
    level error (a Content-Security-Policy violation is one);
  - no request other than the page itself (and data: URLs);
  - the inline script's SHA-256 is the one the policy allows, and it ran
    (a copy button before each case draft);
  - the subject of each change of REPORT.json appears in the page's text;
  - each HOSTILE string appears in the text, and every element of the
    page is one the report writes (no element or on* attribute came from
    the data);
  - a full-page screenshot was written;
  - at a phone's width the page does not scroll sideways, and in print
    the copy buttons are hidden.
Exit status 0 when every check passed, 1 otherwise, 2 on a usage error.
Stdlib only.
"""

import base64
import fcntl
import html.parser
import hashlib
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

DEADLINE_S = 25
WIDTH = 1000
PHONE = 390

# Every element the report writes (report_rw.c, report_html.c,
# report_svg.c).  Anything else in the DOM was made by data.
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "main", "script",
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "pre", "button", "div",
    "table", "tbody", "tr", "th", "td", "span", "a", "svg", "g", "rect",
    "path", "text",
}

PROBE = r"""JSON.stringify({
  text: document.body.innerText,
  tags: Array.from(document.querySelectorAll('*'), e => e.localName),
  onattrs: Array.from(document.querySelectorAll('*')).flatMap(e =>
      Array.from(e.attributes, a => a.name)).filter(n => /^on/i.test(n)),
  scripts: Array.from(document.scripts, s => s.textContent),
  csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]')
      || {}).content || '',
  pres: document.querySelectorAll('pre.case').length,
  buttons: document.querySelectorAll('button.copy').length,
  lang: document.documentElement.lang,
  height: document.documentElement.scrollHeight
})"""


class Browser:
    """Chromium on a DevTools pipe: send() commands, collect events."""

    def __init__(self, chromium, profile):
        r_cmd, w_cmd = os.pipe()      # we write, Chromium reads (fd 3)
        r_evt, w_evt = os.pipe()      # Chromium writes (fd 4), we read
        # Park the child's ends above 10, so dup2 onto 3 and 4 is safe.
        hi_r = fcntl.fcntl(r_cmd, fcntl.F_DUPFD, 10)
        hi_w = fcntl.fcntl(w_evt, fcntl.F_DUPFD, 10)
        os.close(r_cmd)
        os.close(w_evt)

        def child():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [chromium, "--headless", "--remote-debugging-pipe",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-default-browser-check",
                "--disable-gpu", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + profile, "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self.proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=child, pass_fds=(3, 4))
        os.close(hi_r)
        os.close(hi_w)
        self.wfd = w_cmd
        self.rfd = r_evt
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + DEADLINE_S

    def _read_one(self):
        while b"\0" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.rfd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.rfd, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed the pipe (did it start?)")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.wfd, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_one()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method):
        for m in self.events:
            if m.get("method") == method:
                return m
        while True:
            m = self._read_one()
            self.events.append(m)
            if m.get("method") == method:
                return m

    def settle(self, seconds):
        """Collect events for a while (late console messages)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.rfd], [], [], 0.05)
            if ready:
                chunk = os.read(self.rfd, 1 << 20)
                if not chunk:
                    return
                self.buf += chunk
                while b"\0" in self.buf:
                    msg, self.buf = self.buf.split(b"\0", 1)
                    self.events.append(json.loads(msg))

    def close(self):
        try:
            os.write(self.wfd, json.dumps(
                {"id": 999999, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.wfd)
        os.close(self.rfd)


def errors_of(events):
    """Console errors, log entries of level error, exceptions."""
    out = []
    for e in events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in (
                "error", "assert"):
            out.append("console: %s" % [a.get("value") for a in
                                         p.get("args", [])])
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            out.append("log: %s" % p["entry"].get("text"))
        elif m == "Runtime.exceptionThrown":
            out.append("exception: %s" % p["exceptionDetails"].get("text"))
    return out


def requests_of(events, page_url):
    urls = []
    for e in events:
        if e.get("method") == "Network.requestWillBeSent":
            u = e["params"]["request"]["url"]
            if u != page_url and not u.startswith("data:"):
                urls.append(u)
    return urls


def render(chromium, page, shot):
    """Load the page; return (probe result, events, page URL)."""
    profile = tempfile.mkdtemp(prefix="bedrock-audit-chromium.")
    b = Browser(chromium, profile)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"})
        s = b.send("Target.attachToTarget", {"targetId": target["targetId"],
                                             "flatten": True})["sessionId"]
        for dom in ("Page", "Network", "Runtime", "Log"):
            b.send(dom + ".enable", session=s)
        b.send("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": 800, "deviceScaleFactor": 1,
            "mobile": False}, session=s)
        url = "file://" + os.path.abspath(page)
        b.send("Page.navigate", {"url": url}, session=s)
        b.wait_event("Page.loadEventFired")
        b.settle(0.3)
        probe = json.loads(b.send("Runtime.evaluate", {
            "expression": PROBE, "returnByValue": True},
            session=s)["result"]["value"])
        b.send("Emulation.setDeviceMetricsOverride", {
            "width": WIDTH, "height": min(probe["height"], 16000),
            "deviceScaleFactor": 1, "mobile": False}, session=s)
        png = b.send("Page.captureScreenshot", {"format": "png"},
                     session=s)["data"]
        with open(shot, "wb") as f:
            f.write(base64.b64decode(png))
        # A phone: the page itself must not scroll sideways (wide charts
        # and tables scroll in their own box).
        b.send("Emulation.setDeviceMetricsOverride", {
            "width": PHONE, "height": 800, "deviceScaleFactor": 1,
            "mobile": True}, session=s)
        probe["phone_width"] = b.send("Runtime.evaluate", {
            "expression": "document.documentElement.scrollWidth",
            "returnByValue": True}, session=s)["result"]["value"]
        # Print: no copy buttons on paper.
        b.send("Emulation.setEmulatedMedia", {"media": "print"}, session=s)
        probe["print_button"] = b.send("Runtime.evaluate", {
            "expression": "Array.from(document.querySelectorAll("
            "'button.copy'), e => getComputedStyle(e).display)"
            ".filter(d => d !== 'none').length",
            "returnByValue": True}, session=s)["result"]["value"]
        b.settle(0.1)
        return probe, b.events, url
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)


class Nesting(html.parser.HTMLParser):
    """Every element closed, in order (the writer never relies on the
    parser's recovery): the first misnested end tag, or None."""

    VOID = {"meta", "br"}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.error = None

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.error is None and (not self.stack or self.stack[-1] != tag):
            self.error = "</%s> inside %s" % (tag, self.stack[-3:])
        elif self.stack:
            self.stack.pop()


def nesting_error(page):
    p = Nesting()
    with open(page, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    if p.error is None and p.stack:
        return "unclosed: %s" % p.stack
    return p.error


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, cond, what, detail=""):
        if cond:
            print("ok - " + what)
        else:
            self.failed += 1
            print("not ok - %s%s" % (what, (": " + detail) if detail else ""))


def csp_allows(probe):
    """The script's hash is the one the policy names."""
    m = re.search(r"'sha256-([A-Za-z0-9+/=]+)'", probe["csp"])
    if m is None or len(probe["scripts"]) != 1:
        return False
    h = base64.b64encode(hashlib.sha256(
        probe["scripts"][0].encode()).digest()).decode()
    return h == m.group(1)


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    chromium, page, shot, report = argv[:4]
    hostile = argv[4:]
    with open(report, encoding="utf-8") as f:
        changes = json.load(f)["changes"]
    c = Checks()
    err = nesting_error(page)
    c.check(err is None, "the source nests every element properly", err)
    t0 = time.monotonic()
    probe, events, url = render(chromium, page, shot)
    text = probe["text"]
    errs = errors_of(events)
    c.check(not errs, "no console error", "; ".join(errs))
    reqs = requests_of(events, url)
    c.check(not reqs, "no request but the page itself", ", ".join(reqs))
    c.check(csp_allows(probe), "the policy allows the one inline script")
    c.check(probe["pres"] > 0 and probe["buttons"] == probe["pres"],
            "the script ran: a copy button per case draft",
            "%d drafts, %d buttons" % (probe["pres"], probe["buttons"]))
    missing = [ch["subject"] for ch in changes if ch["subject"] not in text]
    c.check(changes and not missing, "each of the %d changes' subject is "
            "in the text" % len(changes), ", ".join(missing[:5]))
    for h in hostile:
        c.check(h in text, "hostile string stays text: %r" % h)
    foreign = sorted(set(probe["tags"]) - ALLOWED)
    c.check(not foreign, "no element the data created", ", ".join(foreign))
    c.check(probe["tags"].count("script") == 1, "one script element")
    c.check(not probe["onattrs"], "no event handler attribute",
            ", ".join(probe["onattrs"]))
    c.check(probe["phone_width"] <= PHONE, "a %d px phone: no sideways "
            "scrolling" % PHONE, "page is %d px wide" % probe["phone_width"])
    c.check(probe["print_button"] == 0, "print: no copy button shown")
    with open(shot, "rb") as f:
        head = f.read(24)
    c.check(head[:8] == b"\x89PNG\r\n\x1a\n" and
            int.from_bytes(head[16:20], "big") == WIDTH,
            "screenshot written (%d px wide)" % WIDTH)
    print("# rendered and checked in %.1f s" % (time.monotonic() - t0))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
