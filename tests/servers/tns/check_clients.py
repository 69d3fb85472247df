#!/usr/bin/env python3
"""Proves the TNS front-end with a client that is not ours: python-oracledb (PyPI
`oracledb`, Oracle's own driver) in its thin mode, a pure implementation of Oracle Net. It
logs on with O5LOGON, is refused with a wrong password and with an unknown SID, reads typed
rows over several fetches, reads the Oracle dictionary views and functions the oracle source
queries, gets an ORA- error for a bad statement and goes on, and connects over TCPS, verifying
the certificate, and is refused when the certificate lacks the host's name. Exits non-zero,
naming each failed check.

Usage: check_clients.py PORT TLS_PORT USER PASSWORD SID CA_FILE PG_DSN
"""
import datetime
import decimal
import sys

import oracledb
import psycopg2

PORT, TLS_PORT, USER, PASSWORD, SID, CA_FILE, PG_DSN = sys.argv[1:8]
failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + str(detail)[:2000]))
    if not condition:
        failures.append(name)


def descriptor(protocol="TCP", host="127.0.0.1", port=PORT, sid=SID):
    return "(DESCRIPTION=(ADDRESS=(PROTOCOL=%s)(HOST=%s)(PORT=%s))(CONNECT_DATA=(SID=%s)))" % (
        protocol, host, port, sid)


def error_of(action):
    try:
        action()
    except oracledb.Error as error:
        return str(error)
    return None


LONG_TEXT = "long " * 3000
ROWS = [
    (1, "Zoë", "ü" * 3, "ab", decimal.Decimal("1234.567"), 9000000000, 0.5, LONG_TEXT, "clob " * 2000,
     b"\x00\xff", b"blob" * 1000, datetime.date(2024, 2, 29),
     datetime.datetime(2024, 2, 29, 13, 14, 15, 123456)),
    (2, None, None, None, None, None, None, None, None, None, None, None, None),
    (3, "x", "y", "z", decimal.Decimal("-0.001"), -1, -0.125, "", "", b"", b"", datetime.date(1, 1, 1),
     datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)),
]


def setup():
    db = psycopg2.connect(PG_DSN, dbname=SID)
    db.autocommit = True
    with db.cursor() as cursor:
        cursor.execute("SET search_path = %s, public" % USER)
        cursor.execute("DROP TABLE IF EXISTS typed, many")
        cursor.execute(
            "CREATE TABLE typed (id int PRIMARY KEY, name varchar(50), national nvarchar2, "
            "code char(2), amount numeric(12,3), big bigint, ratio double precision, note text, "
            "body clob, data bytea, picture blob, day date, moment timestamp)")
        for row in ROWS:
            cursor.execute("INSERT INTO typed VALUES (%s)" % ", ".join(["%s"] * len(row)), row)
        cursor.execute("CREATE TABLE many (id int PRIMARY KEY, name varchar(20))")
        cursor.execute("INSERT INTO many SELECT i, 'row ' || i FROM generate_series(1, 5000) i")
    db.close()


def expected_typed():
    out = []
    for row in ROWS:
        (rid, name, national, code, amount, big, ratio, note, body, data, picture, day, moment) = row
        # Oracle has no empty strings: '' is NULL.
        blank = lambda v: v if v not in ("", b"") else None
        # CHAR(2) is blank-padded, as in Oracle.
        out.append((rid, blank(name), blank(national), code and code.ljust(2),
                    None if amount is None else float(amount), big, ratio, blank(note), blank(body),
                    blank(data), blank(picture),
                    None if day is None else datetime.datetime(day.year, day.month, day.day),
                    moment))
    return out


def main():
    setup()
    oracledb.defaults.fetch_lobs = False  # CLOB and BLOB as str and bytes
    connection = oracledb.connect(user=USER, password=PASSWORD, dsn=descriptor())
    check("thin mode", connection.thin)
    check("server version", connection.version.startswith("19."), connection.version)
    cursor = connection.cursor()
    cursor.execute("SELECT 1+1 FROM DUAL")
    check("ping query", cursor.fetchall() == [(2,)])

    cursor.execute("SELECT * FROM typed ORDER BY id")
    # With fetch_lobs off the driver defines CLOB and BLOB columns as LONG and LONG RAW (a
    # second execute with defines) and describes them so.
    types = [d[1] for d in cursor.description]
    check("column types", types == [
        oracledb.DB_TYPE_NUMBER, oracledb.DB_TYPE_VARCHAR, oracledb.DB_TYPE_NVARCHAR,
        oracledb.DB_TYPE_CHAR, oracledb.DB_TYPE_NUMBER, oracledb.DB_TYPE_NUMBER,
        oracledb.DB_TYPE_BINARY_DOUBLE, oracledb.DB_TYPE_LONG, oracledb.DB_TYPE_LONG,
        oracledb.DB_TYPE_LONG_RAW, oracledb.DB_TYPE_LONG_RAW, oracledb.DB_TYPE_DATE,
        oracledb.DB_TYPE_TIMESTAMP], types)
    check("column names", [d[0] for d in cursor.description][:3] == ["ID", "NAME", "NATIONAL"],
          cursor.description)
    rows = cursor.fetchall()
    differences = [(r[0], i, repr(a)[:80], repr(b)[:80]) for r, e in zip(rows, expected_typed())
                   for i, (a, b) in enumerate(zip(r, e)) if a != b]
    check("typed rows", len(rows) == 3 and not differences, differences or len(rows))

    cursor.execute("SELECT INTERVAL '1 day 02:03:04.5' AS d, INTERVAL '-00:00:01' AS n FROM DUAL")
    check("INTERVAL DAY TO SECOND", cursor.description[0][1] == oracledb.DB_TYPE_INTERVAL_DS and
          cursor.fetchall() == [(datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5),
                                 datetime.timedelta(seconds=-1))], cursor.description)

    cursor.arraysize = 333
    cursor.execute("SELECT id, name FROM many ORDER BY id")
    rows = cursor.fetchall()
    check("5000 rows over many fetches",
          rows == [(i, "row %d" % i) for i in range(1, 5001)], rows[:3])
    cursor.execute("SELECT id FROM many ORDER BY id")
    first = cursor.fetchmany(10)
    cursor.execute("SELECT COUNT(*) FROM many")
    check("a new query while one is open", first == [(i,) for i in range(1, 11)] and
          cursor.fetchall() == [(5000,)])

    user = USER.upper()
    cursor.execute("SELECT TABLE_NAME FROM all_tables where OWNER = '%s'" % user)
    tables = {row[0] for row in cursor.fetchall()}
    check("all_tables", {"TYPED", "MANY"} <= tables, tables)
    cursor.execute(
        "SELECT cols.column_name FROM all_constraints cons, all_cons_columns cols "
        "WHERE cols.table_name = 'TYPED' AND cons.constraint_type = 'P' "
        "AND cons.constraint_name = cols.constraint_name AND cons.owner = '%s' "
        "AND cons.owner = cols.owner ORDER BY cols.table_name, cols.position" % user)
    check("primary key of the dictionary views", cursor.fetchall() == [("ID",)])
    cursor.execute("SELECT SCN_TO_TIMESTAMP(MAX(ora_rowscn)) from typed")
    (stamp,) = cursor.fetchone()
    check("SCN_TO_TIMESTAMP(MAX(ora_rowscn))", isinstance(stamp, datetime.datetime) and
          abs(stamp - datetime.datetime.utcnow()) < datetime.timedelta(minutes=10), stamp)

    failure = error_of(lambda: cursor.execute("SELECT * FROM no_such_table"))
    check("unknown table is ORA-00942", failure is not None and "ORA-00942" in failure, failure)
    cursor.execute("SELECT COUNT(*) FROM typed")
    check("the session goes on after an error", cursor.fetchall() == [(3,)])
    connection.close()

    failure = error_of(lambda: oracledb.connect(user=USER, password=PASSWORD + "x", dsn=descriptor()))
    check("wrong password is ORA-01017", failure is not None and "ORA-01017" in failure, failure)
    failure = error_of(lambda: oracledb.connect(user="nobody", password=PASSWORD, dsn=descriptor()))
    check("unknown user is ORA-01017", failure is not None and "ORA-01017" in failure, failure)
    failure = error_of(lambda: oracledb.connect(user=USER, password=PASSWORD,
                                                dsn=descriptor(sid="no_such_sid")))
    check("unknown SID is refused (ORA-12505)", failure is not None and "12505" in failure, failure)

    tls = oracledb.connect(user=USER, password=PASSWORD, ssl_server_cert_dn=None,
                           dsn=descriptor("TCPS", "localhost", TLS_PORT),
                           ssl_context=__import__("ssl").create_default_context(cafile=CA_FILE))
    tls_cursor = tls.cursor()
    tls_cursor.execute("SELECT name FROM typed WHERE id = 1")
    check("TCPS with the authority's certificate", tls_cursor.fetchall() == [("Zoë",)])
    tls.close()
    failure = error_of(lambda: oracledb.connect(
        user=USER, password=PASSWORD, dsn=descriptor("TCPS", "127.0.0.1", TLS_PORT),
        ssl_context=__import__("ssl").create_default_context(cafile=CA_FILE)))
    check("TCPS refuses a certificate without the host's name", failure is not None, failure)

    db = psycopg2.connect(PG_DSN, dbname=SID)
    db.autocommit = True
    db.cursor().execute("DROP TABLE %s.typed, %s.many" % (USER, USER))
    db.close()
    if failures:
        print("%d check(s) failed: %s" % (len(failures), ", ".join(failures)))
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
