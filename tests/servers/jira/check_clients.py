#!/usr/bin/env python3
"""Proves the Jira test server with a client that is not ours: the `jira` library (PyPI,
pycontribs) reads the user, the projects, every issue through JQL paging, an issue and its
attachment; is refused with a wrong API token (401); authenticates with a personal access
token; rides out 429 answers by waiting as Retry-After says; and sees the data change through
the control API. Exits non-zero, naming each failed check.

Usage: check_clients.py URL USER SECRET TOKEN   (a server started with 1000 issues)
"""
import os
import sys
import time

from jira import JIRA, JIRAError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rest"))
from checks import check, control, summary  # noqa: E402

URL, USER, SECRET, TOKEN = sys.argv[1:5]


def main():
    client = JIRA(server=URL, basic_auth=(USER, SECRET))
    check("myself has a time zone", client.myself().get("timeZone") == "Asia/Kolkata")
    projects = client.projects()
    check("10 projects", [p.key for p in projects] == ["P%d" % i for i in range(10)],
          [p.key for p in projects])
    check("a project by key", client.project("P3").name == "Project 3")
    issues = client.search_issues("", maxResults=False)
    check("JQL paging reads every issue once", len({i.key for i in issues}) == 1000,
          len(issues))
    some = client.search_issues("project in (P1,P2)", maxResults=False)
    check("a project filter", len(some) == 200 and {i.fields.project.key for i in some} ==
          {"P1", "P2"}, len(some))
    issue = client.issue("P0-1")
    attachment = issue.fields.attachment[0]
    content = attachment.get()
    check("an issue and its PDF attachment", issue.fields.summary == "Issue 0" and
          attachment.filename == "report.pdf" and content.startswith(b"%PDF") and
          len(content) == attachment.size, (issue.fields.summary, attachment.filename))

    try:
        JIRA(server=URL, basic_auth=(USER, "wrong-token"), max_retries=0).myself()
        check("a wrong API token is refused", False, "accepted")
    except JIRAError as error:
        check("a wrong API token is refused", error.status_code == 401, error)
    bearer = JIRA(server=URL, token_auth=TOKEN)
    check("a personal access token is accepted", bearer.myself()["displayName"] == "Test User")

    control(URL, "faults", {"rules": [{"path": "/rest/api/2/search", "status": 429,
                                  "retry_after": 1, "every": 3}]})
    started = time.monotonic()
    again = client.search_issues("", maxResults=False)
    waited = time.monotonic() - started
    control(URL, "faults", {"rules": []})
    check("429 with Retry-After: every issue, after waiting", len(again) == 1000 and
          waited >= 3, (len(again), waited))

    changed = control(URL, "change", {"edit": ["P0-2"], "delete": ["P1-1"], "add": 3})
    after = client.search_issues("", maxResults=False)
    keys = {i.key for i in after}
    check("the control API changes the data", len(after) == 1002 and "P1-1" not in keys and
          set(changed["added"]) <= keys and
          client.issue("P0-2").fields.summary.endswith("(edited)"), changed)

    return summary()


if __name__ == "__main__":
    sys.exit(main())
