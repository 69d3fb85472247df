#!/usr/bin/env python3
"""A Jira test server: the REST v2 endpoints the `jira` source reads (sources spec §14.3),
with Jira's JSON shapes, paging and authentication, over data generated from a seed, so that
a sync's expected documents are known. A control API (under /_control/) changes the data
between syncs and injects faults (429 with Retry-After, 500, slow answers, dropped
connections) on chosen requests. The README names the Atlassian page each endpoint follows.
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
from faults import Faults  # noqa: E402  (shared with the other REST test servers)
from attachments import attachment_content  # noqa: E402
from rest_handler import RestHandler, RestServer  # noqa: E402

log = logging.getLogger("jira")
EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
ISSUE_TYPES = ["Bug", "Task", "Story"]


def jira_time(minutes):
    """Jira's timestamp form: 2024-01-01T00:00:00.000+0000."""
    moment = EPOCH + datetime.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000+0000")


class Data:
    """Projects, issues and attachments, deterministic from the counts; changed by /_control."""

    def __init__(self, base, projects, issues, attachment_every):
        self.base = base
        self.lock = threading.Lock()
        self.projects = [{"id": str(10000 + p), "key": "P%d" % p, "name": "Project %d" % p}
                         for p in range(projects)]
        self.issues = {}  # key -> issue (insertion order = search order)
        self.contents = {}  # attachment id -> (filename, bytes)
        self.attachment_every = attachment_every
        self.next_number = 0
        for _ in range(issues):
            self.add_issue()

    def add_issue(self):
        i = self.next_number
        self.next_number += 1
        project = self.projects[i % len(self.projects)]
        key = "%s-%d" % (project["key"], i // len(self.projects) + 1)
        attachments = []
        if self.attachment_every and i % self.attachment_every == 0:
            attachment_id = str(30000 + i)
            name, content = attachment_content(i, "issue")
            self.contents[attachment_id] = (name, content)
            attachments.append({
                "self": "%s/rest/api/2/attachment/%s" % (self.base, attachment_id),
                "id": attachment_id, "filename": name,
                "author": {"displayName": "Test User", "active": True},
                "created": jira_time(i), "size": len(content),
                "mimeType": "application/octet-stream",
                "content": "%s/secure/attachment/%s/%s" % (self.base, attachment_id,
                                                           urllib.parse.quote(name))})
        fields = {
            "summary": "Issue %d" % i,
            "description": "Description of issue %d. " % i + "lorem ipsum " * 60,
            "issuetype": {"self": "%s/rest/api/2/issuetype/%d" % (self.base, i % 3 + 1),
                          "id": str(i % 3 + 1), "name": ISSUE_TYPES[i % 3], "subtask": False},
            "project": {"self": "%s/rest/api/2/project/%s" % (self.base, project["id"]),
                        "id": project["id"], "key": project["key"], "name": project["name"],
                        "projectTypeKey": "software"},
            "status": {"name": "To Do" if i % 2 else "Done", "id": str(i % 2 + 1)},
            "priority": {"name": "Medium", "id": "3"},
            "labels": ["label%d" % (i % 5)],
            "created": jira_time(i),
            "updated": jira_time(i + 1),
            "attachment": attachments,
        }
        self.issues[key] = {"expand": "renderedFields,names,schema,operations,editmeta,"
                                      "changelog,versionedRepresentations",
                            "id": str(20000 + i),
                            "self": "%s/rest/api/2/issue/%d" % (self.base, 20000 + i),
                            "key": key, "fields": fields}
        return key


    def project_json(self, project):
        return {"expand": "description,lead,issueTypes,url,projectKeys,permissions,insight",
                "self": "%s/rest/api/2/project/%s" % (self.base, project["id"]),
                "id": project["id"], "key": project["key"], "name": project["name"],
                "avatarUrls": {"48x48": "%s/secure/projectavatar?avatarId=10324" % self.base},
                "projectTypeKey": "software", "simplified": False, "style": "classic",
                "isPrivate": False, "description": "The %s project" % project["name"],
                "lead": {"displayName": "Test User", "active": True}, "url": ""}


class Handler(RestHandler):
    server_version = "ei-jira-test-server"
    unauthorized_message = ("You are not authenticated. Authentication required to perform "
                            "this operation.")

    @staticmethod
    def error_body(status, message):
        return {"errorMessages": [message], "errors": {}}  # Jira's ErrorCollection

    def change(self, body):
        data = self.server.data
        with data.lock:
            edited, deleted, added = [], [], []
            for key in body.get("edit", []):
                fields = data.issues[key]["fields"]
                fields["summary"] += " (edited)"
                fields["updated"] = jira_time(10 ** 6 + len(edited))
                edited.append(key)
            for key in body.get("delete", []):
                for attachment in data.issues.pop(key)["fields"]["attachment"]:
                    data.contents.pop(attachment["id"], None)
                deleted.append(key)
            for _ in range(body.get("add", 0)):
                added.append(data.add_issue())
        return {"edited": edited, "deleted": deleted, "added": added}

    def route(self, path, query):
        data, config = self.server.data, self.server.config
        if path == "/rest/api/2/myself":
            return self.send_json(200, {
                "self": "%s/rest/api/2/user?accountId=5b10a2844c20165700ede21g" % data.base,
                "accountId": "5b10a2844c20165700ede21g", "emailAddress": config.user,
                "displayName": "Test User", "active": True, "timeZone": "Asia/Kolkata",
                "locale": "en_US"})
        if path == "/rest/api/2/serverInfo":
            return self.send_json(200, {"baseUrl": data.base, "version": "9.12.2",
                                        "versionNumbers": [9, 12, 2],
                                        "deploymentType": "Server", "buildNumber": 9120002,
                                        "serverTitle": "Jira (elastic-ingest tests)"})
        if path == "/rest/api/2/field":
            return self.send_json(200, [
                {"id": name, "key": name, "name": name.capitalize(), "custom": False,
                 "orderable": True, "navigable": True, "searchable": True,
                 "clauseNames": [name], "schema": {"type": kind, "system": name}}
                for name, kind in (("summary", "string"), ("description", "string"),
                                   ("issuetype", "issuetype"), ("project", "project"),
                                   ("status", "status"), ("priority", "priority"),
                                   ("labels", "array"), ("created", "datetime"),
                                   ("updated", "datetime"), ("attachment", "array"))])
        if path == "/rest/api/2/project":
            with data.lock:
                return self.send_json(200, [data.project_json(p) for p in data.projects])
        match = re.fullmatch(r"/rest/api/2/project/([^/]+)", path)
        if match:
            for project in data.projects:
                if match.group(1) in (project["key"], project["id"]):
                    return self.send_json(200, data.project_json(project))
            return self.error(404, "No project could be found with key '%s'." % match.group(1))
        if path == "/rest/api/2/search":
            return self.search(query)
        match = re.fullmatch(r"/rest/api/2/issue/([^/]+)", path)
        if match:
            with data.lock:
                issue = data.issues.get(match.group(1))
            if issue is None:
                return self.error(404, "Issue does not exist or you do not have permission "
                                       "to see it.")
            return self.send_json(200, issue)
        match = (re.fullmatch(r"/rest/api/2/attachment/content/(\d+)", path) or
                 re.fullmatch(r"/secure/attachment/(\d+)/.*", path))
        if match:
            with data.lock:
                found = data.contents.get(match.group(1))
            if found is None:
                return self.error(404, "The attachment does not exist.")
            return self.send_bytes(found[1])
        self.error(404, "null for uri: %s%s" % (data.base, path))

    def search(self, query):
        data = self.server.data
        jql = query.get("jql", [""])[0].strip()
        keys = None
        if jql:
            match = re.fullmatch(r"project\s+in\s*\(([^)]*)\)", jql, re.IGNORECASE)
            if not match:
                return self.error(400, "Error in the JQL Query: '%s'" % jql)
            keys = {k.strip().strip('"') for k in match.group(1).split(",")}
        try:
            start = int(query.get("startAt", ["0"])[0])
            size = min(int(query.get("maxResults", ["50"])[0]), 100)
        except ValueError:
            return self.error(400, "startAt and maxResults must be numbers")
        with data.lock:
            found = [issue for issue in data.issues.values()
                     if keys is None or issue["fields"]["project"]["key"] in keys]
            page = found[start:start + size]
        self.send_json(200, {"expand": "schema,names", "startAt": start, "maxResults": size,
                             "total": len(found), "issues": page})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--user", required=True, help="account e-mail (Cloud) or user name")
    parser.add_argument("--secret", required=True, help="API token (Cloud) or password")
    parser.add_argument("--token", default="", help="a personal access token (Bearer)")
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--issues", type=int, default=1000)
    parser.add_argument("--attachment-every", type=int, default=10)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(message)s", stream=sys.stderr)
    base = "http://127.0.0.1:%d" % args.port
    server = RestServer(("127.0.0.1", args.port), Handler)
    server.config = args
    server.config.base = base
    server.data = Data(base, args.projects, args.issues, args.attachment_every)
    server.faults = Faults()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    log.info("Jira test server on %s: %d projects, %d issues", base, args.projects, args.issues)
    server.serve_forever()


if __name__ == "__main__":
    main()
