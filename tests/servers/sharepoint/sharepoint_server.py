#!/usr/bin/env python3
"""A SharePoint test server: the REST endpoints the `sharepoint` source reads (sources spec
§12.3) for SharePoint Server (HTTP Basic) and SharePoint Online (app-only bearer tokens from an
ACS-style token endpoint, also served here), with SharePoint's JSON shapes: the OData "light"
form (`value`, `odata.nextLink`) for `Accept: application/json`, the verbose form (`d`,
`results`, `__metadata`, `__next`) for `odata=verbose`, as SharePoint answers each. Sites,
sub-sites, lists, document libraries, list items with attachments, files and folders, site
pages, generated from counts. The control API of tests/servers/rest changes the data between
syncs and injects faults. The README names the Microsoft page each endpoint follows.
"""
import argparse
import datetime
import json
import logging
import os
import re
import secrets
import signal
import sys
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rest"))
from faults import Faults  # noqa: E402
from attachments import attachment_content  # noqa: E402
from rest_handler import RestHandler, RestServer  # noqa: E402

log = logging.getLogger("sharepoint")
EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
SHAREPOINT_PRINCIPAL = "00000003-0000-0ff1-ce00-000000000000"
GENERIC_LIST, DOCUMENT_LIBRARY = 0, 1


def sp_time(minutes):
    """SharePoint's timestamp form: 2024-01-01T00:00:00Z."""
    return (EPOCH + datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def guid(*parts):
    """A GUID derived from names, so that every run gives the same ids."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(str(p) for p in parts)))


class Data:
    """Sites (collections and their sub-sites, one level of which has a child of its own),
    lists and libraries of each site, their items and files; changed through /_control."""

    def __init__(self, base, args):
        self.base = base
        self.lock = threading.Lock()
        self.args = args
        self.sites = {}  # server-relative URL (lower case) -> site
        self.lists = {}  # site URL (lower case) -> [list]
        self.files = {}  # server-relative URL (lower case) -> (metadata, bytes)
        self.clock = 0
        for collection in args.collections.split(","):
            root = "/sites/" + collection
            self.add_site(root, collection)
            for k in range(args.subsites):
                url = "%s/site%d" % (root, k)
                self.add_site(url, "%s site %d" % (collection, k), parent=root)
                if k == 0:
                    self.add_site(url + "/child", "%s site 0 child" % collection, parent=url)

    def tick(self):
        self.clock += 1
        return self.clock

    def add_site(self, url, title, parent=None):
        site = {"Title": title, "Url": self.base + url, "Id": guid("site", url),
                "ServerRelativeUrl": url, "Created": sp_time(self.tick()),
                "LastItemModifiedDate": sp_time(self.clock), "WebTemplate": "STS",
                "children": []}
        self.sites[url.lower()] = site
        if parent is not None:
            self.sites[parent.lower()]["children"].append(url.lower())
        lists = []
        for n in range(self.args.lists):
            lists.append(self.make_list(url, "List %d" % n, GENERIC_LIST))
        for n in range(self.args.libraries):
            lists.append(self.make_list(url, "Library %d" % n, DOCUMENT_LIBRARY))
        lists.append(self.make_list(url, "Site Pages", DOCUMENT_LIBRARY))
        hidden = self.make_list(url, "Hidden list", GENERIC_LIST)
        hidden["Hidden"] = True
        lists.append(hidden)
        self.lists[url.lower()] = lists

    def make_list(self, site_url, title, base_type):
        folder = "%s/%s" % (site_url, "Lists/" + title.replace(" ", "") if base_type ==
                            GENERIC_LIST else title.replace(" ", ""))
        if title == "Site Pages":
            folder = site_url + "/SitePages"
        entry = {"Id": guid("list", site_url, title), "Title": title, "BaseType": base_type,
                 "BaseTemplate": 100 if base_type == GENERIC_LIST else 101, "Hidden": False,
                 "ParentWebUrl": site_url, "Created": sp_time(self.tick()),
                 "LastItemModifiedDate": sp_time(self.clock), "ItemCount": 0,
                 "RootFolder": {"ServerRelativeUrl": folder, "Name": folder.rsplit("/", 1)[1]},
                 "items": [], "next_id": 1}
        count = self.args.items
        if base_type == DOCUMENT_LIBRARY and title != "Site Pages":
            self.add_folder(entry)
        for _ in range(count if title != "Site Pages" else max(1, count // 10)):
            self.add_item(entry)
        return entry

    def add_folder(self, entry):
        item_id = entry["next_id"]
        entry["next_id"] += 1
        url = "%s/Folder%d" % (entry["RootFolder"]["ServerRelativeUrl"], item_id)
        entry["items"].append({
            "Id": item_id, "ID": item_id, "GUID": guid("item", entry["Id"], item_id),
            "Modified": sp_time(self.tick()), "Created": sp_time(self.clock),
            "FileSystemObjectType": 1, "File": None,
            "Folder": {"Name": "Folder%d" % item_id, "ServerRelativeUrl": url,
                       "TimeCreated": sp_time(self.clock), "TimeLastModified": sp_time(self.clock),
                       "ItemCount": 0}})

    def add_item(self, entry):
        item_id = entry["next_id"]
        entry["next_id"] += 1
        number = self.tick()
        base = {"Id": item_id, "ID": item_id, "GUID": guid("item", entry["Id"], item_id),
                "Modified": sp_time(number), "Created": sp_time(number), "EditorId": 9,
                "AuthorId": 9, "ContentTypeId": "0x0100%032X" % (item_id * 7919)}
        folder = entry["RootFolder"]["ServerRelativeUrl"]
        if entry["BaseType"] == GENERIC_LIST:
            attachments = []
            every = self.args.attachment_every
            if every and item_id % every == 1:
                name, content = attachment_content(item_id - 1, "item")
                url = "%s/Attachments/%d/%s" % (folder, item_id, name)
                self.add_file(url, name, content, number)
                attachments.append({"FileName": name, "ServerRelativeUrl": url})
            base.update({"Title": "Item %d of %s" % (item_id, entry["Title"]),
                         "FileSystemObjectType": 0,
                         "FileRef": "%s/%d_.000" % (folder, item_id),
                         "Attachments": bool(attachments), "AttachmentFiles": attachments})
        elif entry["Title"] == "Site Pages":
            name = "Page%d.aspx" % item_id
            html = "<div><p>Site page %d of %s</p></div>" % (item_id, entry["ParentWebUrl"])
            meta = self.add_file(folder + "/" + name, name, html.encode(), number)
            base.update({"FileSystemObjectType": 0, "Folder": None, "File": meta,
                         "Title": "Page %d" % item_id, "FileLeafRef": name,
                         "WikiField": html, "CanvasContent1": html})
        else:
            name, content = attachment_content(item_id - 2, "file")
            name = "%d-%s" % (item_id, name)
            meta = self.add_file(folder + "/" + name, name, content, number)
            base.update({"FileSystemObjectType": 0, "Folder": None, "File": meta})
        entry["items"].append(base)
        entry["ItemCount"] = len(entry["items"])
        entry["LastItemModifiedDate"] = sp_time(number)
        return base

    def add_file(self, url, name, content, number):
        meta = {"Name": name, "ServerRelativeUrl": url, "Length": str(len(content)),
                "TimeCreated": sp_time(number), "TimeLastModified": sp_time(number),
                "UniqueId": guid("file", url), "Title": None}
        self.files[url.lower()] = (meta, content)
        return meta

    def all_items(self):
        for lists in self.lists.values():
            for entry in lists:
                for item in entry["items"]:
                    yield entry, item


class Handler(RestHandler):
    server_version = "Microsoft-IIS/10.0"
    unauthorized_message = "Access denied. You do not have permission to perform this " \
                           "action or access this resource."

    # --- answers in SharePoint's two JSON forms -----------------------------------------

    def verbose(self):
        return "odata=verbose" in self.headers.get("Accept", "")

    def error_body(self, status, message):
        code = {401: "-2147024891, System.UnauthorizedAccessException",
                404: "-2130575338, Microsoft.SharePoint.SPException"}.get(
                    status, "-1, Microsoft.SharePoint.Client.InvalidClientQueryException")
        error = {"code": code, "message": {"lang": "en-US", "value": message}}
        return {"error": error} if self.verbose() else {"odata.error": error}

    @staticmethod
    def verbose_form(value):
        """The verbose form of a nested value: collections inside entities are objects with
        `results`, as SharePoint writes them."""
        if isinstance(value, list):
            return {"results": [Handler.verbose_form(v) for v in value]}
        if isinstance(value, dict):
            return {k: Handler.verbose_form(v) for k, v in value.items()}
        return value

    def send_collection(self, type_name, items, next_url=None):
        if self.verbose():
            body = {"results": [dict(self.verbose_form(item), __metadata={"type": type_name})
                                for item in items]}
            if next_url:
                body["__next"] = next_url
            return self.send_json(200, {"d": body})
        body = {"odata.metadata": "%s/_api/$metadata#%s" % (self.server.base, type_name),
                "value": items}
        if next_url:
            body["odata.nextLink"] = next_url
        self.send_json(200, body)

    def send_entity(self, type_name, item):
        if self.verbose():
            return self.send_json(200, {"d": dict(self.verbose_form(item),
                                                   __metadata={"type": type_name})})
        self.send_json(200, dict(item, **{"odata.metadata": "%s/_api/$metadata#%s/@Element" %
                                          (self.server.base, type_name)}))

    # --- authentication: Basic (Server) and app-only bearer tokens (Online) ----------------

    def bearer_valid(self, token):
        self.expired = False
        expiry = self.server.tokens.get(token)
        if expiry is None:
            return False
        if time.time() >= expiry:
            self.expired = True
            return False
        return True

    def unauthorized(self, body=True):
        # The challenge SharePoint Online sends: the realm (tenant id) that app-only clients
        # read before they ask for a token.
        config = self.server.config
        headers = {"WWW-Authenticate": 'Bearer realm="%s",client_id="%s",trusted_issuers='
                                       '"00000001-0000-0000-c000-000000000000@*",'
                                       'authorization_uri="%s/%s/tokens/OAuth/2"' % (
                                           config.tenant_id, SHAREPOINT_PRINCIPAL,
                                           self.server.base, config.tenant_id)}
        if getattr(self, "expired", False):
            headers["x-ms-diagnostics"] = ('3000006;reason="Token contains invalid signature; '
                                           'token has expired";category="invalid_client"')
        self.expired = False
        if body:
            return self.error(401, self.unauthorized_message, headers)
        self.send_response(401)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        if not self.authenticated():
            return self.unauthorized(body=False)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        config = self.server.config
        if path.lower().endswith("/_api/contextinfo"):
            return self.context_info(path[:-len("/_api/contextinfo")])
        if path != "/%s/tokens/OAuth/2" % config.tenant_id:
            return super().do_POST()
        fault = self.server.faults.pick(path)
        if fault is not None and self.inject(fault):
            return
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        field = lambda name: form.get(name, [""])[0]  # noqa: E731
        resource = field("resource")
        if (field("grant_type") != "client_credentials" or
                field("client_id") != "%s@%s" % (config.client_id, config.tenant_id) or
                field("client_secret") != config.client_secret):
            return self.send_json(401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the "
                                     "secret being sent in the request is the client secret "
                                     "value, not the client secret ID."})
        if not re.fullmatch(r"%s/[^@/]+@%s" % (SHAREPOINT_PRINCIPAL, re.escape(config.tenant_id)),
                            resource):
            return self.send_json(400, {"error": "invalid_resource",
                                        "error_description": "AADSTS500011: The resource "
                                        "principal named %s was not found." % resource})
        token = secrets.token_urlsafe(24)
        now = int(time.time())
        self.server.tokens[token] = now + config.token_lifetime
        self.server.token_grants += 1
        self.send_json(200, {"token_type": "Bearer", "expires_in": str(config.token_lifetime),
                             "not_before": str(now), "expires_on": str(now + config.token_lifetime),
                             "resource": resource, "access_token": token})

    def context_info(self, site_path):
        """The form digest SharePoint clients fetch before they send requests."""
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if not self.authenticated():
            return self.unauthorized()
        site = self.server.data.sites.get(urllib.parse.unquote(site_path).lower())
        if site is None:
            return self.error(404, "The site %s does not exist." % site_path)
        now = datetime.datetime.now(datetime.timezone.utc)
        info = {"FormDigestTimeoutSeconds": 1800,
                "FormDigestValue": "0x%s,%s" % (secrets.token_hex(64).upper(),
                                                now.strftime("%d %b %Y %H:%M:%S -0000")),
                "LibraryVersion": "16.0.0.0", "SiteFullUrl": site["Url"],
                "SupportedSchemaVersions": ["14.0.0.0", "15.0.0.0"], "WebFullUrl": site["Url"]}
        if self.verbose():
            return self.send_json(200, {"d": {"GetContextWebInformation": dict(
                self.verbose_form(info), __metadata={"type": "SP.ContextWebInformation"})}})
        self.send_entity("SP.ContextWebInformation", info)

    # --- data changes ---------------------------------------------------------------------

    def change(self, body):
        data = self.server.data
        with data.lock:
            edited, deleted, added = [], [], []
            wanted = set(body.get("edit", []))
            gone = set(body.get("delete", []))
            for entry, item in list(data.all_items()):
                if item["GUID"] in wanted:
                    item["Title"] = str(item.get("Title")) + " (edited)"
                    item["Modified"] = sp_time(10 ** 6 + len(edited))
                    edited.append(item["GUID"])
                if item["GUID"] in gone:
                    entry["items"].remove(item)
                    deleted.append(item["GUID"])
            target = body.get("add_to")
            for entry in (e for lists in data.lists.values() for e in lists):
                if entry["Id"] == target:
                    for _ in range(body.get("add", 0)):
                        added.append(data.add_item(entry)["GUID"])
        return {"edited": edited, "deleted": deleted, "added": added}

    # --- the REST API ---------------------------------------------------------------------

    def route(self, path, query):
        data = self.server.data
        site_path, marker, api = path.partition("/_api/")
        if not marker:
            return self.error(404, "Not found: %s" % path)
        with data.lock:
            site = data.sites.get(urllib.parse.unquote(site_path).lower())
        if site is None:
            return self.error(404, "The site %s does not exist." % site_path)
        api = "/" + api
        lower = api.lower()
        first = lambda name, default: query.get(name, [default])[0]  # noqa: E731
        try:
            top = min(int(first("$top", "100")), 5000)
            skip = int(first("$skip", "0"))
        except ValueError:
            return self.error(400, "The expression $top or $skip is not valid.")
        if lower == "/web":
            return self.send_entity("SP.Web", self.site_json(site))
        if lower == "/web/webs":
            with data.lock:
                webs = [self.site_json(data.sites[url]) for url in site["children"]]
            return self.send_collection("SP.Web", webs[skip:skip + top])
        if lower == "/web/lists":
            with data.lock:
                lists = [self.list_json(e) for e in data.lists[site["ServerRelativeUrl"].lower()]]
            if re.fullmatch(r"\(?\s*Hidden\s+eq\s+false\s*\)?", first("$filter", "").strip()):
                lists = [e for e in lists if not e["Hidden"]]
            return self.send_collection("SP.List", lists[skip:skip + top])
        found = (re.fullmatch(r"/web/lists\(guid'([0-9a-f-]+)'\)(/items)?", lower) or
                 re.fullmatch(r"/web/lists/getbyid\('([0-9a-f-]+)'\)(/items)?", lower))
        by_title = re.fullmatch(r"/web/lists/getbytitle\('([^']*)'\)(/items)?", api,
                                re.IGNORECASE)
        if found or by_title:
            with data.lock:
                entry = next((e for e in data.lists[site["ServerRelativeUrl"].lower()]
                              if (e["Id"] == found.group(1) if found else
                                  e["Title"] == urllib.parse.unquote(by_title.group(1)))), None)
            if entry is None:
                return self.error(404, "List does not exist at site with URL '%s'." % site["Url"])
            if not (found or by_title).group(2):
                return self.send_entity("SP.List", self.list_json(entry))
            return self.items(entry, query, top)
        found = (re.fullmatch(r"/web/getfilebyserverrelativeurl\('(.*)'\)(/\$value)?", api,
                              re.IGNORECASE) or
                 re.fullmatch(r"/web/getfilebyserverrelativepath\(decodedurl='(.*)'\)(/\$value)?",
                              api, re.IGNORECASE))
        by_id = re.fullmatch(r"/web/getfilebyid\('([0-9a-f-]+)'\)(/\$value)?", lower)
        if found or by_id:
            with data.lock:
                if found:
                    url = urllib.parse.unquote(found.group(1)).replace("''", "'")
                    stored = data.files.get(url.lower())
                else:
                    stored = next((f for f in data.files.values()
                                   if f[0]["UniqueId"] == by_id.group(1)), None)
            found = found or by_id
            if stored is None:
                return self.error(404, "File Not Found.")
            if found.group(2):
                return self.send_bytes(stored[1])
            return self.send_entity("SP.File", stored[0])
        self.error(400, "The expression \"%s\" is not valid." % api)

    def site_json(self, site):
        return {k: v for k, v in site.items() if k != "children"}

    def list_json(self, entry):
        return {k: v for k, v in entry.items() if k not in ("items", "next_id")}

    def items(self, entry, query, top):
        data = self.server.data
        leaf = re.fullmatch(r"FileLeafRef eq '([^']*)'", query.get("$filter", [""])[0].strip())
        with data.lock:
            after = 0
            match = re.fullmatch(r"Paged=TRUE&p_ID=(\d+)", query.get("$skiptoken", [""])[0])
            if match:
                after = int(match.group(1))
            size = min(top, self.server.config.item_page)
            rest = [i for i in entry["items"] if i["Id"] > after and
                    (leaf is None or i.get("FileLeafRef") == leaf.group(1))]
            page = [dict(i) for i in rest[:size]]
        for item in page:
            if entry["BaseType"] == GENERIC_LIST:
                item.pop("File", None)
                item.pop("Folder", None)
        next_url = None
        if len(rest) > size:
            following = {k: v[0] for k, v in query.items()}
            following["$skiptoken"] = "Paged=TRUE&p_ID=%d" % page[-1]["Id"]
            next_url = "%s%s?%s" % (self.server.base, urllib.parse.urlsplit(self.path).path,
                                     urllib.parse.urlencode(following,
                                                            quote_via=urllib.parse.quote))
        self.send_collection("SP.Data.ListItem", page, next_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=18491)
    parser.add_argument("--user", required=True, help="SharePoint Server user (Basic)")
    parser.add_argument("--secret", required=True, help="its password")
    parser.add_argument("--client-id", required=True, help="the app's client id (Online)")
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--tenant-id", required=True)
    parser.add_argument("--token-lifetime", type=int, default=3600, help="seconds")
    parser.add_argument("--collections", default="collection1")
    parser.add_argument("--subsites", type=int, default=2)
    parser.add_argument("--lists", type=int, default=2, help="generic lists per site")
    parser.add_argument("--libraries", type=int, default=1, help="document libraries per site")
    parser.add_argument("--items", type=int, default=20, help="items per list or library")
    parser.add_argument("--attachment-every", type=int, default=5)
    parser.add_argument("--item-page", type=int, default=100,
                        help="the most items one page of an item listing holds")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    args.token = ""
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(message)s", stream=sys.stderr)
    server = RestServer(("127.0.0.1", args.port), Handler)
    server.config = args
    server.base = "http://127.0.0.1:%d" % args.port
    server.data = Data(server.base, args)
    server.faults = Faults()
    server.tokens = {}
    server.token_grants = 0
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    log.info("SharePoint test server on %s: %d sites, %d files", server.base,
             len(server.data.sites), len(server.data.files))
    server.serve_forever()


if __name__ == "__main__":
    main()
