"""What the REST test servers (Jira, Confluence) share: JSON answers, HTTP Basic and bearer
authentication checked against the server's configuration, the fault rules applied before
any route, and the control API (`/_control/faults`, `/_control/stats`). A server derives
from `RestHandler` and gives `error_body`, `unauthorized_message`, `route` and `change`."""
import base64
import json
import logging
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger("rest")


class RestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle's algorithm holds the body
    # until the client's delayed ACK (40 ms per request on Linux).
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        log.debug("%s " + fmt, self.address_string(), *args)

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_bytes(self, data):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message, headers=None):
        self.send_json(status, self.error_body(status, message), headers)

    def authenticated(self):
        header = self.headers.get("Authorization", "")
        config = self.server.config
        if header.startswith("Basic "):
            try:
                user, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return False
            return user == config.user and secret == config.secret
        if header.startswith("Bearer "):
            return self.bearer_valid(header[7:])
        return False

    def bearer_valid(self, token):
        """Whether a bearer token is accepted: the configured personal access token."""
        return bool(self.server.config.token) and token == self.server.config.token

    def unauthorized(self):
        """The 401 answer (a server adds its own challenge headers)."""
        self.error(401, self.unauthorized_message,
                   {"WWW-Authenticate": 'Basic realm="protected-area"'})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        path = urllib.parse.urlsplit(self.path).path
        if path == "/_control/faults":
            self.server.faults.set(body.get("rules", []))
            return self.send_json(200, {"rules": len(body.get("rules", []))})
        if path == "/_control/change":
            return self.send_json(200, self.change(body))
        self.error(404, "No such control endpoint")

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/_control/stats":
            return self.send_json(200, self.server.faults.stats)
        fault = self.server.faults.pick(url.path)
        if fault is not None and self.inject(fault):
            return
        if not self.authenticated():
            return self.unauthorized()
        self.route(url.path, query)

    def inject(self, fault):
        """Applies a fault; True when it answered (or dropped) the request."""
        log.info("fault on %s: %s", self.path,
                 {k: v for k, v in fault.items() if k not in ("seen", "fired")})
        if fault.get("delay"):
            time.sleep(fault["delay"])
        if fault.get("drop"):
            self.close_connection = True
            self.connection.shutdown(2)
            return True
        if fault.get("status"):
            headers = {}
            if "retry_after" in fault:
                headers["Retry-After"] = str(fault["retry_after"])
            self.error(fault["status"], "Injected fault", headers)
            return True
        return False


class RestServer(ThreadingHTTPServer):
    """A thread per connection, with a listen backlog for a client's full connection pool
    (socketserver's default of 5 drops the SYNs of a burst of new connections, which then
    wait out TCP's 1, 3, 7 s retransmissions)."""
    request_queue_size = 256
    daemon_threads = True
