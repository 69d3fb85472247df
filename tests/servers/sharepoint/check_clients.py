#!/usr/bin/env python3
"""Proves the SharePoint test server with a client that is not ours: Microsoft's
Office365-REST-Python-Client (PyPI) gets an app-only token the ACS way (the realm from the
401 challenge, then the token endpoint; the SDK's token host is fixed to Microsoft's, so it is
pointed at this server), and reads the web, its sub-sites, its lists (and the filter on hidden
ones), every item of a list across `__next` pages, a list item's attachment files, a library's
files and folders, and a file's metadata and bytes, all in the verbose OData form it asks
for; a wrong client secret is refused with Azure's error. `requests` checks the Server side
(HTTP Basic, the 401 of a wrong password), the light OData form a plain JSON client gets, a
429 with Retry-After, and a data change through the control API. Exits non-zero, naming each
failed check.

Usage: check_clients.py URL USER SECRET CLIENT_ID CLIENT_SECRET TENANT_ID
(a server started with SHAREPOINT_ITEMS=20 and SHAREPOINT_ITEM_PAGE=7)
"""
import io
import os
import sys

import requests
from office365.runtime.auth.client_credential import ClientCredential
from office365.runtime.auth.providers.acs_token_provider import ACSTokenProvider
from office365.sharepoint.client_context import ClientContext

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rest"))
from checks import check, control, summary  # noqa: E402

URL, USER, SECRET, CLIENT_ID, CLIENT_SECRET, TENANT_ID = sys.argv[1:7]
SITE = URL + "/sites/collection1"

# The SDK asks Microsoft's token service; here the test server is that service.
ACSTokenProvider.get_security_token_service_url = (
    lambda self, realm: "%s/%s/tokens/OAuth/2" % (URL, realm))


def main():
    ctx = ClientContext(SITE).with_credentials(ClientCredential(CLIENT_ID, CLIENT_SECRET))
    web = ctx.web.get().execute_query()
    check("app-only token, then the web", web.properties.get("Title") == "collection1",
          web.properties)
    webs = ctx.web.webs.get().execute_query()
    check("sub-sites", [w.properties["Title"] for w in webs] ==
          ["collection1 site 0", "collection1 site 1"], [w.properties for w in webs])
    child = ClientContext(SITE + "/site0").with_credentials(
        ClientCredential(CLIENT_ID, CLIENT_SECRET)).web.webs.get().execute_query()
    check("a sub-site's own sub-site", [w.properties["ServerRelativeUrl"] for w in child] ==
          ["/sites/collection1/site0/child"], [w.properties for w in child])
    lists = ctx.web.lists.get().execute_query()
    visible = ctx.web.lists.filter("Hidden eq false").get().execute_query()
    check("lists, and the filter on hidden ones",
          [x.properties["Title"] for x in lists] ==
          ["List 0", "List 1", "Library 0", "Site Pages", "Hidden list"] and
          [x.properties["Title"] for x in visible] ==
          ["List 0", "List 1", "Library 0", "Site Pages"],
          ([x.properties["Title"] for x in lists], [x.properties["Title"] for x in visible]))
    items = ctx.web.lists.get_by_title("List 0").items.get_all().execute_query()
    check("20 items over 7-item pages (__next)",
          [i.properties["Id"] for i in items] == list(range(1, 21)), len(items))
    with_files = ctx.web.lists.get_by_title("List 0").items.expand(
        ["AttachmentFiles"]).get().execute_query()
    first = with_files[0]
    names = [a.properties["FileName"] for a in first.attachment_files]
    check("a list item's attachment files", names == ["report.pdf"] and
          first.properties.get("Attachments") is True, names)
    library = ctx.web.lists.get_by_title("Library 0").items.expand(
        ["File", "Folder"]).get_all().execute_query()
    kinds = [i.properties["FileSystemObjectType"] for i in library]
    check("a library's folder and files", kinds[0] == 1 and set(kinds[1:]) == {0} and
          len(library) == 21, kinds)
    url = "/sites/collection1/Lists/List0/Attachments/1/report.pdf"
    file = ctx.web.get_file_by_server_relative_url(url).get().execute_query()
    data = io.BytesIO()
    ctx.web.get_file_by_server_relative_url(url).download(data).execute_query()
    check("a file's metadata and bytes", data.getvalue().startswith(b"%PDF") and
          int(file.properties["Length"]) == len(data.getvalue()), file.properties)

    try:
        ClientContext(SITE).with_credentials(
            ClientCredential(CLIENT_ID, "wrong")).web.get().execute_query()
        check("a wrong client secret is refused", False, "accepted")
    except Exception as error:  # the SDK raises ValueError with the token answer
        check("a wrong client secret is refused", "AADSTS7000215" in str(error), error)

    answer = requests.get(SITE + "/_api/web/lists", auth=(USER, SECRET),
                          headers={"Accept": "application/json"})
    check("Basic auth and the light OData form", answer.status_code == 200 and
          len(answer.json()["value"]) == 5, answer.text[:300])
    refused = requests.get(SITE + "/_api/web", auth=(USER, "wrong"),
                           headers={"Accept": "application/json"})
    check("a wrong password: 401 with SharePoint's error",
          refused.status_code == 401 and "Access denied" in
          refused.json()["odata.error"]["message"]["value"], refused.text)
    control(URL, "faults", {"rules": [{"path": "/_api/web/webs", "status": 429,
                                       "retry_after": 2, "times": 1}]})
    throttled = requests.get(SITE + "/_api/web/webs", auth=(USER, SECRET))
    again = requests.get(SITE + "/_api/web/webs", auth=(USER, SECRET))
    check("429 with Retry-After, once", throttled.status_code == 429 and
          throttled.headers.get("Retry-After") == "2" and again.status_code == 200,
          (throttled.status_code, throttled.headers))
    control(URL, "faults", {"rules": []})
    lst = ctx.web.lists.get_by_title("List 1").get().execute_query()
    changed = control(URL, "change", {"add_to": lst.properties["Id"], "add": 2})
    after = ctx.web.lists.get_by_title("List 1").items.get_all().execute_query()
    check("a data change", len(changed["added"]) == 2 and len(after) == 22, changed)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
