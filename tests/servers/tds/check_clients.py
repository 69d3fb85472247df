#!/usr/bin/env python3
"""Proves the TDS front-end with clients that are not ours: pytds (PyPI python-tds, the
driver the reference connector uses) and FreeTDS's own `tsql` each log in, are refused with
a wrong password, and read the same typed rows; pytds also cancels a running query with an
ATTENTION and goes on; tsql reads over TLS and refuses a certificate without the host's name. Exits non-zero, naming each failed check.

Usage: check_clients.py PORT USER PASSWORD PG_DSN
"""
import datetime
import decimal
import os
import subprocess
import sys
import uuid

import psycopg2

PORT, USER, PASSWORD, PG_DSN = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
DATABASE = "ei_tds_check_%d" % os.getpid()
failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + str(detail)[:2000]))
    if not condition:
        failures.append(name)


ROWS = [
    (1, 9000000000, True, decimal.Decimal("1234.567"), 0.5, "Zoë", "long " * 2000, b"\x00\xff",
     datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15, 123456),
     uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
    (2, None, None, None, None, None, None, None, None, None, None),
    (3, -1, False, decimal.Decimal("-0.001"), -0.125, "", "", b"", datetime.date(1, 1, 1),
     datetime.datetime(9999, 12, 31, 23, 59, 59, 999999),
     uuid.UUID("00000000-0000-0000-0000-000000000001")),
]
# What tsql prints for the same rows (its own text forms: bit as 0/1, binary as hex, dates
# in its default format, GUIDs in upper case).
TSQL_ROWS = [
    ["1", "9000000000", "1", "1234.567", "0.5", "Zoë", "long " * 2000, "00ff",
     "Feb 29 2024 12:00AM", "Feb 29 2024 01:14PM", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"],
    ["2"] + ["NULL"] * 10,
    ["3", "-1", "0", "-0.001", "-0.125", "", "", "", "Jan  1 1 12:00AM",
     "Dec 31 9999 11:59PM", "00000000-0000-0000-0000-000000000001"],
]


def setup():
    admin = psycopg2.connect(PG_DSN, dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute("CREATE DATABASE " + DATABASE)
    admin.close()
    db = psycopg2.connect(PG_DSN, dbname=DATABASE)
    with db, db.cursor() as cursor:
        cursor.execute("CREATE SCHEMA dbo")
        cursor.execute(
            "CREATE TABLE dbo.typed (id int PRIMARY KEY, big bigint, flag boolean, amount "
            "numeric(12,3), ratio double precision, name varchar(50), note text, data bytea, "
            "day date, moment timestamp, key uuid)")
        for row in ROWS:
            cursor.execute("INSERT INTO dbo.typed VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                           [str(v) if isinstance(v, uuid.UUID) else v for v in row])
        cursor.execute("CREATE TABLE dbo.many AS SELECT i AS id FROM generate_series(1, 200000) i")
    db.close()


def teardown():
    admin = psycopg2.connect(PG_DSN, dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute("DROP DATABASE IF EXISTS %s WITH (FORCE)" % DATABASE)
    admin.close()


def with_pytds():
    import pytds
    connection = pytds.connect(server="127.0.0.1", port=int(PORT), user=USER, password=PASSWORD,
                               database=DATABASE, autocommit=True, login_timeout=10)
    cursor = connection.cursor()
    cursor.execute("SELECT * FROM dbo.typed ORDER BY id")
    rows = [tuple(row) for row in cursor.fetchall()]
    check("pytds reads the typed rows", rows == ROWS, rows)
    check("pytds sees the column names",
          [d[0] for d in cursor.description][:3] == ["id", "big", "flag"], cursor.description)

    # ATTENTION (MS-TDS 2.2.1.7): cancel a long result part way, then the session goes on.
    cursor.execute("SELECT id FROM dbo.many ORDER BY id")
    first = cursor.fetchone()
    cursor.cancel()
    cursor.execute("SELECT COUNT(*) FROM dbo.many")
    check("pytds cancels a running query and goes on",
          first[0] == 1 and cursor.fetchone()[0] == 200000)

    cursor.execute("SELECT * FROM dbo.no_such_table")
    check("pytds gets error 208 for an unknown table", False, "no error")


def pytds_errors():
    import pytds
    try:
        with_pytds()
    except pytds.ProgrammingError as error:
        check("pytds gets error 208 for an unknown table", getattr(error, "number", 0) == 208,
              error)
    try:
        pytds.connect(server="127.0.0.1", port=int(PORT), user=USER, password="wrong-password",
                      database=DATABASE, login_timeout=10)
        check("pytds is refused a wrong password", False, "logged in")
    except pytds.OperationalError as error:
        check("pytds is refused a wrong password", "Login failed for user" in str(error), error)


def tsql(password, script):
    env = dict(os.environ, TDSVER="7.4")
    return subprocess.run(["tsql", "-H", "127.0.0.1", "-p", PORT, "-U", USER, "-P", password,
                           "-D", DATABASE, "-o", "q"], input=script, capture_output=True,
                          text=True, env=env, timeout=60)


def with_tsql():
    done = tsql(PASSWORD, "SELECT * FROM dbo.typed ORDER BY id\ngo\nexit\n")
    lines = [line for line in done.stdout.splitlines() if line]
    body = [line.split("\t") for line in lines if not line.startswith(("1>", "2>", "("))]
    check("tsql reads the typed rows", body[1:] == TSQL_ROWS and body[0][0] == "id",
          done.stdout + done.stderr)
    refused = tsql("wrong-password", "SELECT 1\ngo\nexit\n")
    check("tsql is refused a wrong password",
          "Login failed for user '%s'" % USER in refused.stdout + refused.stderr,
          refused.stdout + refused.stderr)


def with_tsql_over_tls():
    """TLS inside TDS: FreeTDS verifies the front-end's certificate (it names localhost only)."""
    ca = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../.cache/test-servers",
                      "tds-%s-ca.pem" % PORT)
    config = os.path.join("/tmp", "ei-tds-check-%d.conf" % os.getpid())
    with open(config, "w") as out:
        for name, host in (("by_name", "localhost"), ("by_address", "127.0.0.1")):
            out.write("[%s]\n\thost = %s\n\tport = %s\n\ttds version = 7.4\n"
                      "\tencryption = require\n\tca file = %s\n"
                      "\tcheck certificate hostname = yes\n" % (name, host, PORT, ca))
    try:
        env = dict(os.environ, FREETDSCONF=config)
        script = "SELECT id FROM dbo.typed ORDER BY id\ngo\nexit\n"
        named = subprocess.run(["tsql", "-S", "by_name", "-U", USER, "-P", PASSWORD, "-D",
                                DATABASE, "-o", "q"], input=script, capture_output=True,
                               text=True, env=env, timeout=60)
        check("tsql reads over TLS, verifying the certificate and its name",
              named.stdout.split() == ["id", "1", "2", "3"], named.stdout + named.stderr)
        other = subprocess.run(["tsql", "-S", "by_address", "-U", USER, "-P", PASSWORD, "-D",
                                DATABASE, "-o", "q"], input=script, capture_output=True,
                               text=True, env=env, timeout=60)
        check("tsql refuses a certificate that does not name the host",
              "id" not in other.stdout.split(), other.stdout + other.stderr)
    finally:
        os.remove(config)


def main():
    setup()
    try:
        pytds_errors()
        with_tsql()
        with_tsql_over_tls()
    finally:
        teardown()
    if failures:
        print("%d check(s) failed: %s" % (len(failures), ", ".join(failures)))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
