"""A loopback-only HTTP server for nofdb's sync tests.

Serves files under --root with ETag and Last-Modified, answering conditional requests with
304. Paths listed in ROOT/.slow are answered after a long delay (a timeout); paths in
ROOT/.truncate get a Content-Length for the whole file but only half of the body (a
truncated download). Prints the port it listens on, then serves until killed."""
import hashlib
import http.server
import os
import sys
import time
from email.utils import formatdate, parsedate_to_datetime

ROOT = sys.argv[sys.argv.index("--root") + 1]


def listed(name, path):
    try:
        with open(os.path.join(ROOT, name)) as f:
            return path in [line.strip() for line in f]
    except FileNotFoundError:
        return False


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        local = os.path.join(ROOT, path.lstrip("/"))
        if os.path.isdir(local):
            local = os.path.join(local, "index.html")
        if not os.path.isfile(local):
            self.send_error(404)
            return
        if listed(".slow", path):
            time.sleep(30)
        with open(local, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        mtime = os.path.getmtime(local)
        last_modified = formatdate(mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        since = self.headers.get("If-Modified-Since")
        if since and not self.headers.get("If-None-Match"):
            try:
                if int(mtime) <= int(parsedate_to_datetime(since).timestamp()):
                    self.send_response(304)
                    self.end_headers()
                    return
            except (TypeError, ValueError):
                pass
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if listed(".truncate", path):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
