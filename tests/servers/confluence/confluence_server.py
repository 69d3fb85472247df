#!/usr/bin/env python3
"""A Confluence test server: the REST v1 endpoints the `confluence` source reads (sources spec
§13.3), with Confluence's JSON shapes, `_links.next` paging and authentication, over data
generated from its counts, so that a sync's expected documents are known. Served at the root
(Server) and under /wiki (Cloud). The control API of tests/servers/rest changes the data
between syncs and injects faults. The README names the Atlassian page each endpoint follows.
"""
import argparse
import datetime
import logging
import os
import re
import signal
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rest"))
from faults import Faults  # noqa: E402
from attachments import attachment_content  # noqa: E402
from rest_handler import RestHandler, RestServer  # noqa: E402

log = logging.getLogger("confluence")
EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def confluence_time(minutes):
    """Confluence's timestamp form: 2024-01-01T00:00:00.000Z."""
    return (EPOCH + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Data:
    """Spaces, pages, blog posts and attachments; changed through /_control/change."""

    def __init__(self, spaces, contents, attachment_every):
        self.lock = threading.Lock()
        self.spaces = [{"id": 1000 + s, "key": "SP%d" % s, "name": "Space %d" % s}
                       for s in range(spaces)]
        self.contents = {}  # id -> content (insertion order = search order)
        self.attachments = {}  # content id -> [attachment]
        self.files = {}  # attachment id -> bytes
        self.attachment_every = attachment_every
        self.next_number = 0
        for _ in range(contents):
            self.add_content()

    def add_content(self):
        i = self.next_number
        self.next_number += 1
        space = self.spaces[i % len(self.spaces)]
        kind = "blogpost" if i % 4 == 3 else "page"
        content_id = str(65536 + i)
        title = "%s %d" % ("Post" if kind == "blogpost" else "Page", i)
        attachments = []
        if self.attachment_every and i % self.attachment_every == 0:
            name, data = attachment_content(i, "content")
            attachment_id = "att%d" % (900000 + i)
            self.files[attachment_id] = data
            attachments.append({
                "id": attachment_id, "type": "attachment", "status": "current", "title": name,
                "version": {"by": {"type": "known", "displayName": "Test User"},
                            "when": confluence_time(i), "number": 1, "minorEdit": False},
                "extensions": {"mediaType": "application/octet-stream", "fileSize": len(data),
                               "comment": ""},
                "_links": {"webui": "/pages/viewpageattachments.action?pageId=%s&preview=%s"
                                    % (content_id, urllib.parse.quote("/%s/%s" % (content_id,
                                                                                  name))),
                           "download": "/download/attachments/%s/%s?version=1&api=v2"
                                       % (content_id, urllib.parse.quote(name))}})
        self.attachments[content_id] = attachments
        self.contents[content_id] = {
            "id": content_id, "type": kind, "status": "current", "title": title,
            "space": {"id": space["id"], "key": space["key"], "name": space["name"],
                      "type": "global", "status": "current",
                      "_links": {"webui": "/spaces/%s" % space["key"]}},
            "history": {"latest": True,
                        "createdBy": {"type": "known", "displayName": "Test User"},
                        "createdDate": confluence_time(i),
                        "lastUpdated": {"by": {"type": "known", "displayName": "Test User"},
                                        "when": confluence_time(i + 1), "number": 1,
                                        "minorEdit": False}},
            "body": {"storage": {"value": "<p>Body of %s. %s</p>" % (title, "lorem ipsum " * 60),
                                 "representation": "storage"}},
            "_links": {"webui": "/spaces/%s/%s/%s/%s" % (
                space["key"], "blog" if kind == "blogpost" else "pages", content_id,
                title.replace(" ", "+")), "tinyui": "/x/%s" % content_id}}
        return content_id


    def content_json(self, content):
        attachments = self.attachments[content["id"]]
        return dict(content, children={"attachment": {
            "results": attachments[:25], "start": 0, "limit": 25, "size": len(attachments)}})


def page_of(items, query, default_limit, path, base, context):
    """Confluence's paged collection: results, start, limit, size, and `_links.next` when
    more remain (a path relative to the context, with the same query)."""
    try:
        start = int(query.get("start", ["0"])[0])
        limit = min(int(query.get("limit", [str(default_limit)])[0]), default_limit)
    except ValueError:
        return None
    page = items[start:start + limit]
    links = {"base": base + context, "context": context,
             "self": base + context + path}
    if start + limit < len(items):
        following = {k: v[0] for k, v in query.items()}
        following.update(start=str(start + limit), limit=str(limit))
        links["next"] = path + "?" + urllib.parse.urlencode(following)
    return {"results": page, "start": start, "limit": limit, "size": len(page),
            "_links": links}


class Handler(RestHandler):
    server_version = "ei-confluence-test-server"
    unauthorized_message = "Authentication required"

    @staticmethod
    def error_body(status, message):
        # Confluence's error form (com.atlassian.confluence.rest.api.model.ErrorResponse).
        return {"statusCode": status, "data": {"authorized": status != 401, "valid": True,
                                               "errors": [], "successful": False},
                "message": message}

    def change(self, body):
        data = self.server.data
        with data.lock:
            edited, deleted, added = [], [], []
            for content_id in body.get("edit", []):
                content = data.contents[content_id]
                content["title"] += " (edited)"
                content["history"]["lastUpdated"]["when"] = confluence_time(10 ** 6 + len(edited))
                content["history"]["lastUpdated"]["number"] += 1
                edited.append(content_id)
            for content_id in body.get("delete", []):
                del data.contents[content_id]
                for attachment in data.attachments.pop(content_id):
                    data.files.pop(attachment["id"], None)
                deleted.append(content_id)
            for _ in range(body.get("add", 0)):
                added.append(data.add_content())
        return {"edited": edited, "deleted": deleted, "added": added}

    def route(self, path, query):
        context = ""
        if path.startswith("/wiki/"):  # Confluence Cloud's context path
            context, path = "/wiki", path[len("/wiki"):]
        data, base = self.server.data, self.server.base
        if path == "/rest/api/space":
            with data.lock:
                spaces = [{"id": s["id"], "key": s["key"], "name": s["name"], "type": "global",
                           "status": "current",
                           "_links": {"webui": "/spaces/%s" % s["key"],
                                      "self": "%s%s/rest/api/space/%s" % (base, context,
                                                                          s["key"])}}
                          for s in data.spaces]
            return self.answer_page(spaces, query, 100, path, context)
        if path == "/rest/api/content/search":
            cql = query.get("cql", [""])[0]
            match = re.fullmatch(r"(?:space in \(([^)]*)\) AND )?type=(page|blogpost)", cql)
            if not match:
                return self.error(400, "Could not parse cql : %s" % cql)
            keys = None
            if match.group(1) is not None:
                keys = {k.strip().strip("'\"") for k in match.group(1).split(",")}
            with data.lock:
                found = [c for c in data.contents.values()
                         if c["type"] == match.group(2) and
                         (keys is None or c["space"]["key"] in keys)]
                page = page_of(found, query, 50, path, self.server.base, context)
                if page is not None:  # expanded for the page's results only
                    page["results"] = [data.content_json(c) for c in page["results"]]
            if page is None:
                return self.error(400, "start and limit must be numbers")
            return self.send_json(200, page)
        found = re.fullmatch(r"/rest/api/content/(\d+)/child/attachment", path)
        if found:
            with data.lock:
                attachments = data.attachments.get(found.group(1))
            if attachments is None:
                return self.error(404, "No content found with id: %s" % found.group(1))
            return self.answer_page(attachments, query, 100, path, context)
        found = re.fullmatch(r"/download/attachments/(\d+)/(.+)", path)
        if found:
            name = urllib.parse.unquote(found.group(2))
            with data.lock:
                for attachment in data.attachments.get(found.group(1), []):
                    if attachment["title"] == name:
                        return self.send_bytes(data.files[attachment["id"]])
            return self.error(404, "Attachment not found")
        self.error(404, "null for uri: %s%s%s" % (base, context, path))

    def answer_page(self, items, query, default_limit, path, context):
        page = page_of(items, query, default_limit, path, self.server.base, context)
        if page is None:
            return self.error(400, "start and limit must be numbers")
        self.send_json(200, page)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--user", required=True, help="account e-mail (Cloud) or user name")
    parser.add_argument("--secret", required=True, help="API token (Cloud) or password")
    parser.add_argument("--token", default="", help="a personal access token (Bearer)")
    parser.add_argument("--spaces", type=int, default=10)
    parser.add_argument("--contents", type=int, default=1000, help="pages and blog posts")
    parser.add_argument("--attachment-every", type=int, default=10)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(message)s", stream=sys.stderr)
    server = RestServer(("127.0.0.1", args.port), Handler)
    server.config = args
    server.base = "http://127.0.0.1:%d" % args.port
    server.data = Data(args.spaces, args.contents, args.attachment_every)
    server.faults = Faults()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    log.info("Confluence test server on %s: %d spaces, %d pages and blog posts", server.base,
             args.spaces, args.contents)
    server.serve_forever()


if __name__ == "__main__":
    main()
