#!/usr/bin/env python3
"""tests/webhook_rx.py: a loopback webhook receiver for tests/it_notify.sh.

Listens on 127.0.0.1 (a free port, written to --port-file once
listening) and records every request as one JSON line in --log:
{"path", "method", "headers", "body"} (body as text).  What it answers
depends on the path, so one receiver serves every target of a test:

    /ok/...      200 "ok" (what Slack answers)
    /accept/...  202 with an empty body (what a Teams Workflow answers)
    /fail/...    500 "internal error"
    /hang/...    reads the request, then answers nothing for --hang
                 seconds (the client's time limit is what ends it)

Only the standard library; stops on SIGTERM.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY_BYTES = 4 << 20


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n < 0 or n > MAX_BODY_BYTES:
            self.send_error(413)
            return
        body = self.rfile.read(n)
        srv = self.server
        rec = {"path": self.path, "method": "POST",
               "headers": {k.lower(): v for k, v in self.headers.items()},
               "body": body.decode("utf-8", "replace")}
        with srv.lock:
            with open(srv.log, "a", encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")
        if self.path.startswith("/hang/"):
            time.sleep(srv.hang)
            self.close_connection = True
            return
        if self.path.startswith("/fail/"):
            self._answer(500, b"internal error")
        elif self.path.startswith("/accept/"):
            self._answer(202, b"")
        elif self.path.startswith("/ok/"):
            self._answer(200, b"ok")
        else:
            self._answer(404, b"no such hook")

    def _answer(self, status, data):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--hang", type=float, default=30.0)
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.lock = threading.Lock()
    srv.log = args.log
    srv.hang = args.hang
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda s, f: stop.set())
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.replace(tmp, args.port_file)
    while not stop.wait(0.2):
        pass
    srv.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
