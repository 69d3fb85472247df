#!/usr/bin/env python3
"""A SQL Server front-end for tests: speaks TDS 7.4 (Microsoft's MS-TDS) to clients and runs
every statement on a real PostgreSQL, answering with typed TDS result sets.

One thread per client connection, one PostgreSQL connection per client (the TDS login's
database names the PostgreSQL database). Results are streamed with a server-side cursor, so a
large table never sits in memory. The README lists the MS-TDS sections implemented.
"""
import argparse
import datetime
import decimal
import logging
import os
import select
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import uuid

import psycopg2
import psycopg2.extensions

# Packet types (MS-TDS 2.2.3.1.1).
PKT_SQL_BATCH = 0x01
PKT_RPC = 0x03
PKT_REPLY = 0x04
PKT_ATTENTION = 0x06
PKT_TRANSACTION = 0x0E
PKT_LOGIN7 = 0x10
PKT_PRELOGIN = 0x12
STATUS_EOM = 0x01

# Tokens (MS-TDS 2.2.7).
TOKEN_COLMETADATA = 0x81
TOKEN_ERROR = 0xAA
TOKEN_INFO = 0xAB
TOKEN_LOGINACK = 0xAD
TOKEN_ROW = 0xD1
TOKEN_ENVCHANGE = 0xE3
TOKEN_DONE = 0xFD

DONE_FINAL = 0x00
DONE_MORE = 0x01
DONE_ERROR = 0x02
DONE_COUNT = 0x10
DONE_ATTN = 0x20

# Data types (MS-TDS 2.2.5.4).
INTN = 0x26
BITN = 0x68
FLTN = 0x6D
DECIMALN = 0x6A
NVARCHAR = 0xE7
BIGVARBINARY = 0xA5
DATEN = 0x28
TIMEN = 0x29
DATETIME2N = 0x2A
DATETIMEOFFSETN = 0x2B
GUID = 0x24

TDS74 = 0x74000004
# Latin1_General_CI_AS: LCID 0x0409, flags, sort id 52 (MS-TDS 2.2.5.1.2).
COLLATION = bytes([0x09, 0x04, 0xD0, 0x00, 0x34])
PLP_NULL = 0xFFFFFFFFFFFFFFFF
PLP_UNKNOWN = 0xFFFFFFFFFFFFFFFE
FETCH_ROWS = 2000
DAY_ZERO = datetime.date(1, 1, 1)

log = logging.getLogger("tds")


class ClientGone(Exception):
    pass


def ucs2(text):
    return text.encode("utf-16-le")


def b_varchar(text):
    data = ucs2(text)
    return bytes([len(data) // 2]) + data


def us_varchar(text):
    data = ucs2(text)
    return struct.pack("<H", len(data) // 2) + data


def done(status=DONE_FINAL, count=0, command=0xC1):
    return struct.pack("<BHHQ", TOKEN_DONE, status, command, count)


def envchange(kind, new, old=""):
    body = bytes([kind]) + b_varchar(new) + b_varchar(old)
    return struct.pack("<BH", TOKEN_ENVCHANGE, len(body)) + body


def message_token(token, number, severity, text, server="eitds", state=1):
    body = (struct.pack("<iBB", number, state, severity) + us_varchar(text) + b_varchar(server)
            + b_varchar("") + struct.pack("<i", 1))
    return struct.pack("<BH", token, len(body)) + body


def error_token(number, severity, text, state=1):
    return message_token(TOKEN_ERROR, number, severity, text, state=state)


# ---------------------------------------------------------------------------------------------
# Column types: PostgreSQL type OID -> TDS TYPE_INFO and a value encoder.

class Column:
    def __init__(self, name, type_info, encode):
        self.name = name
        self.type_info = type_info
        self.encode = encode


def encode_intn(size):
    fmt = {1: "<B", 2: "<h", 4: "<i", 8: "<q"}[size]

    def encode(value):
        if value is None:
            return b"\x00"
        return bytes([size]) + struct.pack(fmt, int(value))
    return encode


def encode_bit(value):
    return b"\x00" if value is None else b"\x01" + (b"\x01" if value else b"\x00")


def encode_float(size):
    fmt = "<f" if size == 4 else "<d"

    def encode(value):
        if value is None:
            return b"\x00"
        return bytes([size]) + struct.pack(fmt, float(value))
    return encode


def decimal_size(precision):
    return 5 if precision <= 9 else 9 if precision <= 19 else 13 if precision <= 28 else 17


def encode_decimal(precision, scale):
    size = decimal_size(precision)

    def encode(value):
        if value is None:
            return b"\x00"
        scaled = int(decimal.Decimal(value).scaleb(scale).to_integral_value(decimal.ROUND_HALF_EVEN))
        sign = 1 if scaled >= 0 else 0
        return bytes([size, sign]) + abs(scaled).to_bytes(size - 1, "little")
    return encode


def plp(data):
    if data is None:
        return struct.pack("<Q", PLP_NULL)
    out = [struct.pack("<Q", len(data))]
    for start in range(0, len(data), 8000):
        chunk = data[start:start + 8000]
        out.append(struct.pack("<I", len(chunk)) + chunk)
    out.append(b"\x00\x00\x00\x00")
    return b"".join(out)


def encode_nvarchar_max(value):
    return plp(None if value is None else ucs2(str(value)))


def encode_nvarchar(value):
    if value is None:
        return b"\xff\xff"
    data = ucs2(str(value))
    return struct.pack("<H", len(data)) + data


def encode_varbinary_max(value):
    return plp(None if value is None else bytes(value))


def encode_date(value):
    if value is None:
        return b"\x00"
    return b"\x03" + (value - DAY_ZERO).days.to_bytes(3, "little")


def time_units(value, scale):
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    return (seconds * 1000000 + value.microsecond) * 10 ** scale // 1000000


def time_length(scale):
    return 3 if scale <= 2 else 4 if scale <= 4 else 5


def encode_datetime2(scale):
    length = time_length(scale)

    def encode(value):
        if value is None:
            return b"\x00"
        return (bytes([length + 3]) + time_units(value, scale).to_bytes(length, "little")
                + (value.date() - DAY_ZERO).days.to_bytes(3, "little"))
    return encode


def encode_datetimeoffset(scale):
    length = time_length(scale)

    def encode(value):
        if value is None:
            return b"\x00"
        offset = value.utcoffset() or datetime.timedelta(0)
        utc = (value - offset).replace(tzinfo=None)
        return (bytes([length + 5]) + time_units(utc, scale).to_bytes(length, "little")
                + (utc.date() - DAY_ZERO).days.to_bytes(3, "little")
                + struct.pack("<h", int(offset.total_seconds() // 60)))
    return encode


def encode_time(scale):
    length = time_length(scale)

    def encode(value):
        if value is None:
            return b"\x00"
        return bytes([length]) + time_units(value, scale).to_bytes(length, "little")
    return encode


def encode_guid(value):
    if value is None:
        return b"\x00"
    return b"\x10" + uuid.UUID(str(value)).bytes_le


def column_for(description):
    """The TDS type of one result column, from PostgreSQL's RowDescription."""
    name, oid = description.name, description.type_code
    if oid == 16:  # boolean
        return Column(name, bytes([BITN, 1]), encode_bit)
    if oid in (21, 23, 20, 26):  # int2, int4, int8, oid
        size = {21: 2, 23: 4, 20: 8, 26: 8}[oid]
        return Column(name, bytes([INTN, size]), encode_intn(size))
    if oid in (700, 701):  # float4, float8
        size = 4 if oid == 700 else 8
        return Column(name, bytes([FLTN, size]), encode_float(size))
    if oid == 1700 and description.precision and description.precision <= 38:
        precision, scale = description.precision, description.scale or 0
        return Column(name, bytes([DECIMALN, decimal_size(precision), precision, scale]),
                      encode_decimal(precision, scale))
    if oid == 17:  # bytea -> varbinary(max)
        return Column(name, bytes([BIGVARBINARY]) + b"\xff\xff", encode_varbinary_max)
    if oid == 1082:
        return Column(name, bytes([DATEN]), encode_date)
    if oid == 1114:  # timestamp -> datetime2(6)
        return Column(name, bytes([DATETIME2N, 6]), encode_datetime2(6))
    if oid == 1184:  # timestamptz -> datetimeoffset(6)
        return Column(name, bytes([DATETIMEOFFSETN, 6]), encode_datetimeoffset(6))
    if oid == 1083:
        return Column(name, bytes([TIMEN, 6]), encode_time(6))
    if oid == 2950:
        return Column(name, bytes([GUID, 16]), encode_guid)
    size = description.internal_size
    if oid == 1043 and description.internal_size and 0 < description.internal_size <= 4000:
        # varchar(n) -> nvarchar(n); internal_size is the declared length in characters.
        return Column(name, bytes([NVARCHAR]) + struct.pack("<H", size * 2) + COLLATION,
                      encode_nvarchar)
    # text, name, unconstrained numeric and everything else: nvarchar(max) of its text form.
    return Column(name, bytes([NVARCHAR]) + b"\xff\xff" + COLLATION, encode_nvarchar_max)


def colmetadata(columns):
    out = [struct.pack("<BH", TOKEN_COLMETADATA, len(columns))]
    for column in columns:
        # UserType 0, flags: nullable (0x0001) and updatable-unknown (0x0010 bit pair).
        out.append(struct.pack("<IH", 0, 0x0009) + column.type_info + b_varchar(column.name))
    return b"".join(out)


# ---------------------------------------------------------------------------------------------
# PostgreSQL errors -> SQL Server errors (number, severity, text).

def sql_server_error(error):
    code = getattr(error, "pgcode", None) or ""
    text = (getattr(error, "pgerror", None) or str(error)).strip().splitlines()[0]
    text = text.removeprefix("ERROR:").strip()
    if code == "42P01":
        return 208, 16, "Invalid object name: " + text
    if code == "42703":
        return 207, 16, "Invalid column name: " + text
    if code == "42601":
        return 102, 16, "Incorrect syntax: " + text
    if code.startswith("42"):
        return 229 if code == "42501" else 50000, 16, text
    if code.startswith("08") or isinstance(error, psycopg2.OperationalError):
        return 50000, 20, "Backend connection failed: " + text
    return 50000, 16, text


# The SQL Server catalogue objects the mssql source reads (sources spec §6.3), made from
# PostgreSQL's own: a table's last user update is the newest commit time of its rows.
CATALOGUE = """
CREATE SCHEMA IF NOT EXISTS sys;
CREATE OR REPLACE FUNCTION public.object_id(name text) RETURNS integer
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN to_regclass(name)::oid::integer;
END $$;
CREATE OR REPLACE FUNCTION sys.ei_last_user_update(rel oid) RETURNS timestamp
  LANGUAGE plpgsql STABLE AS $$
DECLARE result timestamp;
BEGIN
  EXECUTE format('SELECT MAX(pg_xact_commit_timestamp(xmin))::timestamp FROM %s', rel::regclass)
    INTO result;
  RETURN result;
END $$;
CREATE OR REPLACE VIEW sys.dm_db_index_usage_stats AS
  SELECT c.oid::integer AS object_id, current_database() AS database_name,
         sys.ei_last_user_update(c.oid) AS last_user_update
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast');
"""
catalogue_lock = threading.Lock()


# ---------------------------------------------------------------------------------------------

class Session(socketserver.BaseRequestHandler):
    """One client: PRELOGIN, LOGIN7, then SQL batches until the client leaves."""

    def setup(self):
        self.sock = self.request
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.packet_size = 4096
        self.packet_id = 1
        self.pg = None
        self.pending = b""
        self.attention = False
        self.tls = None  # an ssl.SSLObject once encryption is on (MS-TDS 2.2.6.5)
        self.tls_in = self.tls_out = None

    def finish(self):
        if self.pg is not None:
            try:
                self.pg.close()
            except Exception:
                pass

    # --- framing (MS-TDS 2.2.3) ---
    def recv_some(self, size):
        if self.tls is None:
            return self.sock.recv(size)
        while True:
            try:
                return self.tls.read(size)
            except ssl.SSLWantReadError:
                data = self.sock.recv(65536)
                if not data:
                    return b""
                self.tls_in.write(data)

    def send_raw(self, data):
        if self.tls is None:
            self.sock.sendall(data)
        else:
            self.tls.write(data)
            self.sock.sendall(self.tls_out.read())

    def recv_exact(self, size):
        data = b""
        while len(data) < size:
            chunk = self.recv_some(size - len(data))
            if not chunk:
                raise ClientGone()
            data += chunk
        return data

    def read_message(self):
        """The next whole message: (type, payload), reassembled from its packets."""
        payload = b""
        while True:
            header = self.recv_exact(8)
            kind, status, length = header[0], header[1], struct.unpack(">H", header[2:4])[0]
            if length < 8:
                raise ClientGone()
            payload += self.recv_exact(length - 8)
            log.debug("packet: type 0x%02x status 0x%02x length %d", kind, status, length)
            if status & STATUS_EOM:
                return kind, payload

    def send_packet(self, payload, last):
        header = struct.pack(">BBHHBB", PKT_REPLY, STATUS_EOM if last else 0, len(payload) + 8,
                             0, self.packet_id, 0)
        self.packet_id = (self.packet_id + 1) % 256
        self.send_raw(header + payload)

    def write(self, data):
        """Buffers reply bytes and sends every full packet."""
        self.pending += data
        room = self.packet_size - 8
        while len(self.pending) > room:
            self.send_packet(self.pending[:room], last=False)
            self.pending = self.pending[room:]
            self.check_attention()

    def end_message(self):
        self.send_packet(self.pending, last=True)
        self.pending = b""

    def check_attention(self):
        """An ATTENTION packet between our packets cancels the running statement (2.2.1.7)."""
        if self.attention:
            return
        if self.tls is None or self.tls.pending() == 0:
            readable, _, _ = select.select([self.sock], [], [], 0)
            if not readable:
                return
        kind, _ = self.read_message()
        if kind == PKT_ATTENTION:
            log.info("attention: the client cancels the running statement")
            self.attention = True
        else:
            raise ClientGone()

    # --- the conversation ---
    def handle(self):
        try:
            kind, payload = self.read_message()
            if kind != PKT_PRELOGIN:
                return
            if self.prelogin(payload):
                self.tls_handshake()
            kind, payload = self.read_message()
            if kind != PKT_LOGIN7 or not self.login(payload):
                return
            while True:
                kind, payload = self.read_message()
                if kind == PKT_SQL_BATCH:
                    self.sql_batch(payload)
                elif kind == PKT_ATTENTION:
                    self.write(done(DONE_ATTN))
                    self.end_message()
                elif kind == PKT_TRANSACTION:
                    self.transaction(payload)
                else:
                    self.write(error_token(16, 16, "Request type 0x%02x is not supported" % kind))
                    self.write(done(DONE_ERROR))
                    self.end_message()
        except (ClientGone, ConnectionError, OSError):
            pass

    def prelogin(self, payload):
        options = {}
        offset = 0
        while offset < len(payload) and payload[offset] != 0xFF:
            token, start, length = struct.unpack(">BHH", payload[offset:offset + 5])
            options[token] = payload[start:start + length]
            offset += 5
        requested = options.get(0x01, b"\x02")[0]
        # A client asking for encryption (ENCRYPT_ON or ENCRYPT_REQ) gets it for the whole
        # session when the server has a certificate; any other client gets ENCRYPT_NOT_SUP
        # and a plain session (SQL Server would encrypt the login packet alone).
        encrypt = requested in (1, 3) and self.server.tls_context is not None
        fields = [(0x00, struct.pack(">IH", 0x0F0007D0, 0)),  # VERSION 15.0.2000
                  (0x01, b"\x01" if encrypt else b"\x02"),    # ENCRYPTION: ON or NOT_SUP
                  (0x02, b"\x00"),                            # INSTOPT
                  (0x03, b""),                                # THREADID
                  (0x04, b"\x00")]                            # MARS off
        head_size = 5 * len(fields) + 1
        head, body = b"", b""
        for token, data in fields:
            head += struct.pack(">BHH", token, head_size + len(body), len(data))
            body += data
        self.write(head + b"\xff" + body)
        self.end_message()
        log.info("prelogin: client encryption option %d, encrypting: %s", requested, encrypt)
        return encrypt

    def tls_handshake(self):
        """TLS inside TDS: the handshake records travel as the payload of PRELOGIN packets,
        then every packet travels inside TLS (MS-TDS 2.2.6.5, 3.3.5.2)."""
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = self.server.tls_context.wrap_bio(incoming, outgoing, server_side=True)
        while True:
            try:
                tls.do_handshake()
                break
            except ssl.SSLWantReadError:
                self.send_handshake(outgoing.read())
                kind, payload = self.read_message()
                if kind != PKT_PRELOGIN:
                    raise ClientGone()
                incoming.write(payload)
            except ssl.SSLError as error:
                log.info("TLS handshake failed: %s", error)
                raise ClientGone()
        self.send_handshake(outgoing.read())
        self.tls, self.tls_in, self.tls_out = tls, incoming, outgoing
        log.info("TLS: %s", tls.version())

    def send_handshake(self, data):
        room = self.packet_size - 8
        while data:
            chunk, data = data[:room], data[room:]
            status = 0 if data else STATUS_EOM
            self.sock.sendall(struct.pack(">BBHHBB", PKT_PRELOGIN, status, len(chunk) + 8, 0, 0, 0)
                              + chunk)

    def login(self, payload):
        def text(at):
            offset, length = struct.unpack("<HH", payload[at:at + 4])
            return payload[offset:offset + 2 * length]
        version = struct.unpack("<I", payload[4:8])[0]
        self.packet_size = max(512, min(32767, struct.unpack("<I", payload[8:12])[0] or 4096))
        user = text(40).decode("utf-16-le")
        scrambled = text(44)
        password = bytes((((b ^ 0xA5) << 4) & 0xF0) | ((b ^ 0xA5) >> 4) for b in scrambled)
        password = password.decode("utf-16-le")
        database = text(68).decode("utf-16-le") or self.server.default_database
        log.info("login: user=%s database=%s tds=0x%08x packet=%d", user, database, version,
                 self.packet_size)
        if user != self.server.user or password != self.server.password:
            self.write(error_token(18456, 14, "Login failed for user '%s'." % user))
            self.write(done(DONE_ERROR))
            self.end_message()
            return False
        try:
            self.pg = psycopg2.connect(self.server.pg_dsn, dbname=database)
            self.pg.autocommit = True
            self.ensure_catalogue(database)
        except psycopg2.Error as error:
            log.info("login: database %s: %s", database, error)
            self.write(error_token(4060, 11, 'Cannot open database "%s" requested by the login. '
                                   "The login failed." % database))
            self.write(done(DONE_ERROR))
            self.end_message()
            return False
        self.write(envchange(1, database, "master"))
        collation = bytes([7, 5]) + COLLATION + b"\x00"
        self.write(struct.pack("<BH", TOKEN_ENVCHANGE, len(collation)) + collation)
        self.write(envchange(2, "us_english"))
        self.write(message_token(TOKEN_INFO, 5701, 0,
                                 "Changed database context to '%s'." % database))
        ack = (bytes([1]) + struct.pack(">I", TDS74) + b_varchar("Microsoft SQL Server")
               + bytes([15, 0, 0x07, 0xD0]))
        self.write(struct.pack("<BH", TOKEN_LOGINACK, len(ack)) + ack)
        self.write(envchange(4, str(self.packet_size), "4096"))
        self.write(done())
        self.end_message()
        return True

    def ensure_catalogue(self, database):
        """Creates the catalogue objects in a database that lacks them (a database made
        after the server started, or made again under the same name)."""
        with self.pg.cursor() as cursor:
            cursor.execute("SELECT to_regclass('sys.dm_db_index_usage_stats') IS NOT NULL")
            if cursor.fetchone()[0]:
                return
            with catalogue_lock:  # two first logins at once would race on CREATE OR REPLACE
                cursor.execute(CATALOGUE)

    def transaction(self, payload):
        """Transaction manager requests (2.2.6.9): every statement already commits on its own
        (autocommit), so begin/commit/rollback only report the new transaction state."""
        headers = struct.unpack("<I", payload[:4])[0]
        request = struct.unpack("<H", payload[headers:headers + 2])[0]
        if request == 5:  # TM_BEGIN_XACT
            body = bytes([8, 8]) + b"\x01" * 8 + b"\x00"
        else:  # commit, rollback: the transaction ends
            body = bytes([9 if request == 7 else 10, 0, 8]) + b"\x01" * 8
        self.write(struct.pack("<BH", TOKEN_ENVCHANGE, len(body)) + body)
        self.write(done())
        self.end_message()

    def sql_batch(self, payload):
        headers = struct.unpack("<I", payload[:4])[0] if len(payload) >= 4 else 0
        sql = payload[headers:].decode("utf-16-le").strip()
        self.attention = False
        log.debug("batch: %s", sql[:200])
        try:
            self.run(sql)
        except psycopg2.Error as error:
            number, severity, text = sql_server_error(error)
            log.info("batch failed: %s -> %d %s", sql[:200], number, text)
            self.write(error_token(number, severity, text))
            self.write(done(DONE_ERROR))
            if severity >= 20:
                self.end_message()
                raise ClientGone()
        if self.attention:
            self.write(done(DONE_ATTN))
        self.end_message()

    def run(self, sql):
        lowered = sql.lower()
        # Session options of SQL Server (SET TEXTSIZE, SET ANSI_..., ...) have no PostgreSQL
        # meaning: acknowledge them as SQL Server does.
        if lowered.startswith("set ") or lowered.startswith("use "):
            self.write(done())
            return
        if not (lowered.startswith("select") or lowered.startswith("with")):
            with self.pg.cursor() as cursor:
                cursor.execute(sql)
                count = max(cursor.rowcount, 0)
            self.write(done(DONE_COUNT, count))
            return
        # A server-side cursor streams the result: never a whole table in memory.
        self.pg.autocommit = False
        try:
            with self.pg.cursor(name="ei_tds") as cursor:
                cursor.itersize = FETCH_ROWS
                cursor.execute(sql)
                rows = cursor.fetchmany(FETCH_ROWS)
                columns = [column_for(d) for d in cursor.description]
                self.write(colmetadata(columns))
                encoders = [column.encode for column in columns]
                count = 0
                while rows and not self.attention:
                    for row in rows:
                        self.write(bytes([TOKEN_ROW]) + b"".join(
                            encode(value) for encode, value in zip(encoders, row)))
                    count += len(rows)
                    rows = cursor.fetchmany(FETCH_ROWS)
            if not self.attention:
                self.write(done(DONE_COUNT, count))
        finally:
            self.pg.rollback()
            self.pg.autocommit = True


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=14330)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--pg-dsn", required=True, help="libpq DSN without dbname")
    parser.add_argument("--database", default="master", help="database when the login names none")
    parser.add_argument("--cert", help="PEM certificate: offer TLS to clients that ask for it")
    parser.add_argument("--key", help="the certificate's PEM private key")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(threadName)s %(message)s", stream=sys.stderr)
    psycopg2.extensions.register_type(psycopg2.extensions.UNICODE)
    server = Server(("127.0.0.1", args.port), Session)
    server.user, server.password = args.user, args.password
    server.pg_dsn, server.default_database = args.pg_dsn, args.database
    server.tls_context = None
    if args.cert:
        server.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls_context.load_cert_chain(args.cert, args.key)
        # TLS 1.2 as SQL Server offers it with TDS 7.x: its handshake ends with the server's
        # flight, all inside PRELOGIN packets. (With TLS 1.3 the client's last handshake
        # message would follow the PRELOGIN framing, which TDS 7.x does not provide for.)
        server.tls_context.maximum_version = ssl.TLSVersion.TLSv1_2
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    log.info("TDS front-end on 127.0.0.1:%d, PostgreSQL %s", args.port, args.pg_dsn)
    server.serve_forever()


if __name__ == "__main__":
    main()
