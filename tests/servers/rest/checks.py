"""What the REST test servers' client checks share: a named check that prints ok/FAIL and is
counted, a call to the server's control API, and the exit status."""
import json
import urllib.request

failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name +
          ("" if condition else ": " + str(detail)[:2000]))
    if not condition:
        failures.append(name)


def control(url, path, body):
    """POSTs `body` to the server's /_control/<path> and returns its JSON answer."""
    request = urllib.request.Request(url + "/_control/" + path, json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def summary():
    """Prints the outcome; the process's exit status."""
    if failures:
        print("%d check(s) failed: %s" % (len(failures), ", ".join(failures)))
        return 1
    print("all checks passed")
    return 0
