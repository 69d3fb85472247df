#!/usr/bin/env python3
"""Proves the Confluence test server with a client that is not ours: the
atlassian-python-api library (PyPI) lists the spaces, follows the content search's
`_links.next` pages with its own authenticated GETs, lists and downloads an attachment, is
refused a wrong password (401), accepts a personal access token, waits out 429s as
Retry-After says, serves the Cloud paths under /wiki, and sees the data change through the
control API. Exits non-zero, naming each failed check.

Usage: check_clients.py URL USER SECRET TOKEN   (a server started with 1000 contents)
"""
import os
import sys
import time

from atlassian import Confluence

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rest"))
from checks import check, control, summary  # noqa: E402

URL, USER, SECRET, TOKEN = sys.argv[1:5]
EXPAND = "children.attachment,history.lastUpdated,body.storage,space"


def search_all(client, cql, prefix=""):
    """Every result of a content search, following `_links.next` as the source does."""
    page = client.get(prefix + "rest/api/content/search",
                      params={"cql": cql, "limit": 50, "expand": EXPAND})
    results = list(page["results"])
    while page["_links"].get("next"):
        page = client.get(prefix + page["_links"]["next"].lstrip("/"))
        results += page["results"]
    return results


def main():
    client = Confluence(url=URL, username=USER, password=SECRET)
    spaces = client.get_all_spaces(start=0, limit=100)
    check("10 spaces", [s["key"] for s in spaces["results"]] == ["SP%d" % i for i in range(10)],
          spaces)
    pages = search_all(client, "type=page")
    posts = search_all(client, "type=blogpost")
    check("paged search: 750 pages and 250 blog posts, each once",
          len({p["id"] for p in pages}) == 750 and len({p["id"] for p in posts}) == 250,
          (len(pages), len(posts)))
    some = search_all(client, "space in ('SP1','SP2') AND type=page")
    check("a space filter", some and {p["space"]["key"] for p in some} == {"SP1", "SP2"},
          len(some))
    first = pages[0]
    check("a page's expansions", first["history"]["lastUpdated"]["when"] and
          first["body"]["storage"]["value"].startswith("<p>") and
          first["children"]["attachment"]["size"] == 1, first.keys())
    attachments = client.get_attachments_from_content(first["id"], start=0, limit=100,
                                                      expand="version")
    attachment = attachments["results"][0]
    content = client.get(attachment["_links"]["download"].lstrip("/"), not_json_response=True)
    check("an attachment and its PDF bytes", attachment["title"] == "report.pdf" and
          content.startswith(b"%PDF") and len(content) == attachment["extensions"]["fileSize"],
          attachment)
    cloud = Confluence(url=URL + "/wiki", username=USER, password=SECRET)
    check("Cloud paths under /wiki", len(search_all(cloud, "type=blogpost")) == 250)

    try:
        Confluence(url=URL, username=USER, password="wrong").get_all_spaces()
        check("a wrong password is refused", False, "accepted")
    except Exception as error:  # the library raises requests' HTTPError
        status = getattr(getattr(error, "response", None), "status_code", None)
        check("a wrong password is refused", status == 401, error)
    bearer = Confluence(url=URL, token=TOKEN)
    check("a personal access token is accepted",
          len(bearer.get_all_spaces(start=0, limit=100)["results"]) == 10)

    control(URL, "faults", {"rules": [{"path": "/rest/api/content/search", "status": 429,
                                  "retry_after": 1, "every": 4, "times": 3}]})
    started = time.monotonic()
    retried = Confluence(url=URL, username=USER, password=SECRET, backoff_and_retry=True,
                         max_backoff_retries=5, retry_status_codes=[429])
    again = search_all(retried, "type=page")
    waited = time.monotonic() - started
    control(URL, "faults", {"rules": []})
    check("429 with Retry-After: every page, after waiting", len(again) == 750 and waited >= 1,
          (len(again), waited))

    changed = control(URL, "change", {"edit": [first["id"]], "delete": [pages[1]["id"]], "add": 4})
    after = search_all(client, "type=page") + search_all(client, "type=blogpost")
    ids = {p["id"] for p in after}
    edited = [p for p in after if p["id"] == first["id"]]
    check("the control API changes the data", len(after) == 1003 and pages[1]["id"] not in ids
          and edited and edited[0]["title"].endswith("(edited)"), changed)

    return summary()


if __name__ == "__main__":
    sys.exit(main())
