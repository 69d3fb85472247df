"""Fault injection for the REST test servers (Jira, Confluence): rules set through their
control API choose which requests get a 429 with Retry-After, an error status, a slow
answer or a dropped connection."""
import re
import threading


class Faults:
    """Rules: {"path": regex, "status": 429|500|..., "retry_after": s, "delay": s,
    "drop": true, "every": n, "times": n}: every n-th matching request gets the fault,
    at most `times` times (all when absent)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []
        self.stats = {"requests": 0, "faults": 0}

    def set(self, rules):
        with self.lock:
            self.rules = [dict(rule, seen=0, fired=0) for rule in rules]

    def pick(self, path):
        with self.lock:
            self.stats["requests"] += 1
            for rule in self.rules:
                if not re.search(rule.get("path", ""), path):
                    continue
                rule["seen"] += 1
                if rule["seen"] % max(1, rule.get("every", 1)):
                    continue
                if "times" in rule and rule["fired"] >= rule["times"]:
                    continue
                rule["fired"] += 1
                self.stats["faults"] += 1
                return rule
        return None
