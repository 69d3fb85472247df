#!/usr/bin/env python3
"""An Oracle Database front-end for tests: speaks Oracle Net (TNS) with its TTC layer to
clients and runs every statement on a real PostgreSQL, answering with typed Oracle result
sets. Clients log on with O5LOGON and a 12c password verifier.

One thread per client connection, one PostgreSQL connection per client (the connect
descriptor's SID names the PostgreSQL database, the user names its schema). Query results
are held by PostgreSQL cursors and sent in the batches the client asks for, so a large table
never sits in memory. The README lists what is implemented.
"""
import argparse
import datetime
import decimal
import hashlib
import logging
import os
import re
import secrets
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading

import psycopg2
import psycopg2.extensions
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

# Packet types and flags.
PKT_CONNECT, PKT_ACCEPT, PKT_REFUSE, PKT_DATA, PKT_MARKER = 1, 2, 4, 6, 12
DATA_FLAGS_EOF = 0x0040
MARKER_BREAK, MARKER_RESET = 1, 2
TNS_VERSION = 315  # 12.1: large SDU (32-bit packet lengths), no OOB check, no end-of-response

# TTC message types and function codes.
MSG_PROTOCOL, MSG_DATA_TYPES, MSG_FUNCTION, MSG_ERROR = 1, 2, 3, 4
MSG_ROW_HEADER, MSG_ROW_DATA, MSG_PARAMETER, MSG_STATUS = 6, 7, 8, 9
MSG_DESCRIBE_INFO, MSG_PIGGYBACK = 16, 17
FUNC_AUTH_ONE, FUNC_AUTH_TWO, FUNC_EXECUTE, FUNC_FETCH = 118, 115, 94, 5
FUNC_REEXECUTE, FUNC_REEXECUTE_AND_FETCH = 4, 78
FUNC_LOGOFF, FUNC_COMMIT, FUNC_ROLLBACK, FUNC_PING, FUNC_CLOSE_CURSORS = 9, 14, 15, 147, 105

EXEC_PARSE, EXEC_BIND, EXEC_DEFINE, EXEC_EXECUTE, EXEC_FETCH = 0x01, 0x08, 0x10, 0x20, 0x40

# Oracle type numbers and character set forms.
ORA_VARCHAR, ORA_NUMBER, ORA_LONG, ORA_DATE, ORA_RAW, ORA_LONG_RAW = 1, 2, 8, 12, 23, 24
ORA_CHAR, ORA_BINARY_DOUBLE, ORA_CLOB, ORA_BLOB, ORA_TIMESTAMP, ORA_TIMESTAMP_TZ = \
    96, 101, 112, 113, 180, 181
ORA_INTERVAL_DS = 183
CS_IMPLICIT, CS_NCHAR = 1, 2

FIELD_VERSION = 7  # TTC field version of 12.1: the wire formats of Oracle Database 12.1
VERIFIER_12C = 0x4815
VGEN_COUNT, SDER_COUNT = 4096, 3
LONG_LENGTH, NULL_LENGTH, CHUNK = 254, 255, 32767
SERVER_VERSION = (19 << 24) | (3 << 20)  # reported as 19.3.0.0.0
BANNER = "Oracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production (ei-tns)"

log = logging.getLogger("tns")


class ClientGone(Exception):
    pass


class OracleError(Exception):
    def __init__(self, number, text):
        super().__init__(text)
        self.number, self.text = number, text


# ---------------------------------------------------------------------------------------------
# TTC encodings.

def ub(value):
    """A universal unsigned integer: its length in bytes, then big-endian bytes."""
    if value == 0:
        return b"\x00"
    for size, code in ((1, "B"), (2, ">H"), (4, ">I"), (8, ">Q")):
        if value < (1 << (8 * size)):
            return bytes([size]) + struct.pack(code, value)
    raise ValueError(value)


def sb(value):
    """A universal signed integer: the length with the 0x80 bit for negative values."""
    encoded = ub(abs(value))
    return bytes([encoded[0] | 0x80]) + encoded[1:] if value < 0 else encoded


def chunked(data):
    """Bytes with their length: one length byte, or 254 then chunks and a zero chunk."""
    if data is None:
        return b"\x00"
    if len(data) <= 252:
        return bytes([len(data)]) + data
    out = [bytes([LONG_LENGTH])]
    for start in range(0, len(data), CHUNK):
        part = data[start:start + CHUNK]
        out.append(ub(len(part)) + part)
    out.append(ub(0))
    return b"".join(out)


def with_two_lengths(data):
    """Text as TTC writes names: the length as a universal integer, then the bytes."""
    if not data:
        return ub(0)
    return ub(len(data)) + chunked(data)


def oracle_number(value):
    """An Oracle NUMBER: exponent byte, then base-100 digits (negatives complemented)."""
    value = decimal.Decimal(value)
    if value.is_zero():
        return b"\x80"
    sign, digits, exponent = value.normalize().as_tuple()
    text = "".join(map(str, digits))
    # Pad so that the decimal point falls between base-100 digits.
    point = len(text) + exponent  # digits before the point
    if point % 2:
        text, point = "0" + text, point + 1
    if len(text) % 2:
        text += "0"
    pairs = [int(text[i:i + 2]) for i in range(0, len(text), 2)]
    while pairs and pairs[0] == 0:
        pairs.pop(0)
        point -= 2
    while pairs and pairs[-1] == 0:
        pairs.pop()
    pairs = pairs[:20]
    base100_exponent = point // 2 - 1
    if not sign:
        return bytes([base100_exponent + 193]) + bytes(d + 1 for d in pairs)
    body = bytes([(~(base100_exponent + 193)) & 0xFF]) + bytes(101 - d for d in pairs)
    return body + (b"\x66" if len(pairs) < 20 else b"")


def oracle_date(value):
    return bytes([value.year // 100 + 100, value.year % 100 + 100, value.month, value.day,
                  getattr(value, "hour", 0) + 1, getattr(value, "minute", 0) + 1,
                  getattr(value, "second", 0) + 1])


def oracle_timestamp(value):
    return oracle_date(value) + struct.pack(">I", value.microsecond * 1000)


def oracle_timestamp_tz(value):
    offset = value.utcoffset() or datetime.timedelta(0)
    utc = (value - offset).replace(tzinfo=None)
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = -1 if minutes < 0 else 1
    return oracle_timestamp(utc) + bytes([sign * hours + 20, sign * rest + 60])


def interval_ds(value):
    """INTERVAL DAY TO SECOND: days and fractional nanoseconds offset by 2**31, the clock
    fields by 60."""
    total = value.days * 86400 * 10**6 + value.seconds * 10**6 + value.microseconds
    sign = -1 if total < 0 else 1
    days, rest = divmod(abs(total), 86400 * 10**6)
    hours, rest = divmod(rest, 3600 * 10**6)
    minutes, rest = divmod(rest, 60 * 10**6)
    seconds, micros = divmod(rest, 10**6)
    return (struct.pack(">I", sign * days + 0x80000000) +
            bytes([sign * hours + 60, sign * minutes + 60, sign * seconds + 60]) +
            struct.pack(">I", sign * micros * 1000 + 0x80000000))


def binary_double(value):
    raw = bytearray(struct.pack(">d", value))
    if raw[0] & 0x80:
        raw = bytearray(b ^ 0xFF for b in raw)
    else:
        raw[0] |= 0x80
    return bytes(raw)


class Column:
    """One result column: its Oracle description and how a PostgreSQL value is encoded."""

    def __init__(self, name, ora_type, encode, size=0, precision=0, scale=0, csfrm=0):
        self.name, self.ora_type, self.encode = name.upper(), ora_type, encode
        self.size, self.precision, self.scale, self.csfrm = size, precision, scale, csfrm


def text_bytes(value):
    return (value if isinstance(value, str) else str(value)).encode()


def nchar_bytes(value):
    return str(value).encode("utf-16-be")


def number_of(value):
    if isinstance(value, bool):
        return oracle_number(int(value))
    if isinstance(value, float):
        return oracle_number(repr(value))
    return oracle_number(value)


def column_for(description, declared):
    """The Oracle type of one result column, from PostgreSQL's RowDescription and the
    declared type name of its table column (for the domains that stand for Oracle types)."""
    name, oid = description.name, description.type_code
    if declared in ("clob", "nclob"):
        return Column(name, ORA_CLOB, text_bytes, csfrm=CS_IMPLICIT)
    if declared == "blob":
        return Column(name, ORA_BLOB, bytes)
    if declared == "nvarchar2":
        return Column(name, ORA_VARCHAR, nchar_bytes, size=4000, csfrm=CS_NCHAR)
    if oid in (16, 21, 23, 20, 26):  # boolean (as NUMBER(1)), int2, int4, int8, oid
        return Column(name, ORA_NUMBER, number_of, size=22,
                      precision={16: 1, 21: 5, 23: 10, 20: 19, 26: 10}[oid])
    if oid == 1700:
        if description.precision is None or description.precision > 1000:
            # Unconstrained: Oracle describes a plain NUMBER as precision 0, scale -127.
            return Column(name, ORA_NUMBER, number_of, size=22, precision=0, scale=-127)
        return Column(name, ORA_NUMBER, number_of, size=22,
                      precision=description.precision, scale=description.scale or 0)
    if oid == 700:
        return Column(name, ORA_NUMBER, number_of, size=22, precision=126, scale=-127)
    if oid == 701:
        return Column(name, ORA_BINARY_DOUBLE, binary_double, size=8)
    if oid == 17:  # bytea
        return Column(name, ORA_LONG_RAW, bytes)
    if oid == 1082:
        return Column(name, ORA_DATE, oracle_date, size=7)
    if oid == 1186:  # interval
        return Column(name, ORA_INTERVAL_DS, interval_ds, size=11, precision=9, scale=6)
    if oid == 1114:
        return Column(name, ORA_TIMESTAMP, oracle_timestamp, size=11, scale=6)
    if oid == 1184:
        return Column(name, ORA_TIMESTAMP_TZ, oracle_timestamp_tz, size=13, scale=6)
    if oid == 1042 and description.internal_size and description.internal_size > 0:
        return Column(name, ORA_CHAR, text_bytes, size=description.internal_size,
                      csfrm=CS_IMPLICIT)
    if oid == 1043 and description.internal_size and 0 < description.internal_size <= 4000:
        return Column(name, ORA_VARCHAR, text_bytes, size=description.internal_size,
                      csfrm=CS_IMPLICIT)
    if oid == 25:  # text: Oracle's LONG
        return Column(name, ORA_LONG, text_bytes, csfrm=CS_IMPLICIT)
    return Column(name, ORA_VARCHAR, text_bytes, size=4000, csfrm=CS_IMPLICIT)


# ---------------------------------------------------------------------------------------------
# PostgreSQL errors -> Oracle errors.

def oracle_error(error):
    code = getattr(error, "pgcode", None) or ""
    text = (getattr(error, "pgerror", None) or str(error)).strip().splitlines()[0]
    text = text.removeprefix("ERROR:").strip()
    if code == "42P01":
        return OracleError(942, "ORA-00942: table or view does not exist (" + text + ")")
    if code == "42703":
        return OracleError(904, "ORA-00904: invalid identifier (" + text + ")")
    if code == "42601":
        return OracleError(900, "ORA-00900: invalid SQL statement (" + text + ")")
    if code.startswith("08") or isinstance(error, psycopg2.OperationalError):
        return OracleError(3113, "ORA-03113: end-of-file on communication channel (" + text + ")")
    return OracleError(20000, "ORA-20000: " + text)


# The dictionary views, DUAL and the SCN functions the oracle source reads (sources spec
# §7.3), made from PostgreSQL's own catalogue in each database. Names are upper-cased as
# Oracle stores unquoted identifiers; the user is the schema of the same name.
CATALOGUE = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "oracle_catalogue.sql")).read()
catalogue_lock = threading.Lock()

# ORA_ROWSCN is a pseudo-column of every Oracle table; PostgreSQL's nearest is the system
# column xmin, so the one word is replaced (a function cannot stand for a bare column name).
ROWSCN = re.compile(r"\bora_rowscn\b", re.IGNORECASE)

# Oracle folds unquoted names to upper case and PostgreSQL to lower case: a quoted name in
# Oracle's folded form ("CUSTOMERS") is the unquoted name, which PostgreSQL finds as it folds
# it. Quoted names in any other case stay quoted (exact in both). Literals are left alone.
TOKENS = re.compile(r"'(?:[^']|'')*'|\"([A-Z][A-Z0-9_$#]*)\"")


def oracle_names(sql):
    return TOKENS.sub(lambda m: m.group(1).lower() if m.group(1) else m.group(0), sql)


# ---------------------------------------------------------------------------------------------
# Crypto of O5LOGON with the 12c verifier.

def aes_cbc(key, data, decrypt=False):
    cipher = Cipher(algorithms.AES(key), modes.CBC(bytes(16)))
    worker = cipher.decryptor() if decrypt else cipher.encryptor()
    return worker.update(data) + worker.finalize()


def padded(data):
    n = 16 - len(data) % 16
    return data + bytes([n]) * n


def pbkdf2(secret, salt, length, iterations):
    return PBKDF2HMAC(algorithm=hashes.SHA512(), length=length, salt=salt,
                      iterations=iterations).derive(secret)


# ---------------------------------------------------------------------------------------------

class Reader:
    """Reads a TTC message stream that spans DATA packets, pulling packets as needed."""

    def __init__(self, session):
        self.session, self.data, self.pos = session, b"", 0

    def raw(self, n):
        while len(self.data) - self.pos < n:
            self.data = self.data[self.pos:] + self.session.next_data_payload()
            self.pos = 0
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def u8(self):
        return self.raw(1)[0]

    def ub(self):
        size = self.u8() & 0x7F
        return int.from_bytes(self.raw(size), "big") if size else 0

    def bytes_with_length(self):
        size = self.u8()
        if size in (0, NULL_LENGTH):
            return b""
        if size != LONG_LENGTH:
            return self.raw(size)
        parts = []
        while True:
            part = self.ub()
            if part == 0:
                return b"".join(parts)
            parts.append(self.raw(part))

    def two_lengths(self):
        return self.bytes_with_length() if self.ub() else b""

    def pending(self):
        return len(self.data) - self.pos


class Cursor:
    def __init__(self, number, sql):
        self.number, self.sql = number, sql
        self.pg_cursor, self.columns, self.defines = None, None, None
        self.row_count, self.done = 0, False


class Session(socketserver.BaseRequestHandler):
    """One client: CONNECT, protocol and data-type negotiation, O5LOGON, then calls."""

    def setup(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.large = False  # 32-bit packet lengths once the connection is accepted
        self.sdu = 8192
        self.pg = None
        self.cursors, self.next_cursor = {}, 1
        self.out = bytearray()
        self.sock = self.request
        self.user = None

    def finish(self):
        for cursor in self.cursors.values():
            self.close_pg_cursor(cursor)
        if self.pg is not None:
            try:
                self.pg.close()
            except psycopg2.Error:
                pass

    # -- packets ------------------------------------------------------------------------------
    def recv_exact(self, n):
        data = bytearray()
        while len(data) < n:
            part = self.sock.recv(n - len(data))
            if not part:
                raise ClientGone()
            data += part
        return bytes(data)

    def read_packet(self):
        header = self.recv_exact(8)
        length = struct.unpack(">I", header[:4])[0] if self.large else struct.unpack(">H", header[:2])[0]
        if length < 8:
            raise ClientGone()
        return header[4], header[5], self.recv_exact(length - 8)

    def send_packet(self, kind, body, flags=0):
        length = len(body) + 8
        size = struct.pack(">I", length) if self.large else struct.pack(">HH", length, 0)
        self.sock.sendall(size + bytes([kind, flags]) + b"\x00\x00" + body)

    def next_data_payload(self):
        while True:
            kind, _, body = self.read_packet()
            if kind == PKT_DATA:
                flags = struct.unpack(">H", body[:2])[0]
                if flags & DATA_FLAGS_EOF:
                    raise ClientGone()
                return body[2:]
            if kind == PKT_MARKER:
                self.on_client_marker(body)
                continue
            raise ClientGone()

    def on_client_marker(self, body):
        # A client's break: it then sends a reset and waits for ours and for an error.
        if len(body) >= 3 and body[2] == MARKER_BREAK:
            self.reader.data, self.reader.pos = b"", 0
            while True:
                kind, _, body = self.read_packet()
                if kind == PKT_MARKER and len(body) >= 3 and body[2] == MARKER_RESET:
                    break
            self.send_packet(PKT_MARKER, bytes([1, 0, MARKER_RESET]))
            self.write(self.error_message(1013, "ORA-01013: user requested cancel of current operation"))
            self.flush()
            raise BreakHandled()

    def write(self, data):
        self.out += data

    def flush(self):
        """Sends the written response in DATA packets of at most the negotiated SDU."""
        room = self.sdu - 10
        data, self.out = bytes(self.out), bytearray()
        for start in range(0, max(len(data), 1), room):
            self.send_packet(PKT_DATA, b"\x00\x00" + data[start:start + room])

    def send_error_with_break(self, number, text, cursor_id=0):
        """Oracle's way to end a failed call: a break marker, the client's reset, our
        reset, then the error."""
        self.send_packet(PKT_MARKER, bytes([1, 0, MARKER_BREAK]))
        while True:
            kind, _, body = self.read_packet()
            if kind == PKT_MARKER and len(body) >= 3 and body[2] == MARKER_RESET:
                break
        self.send_packet(PKT_MARKER, bytes([1, 0, MARKER_RESET]))
        self.write(self.error_message(number, text, cursor_id))
        self.flush()

    # -- connection ---------------------------------------------------------------------------
    def handle(self):
        try:
            if self.server.tls_context is not None:
                self.sock = self.server.tls_context.wrap_socket(self.request, server_side=True)
            if not self.connect():
                return
            self.reader = Reader(self)
            while True:
                try:
                    self.call()
                except BreakHandled:
                    continue
        except (ClientGone, ConnectionError, ssl.SSLError, OSError) as error:
            log.debug("client left: %r", error)

    def connect(self):
        kind, _, body = self.read_packet()
        if kind != PKT_CONNECT:
            return False
        (version, _minimum, _options, sdu16, _tdu, _chars, _turn, _one, data_length,
         data_offset) = struct.unpack(">10H", body[:20])
        sdu32 = struct.unpack(">I", body[50:54])[0] if len(body) >= 54 else 0
        if data_length and len(body) < data_offset - 8 + data_length:
            kind, _, more = self.read_packet()  # long descriptors follow in a DATA packet
            descriptor = more[2:2 + data_length].decode()
        else:
            descriptor = body[data_offset - 8:data_offset - 8 + data_length].decode()
        log.debug("connect: version %d, descriptor %s", version, descriptor)
        self.sdu = max(512, min(sdu32 or sdu16, 65535))
        sid = re.search(r"\((?:SID|SERVICE_NAME)\s*=\s*([^)]*)\)", descriptor, re.IGNORECASE)
        self.database = sid.group(1).strip() if sid else ""
        if version < TNS_VERSION or not self.database_exists(self.database.lower()):
            error = 12505 if version >= TNS_VERSION else 12516
            text = "(DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=%d)(ERROR_STACK=(ERROR=(CODE=%d)(EMFI=4))))" % (
                error, error)
            self.send_packet(PKT_REFUSE, bytes([1, 0]) + struct.pack(">H", len(text)) + text.encode())
            return False
        self.database = self.database.lower()
        accept = struct.pack(">HHHHHHHBB", TNS_VERSION, 0, min(self.sdu, 65535), min(self.sdu, 65535),
                             0x0100, 0, 32, 0, 0)
        accept += bytes(8) + struct.pack(">II", self.sdu, self.sdu)
        self.send_packet(PKT_ACCEPT, accept)
        self.large = True
        return True

    def database_exists(self, name):
        """A SID names a PostgreSQL database; one that does not exist is unknown to the
        listener, as Oracle's listener answers for an unknown SID."""
        try:
            admin = psycopg2.connect(self.server.pg_dsn, dbname="postgres")
            try:
                with admin.cursor() as cursor:
                    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                    return cursor.fetchone() is not None
            finally:
                admin.close()
        except psycopg2.Error:
            return False

    # -- calls --------------------------------------------------------------------------------
    def call(self):
        r = self.reader
        kind = r.u8()
        if kind == MSG_PROTOCOL:
            return self.protocol()
        if kind == MSG_DATA_TYPES:
            return self.data_types()
        while kind == MSG_PIGGYBACK:
            self.piggyback()
            kind = r.u8()
        if kind != MSG_FUNCTION:
            log.info("unexpected message type %d", kind)
            raise ClientGone()
        function = r.u8()
        r.u8()  # sequence number
        log.debug("function %d", function)
        if function in (FUNC_AUTH_ONE, FUNC_AUTH_TWO):
            return self.auth(function)
        if self.user is None:
            raise ClientGone()
        if function == FUNC_EXECUTE:
            return self.execute()
        if function in (FUNC_REEXECUTE, FUNC_REEXECUTE_AND_FETCH):
            return self.reexecute(function)
        if function == FUNC_FETCH:
            number, rows = r.ub(), r.ub()
            return self.fetch(number, rows)
        if function == FUNC_LOGOFF:
            self.write(self.status())
            self.flush()
            return None
        if function in (FUNC_COMMIT, FUNC_ROLLBACK, FUNC_PING):
            self.write(self.status())
            self.flush()
            return None
        log.info("unsupported function %d", function)
        self.send_error_with_break(3115, "ORA-03115: unsupported network datatype or representation")
        raise ClientGone()

    def piggyback(self):
        r = self.reader
        code = r.u8()
        r.u8()  # sequence number
        if code == FUNC_CLOSE_CURSORS:
            r.u8()  # pointer
            for _ in range(r.ub()):
                cursor = self.cursors.pop(r.ub(), None)
                if cursor is not None:
                    self.close_pg_cursor(cursor)
            return
        log.info("unsupported piggyback %d", code)
        raise ClientGone()

    def protocol(self):
        r = self.reader
        r.u8()  # client's protocol version
        r.u8()  # array terminator
        while r.u8() != 0:  # driver name, null-terminated
            pass
        # Field descriptor: the national character set (AL16UTF16) where clients read it.
        fdo = bytes(9) + struct.pack(">H", 2000)
        compile_caps = bytearray(55)
        compile_caps[0] = 6      # SQL version
        compile_caps[4] = 0x08 | 0x20 | 0x80  # O5LOGON and its variants
        compile_caps[7] = FIELD_VERSION
        compile_caps[15] = 0x20 | 0x04 | 0x01  # end-of-call status, indicator records
        runtime_caps = bytearray(11)
        runtime_caps[0] = 2      # compatible with 8.1
        runtime_caps[6] = 0x01 | 0x04  # zero copy, 32k strings
        self.write(bytes([MSG_PROTOCOL, 6, 0]) + BANNER.encode() + b"\x00")
        self.write(struct.pack("<HB", 873, 1) + struct.pack("<H", 0) + struct.pack(">H", len(fdo)) + fdo)
        self.write(chunked(bytes(compile_caps)) + chunked(bytes(runtime_caps)))
        self.flush()

    def data_types(self):
        r = self.reader
        r.raw(5)  # character sets and flags
        r.bytes_with_length()  # client compile capabilities
        r.bytes_with_length()  # client runtime capabilities
        while True:
            data_type = struct.unpack(">H", r.raw(2))[0]
            if data_type == 0:
                break
            r.raw(6)  # conversion type, representation, zero
        # Every type is accepted as the client asks for it.
        self.write(bytes([MSG_DATA_TYPES]) + b"\x00\x00")
        self.flush()

    def auth(self, function):
        r = self.reader
        has_user = r.u8()
        r.ub()  # user length
        mode = r.ub()
        r.u8()
        pairs = r.ub()
        r.u8()
        r.u8()
        user = r.bytes_with_length().decode() if has_user else ""
        values = {}
        for _ in range(pairs):
            key = r.two_lengths().decode().rstrip("\x00")
            value = r.two_lengths().decode()
            r.ub()  # flags
            values[key] = value
        log.debug("auth %d for %s (mode 0x%x): %s", function, user, mode, sorted(values))
        if function == FUNC_AUTH_ONE:
            return self.auth_one(user)
        return self.auth_two(user, values)

    def parameters(self, items):
        out = [bytes([MSG_PARAMETER]), ub(len(items))]
        for key, value, flags in items:
            out.append(with_two_lengths(key.encode()) + with_two_lengths(value.encode()) + ub(flags))
        return b"".join(out)

    def auth_one(self, user):
        # The 12c verifier as the server keeps it: a salt and the SHA-512 of the PBKDF2 key.
        self.salt = secrets.token_bytes(16)
        self.csk_salt = secrets.token_bytes(16)
        password = self.server.password.encode()
        self.password_key = pbkdf2(password, self.salt + b"AUTH_PBKDF2_SPEEDY_KEY", 64, VGEN_COUNT)
        self.password_hash = hashlib.sha512(self.password_key + self.salt).digest()[:32]
        self.server_key = secrets.token_bytes(32)
        encrypted = aes_cbc(self.password_hash, self.server_key)  # 32 bytes: no padding
        self.write(self.parameters([
            ("AUTH_SESSKEY", encrypted.hex().upper(), 0),
            ("AUTH_VFR_DATA", self.salt.hex().upper(), VERIFIER_12C),
            ("AUTH_PBKDF2_CSK_SALT", self.csk_salt.hex().upper(), 0),
            ("AUTH_PBKDF2_VGEN_COUNT", str(VGEN_COUNT), 0),
            ("AUTH_PBKDF2_SDER_COUNT", str(SDER_COUNT), 0),
            ("AUTH_GLOBALLY_UNIQUE_DBID\x00", "E1E1E1E1E1E1E1E1E1E1E1E1E1E1E1E1", 0),
        ]))
        self.write(self.status())
        self.flush()

    def auth_two(self, user, values):
        denied = "ORA-01017: invalid username/password; logon denied"
        try:
            client_key = aes_cbc(self.password_hash, bytes.fromhex(values["AUTH_SESSKEY"])[:32],
                                 decrypt=True)
            mixed = client_key[:32] + self.server_key[:32]
            combo = pbkdf2(mixed.hex().upper().encode(), self.csk_salt, 32, SDER_COUNT)
            decrypted = aes_cbc(combo, bytes.fromhex(values["AUTH_PASSWORD"]), decrypt=True)
            password = decrypted[16:-decrypted[-1]] if 0 < decrypted[-1] <= 16 else b""
            speedy = aes_cbc(combo, bytes.fromhex(values["AUTH_PBKDF2_SPEEDY_KEY"]), decrypt=True)
            good_key = speedy[16:80] == self.password_key
        except (KeyError, ValueError, IndexError, AttributeError) as error:
            log.info("malformed logon: %r", error)
            password, good_key = b"", False
        if user.upper() != self.server.user.upper() or password != self.server.password.encode() \
                or not good_key:
            log.info("logon denied for %s", user)
            self.write(self.error_message(1017, denied))
            self.flush()
            return
        try:
            self.open_postgresql()
        except OracleError as error:
            self.write(self.error_message(error.number, error.text))
            self.flush()
            return
        self.user = user.upper()
        response = aes_cbc(combo, padded(secrets.token_bytes(16) + b"SERVER_TO_CLIENT"))
        self.write(self.parameters([
            ("AUTH_VERSION_STRING", "- Production", 0),
            ("AUTH_VERSION_SQL", "19", 0),
            ("AUTH_XACTION_TRAITS", "3", 0),
            ("AUTH_VERSION_NO", str(SERVER_VERSION), 0),
            ("AUTH_VERSION_STATUS", "0", 0),
            ("AUTH_CAPABILITY_TABLE", "", 0),
            ("AUTH_LAST_LOGIN", "", 0),
            ("AUTH_DBNAME", self.database.upper(), 0),
            ("AUTH_DB_MOUNT_ID", "1", 0),
            ("AUTH_DB_ID", "1", 0),
            ("AUTH_USER_ID", "100", 0),
            ("AUTH_SESSION_ID", str(threading.get_ident() % 65000 + 1), 0),
            ("AUTH_SERIAL_NUM", str(os.getpid() % 65000 + 1), 0),
            ("AUTH_INSTANCE_NO", "1", 0),
            ("AUTH_SC_SERVICE_NAME", self.database, 0),
            ("AUTH_INSTANCENAME", self.database, 0),
            ("AUTH_SC_DBUNIQUE_NAME", self.database, 0),
            ("AUTH_MAX_OPEN_CURSORS", "300", 0),
            ("AUTH_MAX_IDEN_LENGTH", "128", 0),
            ("AUTH_SVR_RESPONSE", response.hex().upper(), 0),
        ]))
        self.write(self.status())
        self.flush()

    def open_postgresql(self):
        try:
            self.pg = psycopg2.connect(self.server.pg_dsn, dbname=self.database)
            self.pg.autocommit = True
            with self.pg.cursor() as cursor:
                cursor.execute("SELECT to_regclass('public.all_cons_columns') IS NOT NULL "
                               "AND to_regproc('public.ei_ora_rowscn') IS NOT NULL")
                if not cursor.fetchone()[0]:
                    with catalogue_lock:  # two first logons at once would race
                        cursor.execute(CATALOGUE)
                schema = self.server.user.lower()
                cursor.execute("SELECT set_config('search_path', %s, false)", (schema + ", public",))
        except psycopg2.Error as error:
            raise oracle_error(error)

    # -- statements ---------------------------------------------------------------------------
    def execute(self):
        r = self.reader
        options = r.ub()
        number = r.ub()
        has_sql = r.u8()
        r.ub()  # SQL length
        r.u8()
        r.ub()  # al8i4 length (13)
        r.u8()
        r.u8()
        r.ub()  # prefetch buffer size
        prefetch = r.ub()
        r.ub()  # maximum long size
        r.u8()
        binds = r.ub()
        r.raw(5)  # al8app, al8txn, al8txl, al8kv, al8kvl pointers
        r.u8()
        defines = r.ub()
        r.ub()  # registration id (low)
        r.raw(3)  # al8objlist, al8objlen, al8blv pointers
        r.ub()
        r.u8()
        r.ub()  # al8dnam
        r.ub()  # registration id (high)
        r.u8()
        r.ub()  # al8pidmlrc
        r.u8()
        sql = r.bytes_with_length().decode() if has_sql else None
        al8i4 = [r.ub() for _ in range(13)]
        if binds:
            self.send_error_with_break(1036, "ORA-01036: illegal variable name/number "
                                             "(this test server takes no binds)")
            return
        define_types = [self.column_metadata() for _ in range(defines)]
        if number == 0:
            number = self.next_cursor
            self.next_cursor += 1
        cursor = self.cursors.get(number)
        if cursor is None or sql is not None and cursor.sql != sql:
            if cursor is not None:
                self.close_pg_cursor(cursor)
            cursor = self.cursors[number] = Cursor(number, sql)
        if define_types:
            cursor.defines = define_types
        log.debug("execute %d options 0x%x prefetch %d: %s", number, options, prefetch,
                  (cursor.sql or "")[:200])
        if options & EXEC_EXECUTE or cursor.pg_cursor is None:
            if not self.run(cursor, options, al8i4[7]):
                return
        if cursor.columns is None:  # a statement without rows
            self.write(self.error_message(0, "", number, cursor.row_count))
            self.flush()
            return
        if options & EXEC_EXECUTE or options & EXEC_PARSE:
            self.write(self.describe(cursor))
        has_lobs = any(c.ora_type in (ORA_CLOB, ORA_BLOB) for c in cursor.columns)
        if options & EXEC_FETCH and prefetch and not (has_lobs and cursor.defines is None):
            self.send_rows(cursor, prefetch)
        else:
            self.write(self.error_message(0, "", number, cursor.row_count))
        self.flush()

    def column_metadata(self):
        """One define of the client: the type it wants the column in."""
        r = self.reader
        ora_type = r.u8()
        r.u8()  # flags
        r.u8()  # precision
        r.u8()  # scale
        r.ub()  # buffer size
        r.ub()  # max array elements
        r.ub()  # cont flags
        r.ub()  # OID
        r.ub()  # version
        r.ub()  # character set id
        r.u8()  # character set form
        r.ub()  # max size
        return ora_type

    def reexecute(self, function):
        r = self.reader
        number, iterations = r.ub(), r.ub()
        r.ub()
        r.ub()
        cursor = self.cursors.get(number)
        if cursor is None:
            self.send_error_with_break(1001, "ORA-01001: invalid cursor")
            return
        self.close_pg_cursor(cursor)
        if not self.run(cursor, EXEC_EXECUTE, True):
            return
        if cursor.columns is not None and function == FUNC_REEXECUTE_AND_FETCH:
            self.send_rows(cursor, iterations)
        else:
            self.write(self.error_message(0, "", number, cursor.row_count))
        self.flush()

    def run(self, cursor, options, is_query):
        sql = ROWSCN.sub("ei_ora_rowscn(xmin)", oracle_names(cursor.sql or ""))
        lowered = sql.lstrip().lower()
        self.close_pg_cursor(cursor)  # executed again: a new result
        try:
            if lowered.startswith("select") or lowered.startswith("with"):
                pg_cursor = self.pg.cursor(name="ei_tns_%d" % cursor.number, withhold=True)
                pg_cursor.itersize = 1000
                pg_cursor.execute(sql)
                # A named cursor describes its columns at the first fetch.
                first = pg_cursor.fetchmany(1)
                cursor.pending = first
                cursor.pg_cursor = pg_cursor
                cursor.columns = self.columns_of(pg_cursor.description)
                cursor.row_count, cursor.done = 0, False
            elif lowered.startswith("alter session"):
                cursor.columns, cursor.row_count = None, 0
            else:
                with self.pg.cursor() as pg_cursor:
                    pg_cursor.execute(sql)
                    cursor.columns, cursor.row_count = None, max(pg_cursor.rowcount, 0)
        except psycopg2.Error as error:
            failure = oracle_error(error)
            log.info("statement failed: %s -> %s", sql[:200], failure.text)
            self.cursors.pop(cursor.number, None)
            self.close_pg_cursor(cursor)
            self.send_error_with_break(failure.number, failure.text, 0)
            if failure.number == 3113:
                raise ClientGone()
            return False
        return True

    def columns_of(self, description):
        declared = {}
        tables = {d.table_oid for d in description if d.table_oid}
        if tables:
            with self.pg.cursor() as lookup:
                lookup.execute("SELECT a.attrelid, a.attnum, t.typname FROM pg_attribute a "
                               "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ANY(%s)",
                               (list(tables),))
                declared = {(rel, num): name for rel, num, name in lookup.fetchall()}
        return [column_for(d, declared.get((d.table_oid, d.table_column))) for d in description]

    def close_pg_cursor(self, cursor):
        if cursor.pg_cursor is not None:
            try:
                cursor.pg_cursor.close()
            except psycopg2.Error:
                pass
            cursor.pg_cursor = None

    def describe(self, cursor):
        out = [bytes([MSG_DESCRIBE_INFO]), b"\x00"]  # an empty leading byte string
        out.append(ub(0) + ub(len(cursor.columns)))
        if cursor.columns:
            out.append(b"\x01")
        for column in cursor.columns:
            size = column.size
            buffer_size = size if size else (0x7FFFFFFF if column.ora_type in (
                ORA_LONG, ORA_LONG_RAW) else 4000)
            charset = 2000 if column.csfrm == CS_NCHAR else (873 if column.csfrm else 0)
            out.append(bytes([column.ora_type, 0]) + struct.pack("bb", min(column.precision, 127),
                                                                 max(min(column.scale, 127), -128)))
            out.append(ub(buffer_size) + ub(0) + ub(0) + ub(0) + ub(0) + ub(charset) +
                       bytes([column.csfrm]) + ub(size if column.ora_type != ORA_RAW else buffer_size))
            out.append(b"\x01" + b"\x00")  # nullable, v7 name length
            out.append(with_two_lengths(column.name.encode()) + ub(0) + ub(0))
            out.append(ub(0) + ub(0))  # position, UDS flags
        out.append(ub(0) + ub(0) + ub(0) + ub(0) + ub(0) + ub(0))
        return b"".join(out)

    def fetch(self, number, rows):
        cursor = self.cursors.get(number)
        if cursor is None or cursor.pg_cursor is None:
            self.send_error_with_break(1001, "ORA-01001: invalid cursor", number)
            return
        self.send_rows(cursor, rows)
        self.flush()

    def send_rows(self, cursor, wanted):
        try:
            rows = list(cursor.pending)
            cursor.pending = []
            if len(rows) < wanted and not cursor.done:
                more = cursor.pg_cursor.fetchmany(wanted - len(rows))
                rows += more
                if len(rows) < wanted:
                    cursor.done = True
        except psycopg2.Error as error:
            failure = oracle_error(error)
            self.out = bytearray()
            self.send_error_with_break(failure.number, failure.text, cursor.number)
            raise ClientGone()
        columns = cursor.columns
        defines = cursor.defines or [c.ora_type for c in columns]
        if rows:
            self.write(bytes([MSG_ROW_HEADER]) + b"\x01" + ub(len(rows)) + ub(0) + ub(0) + ub(0) +
                       ub(0) + ub(0))
        for row in rows:
            self.write(bytes([MSG_ROW_DATA]))
            for column, wanted_type, value in zip(columns, defines, row):
                data = None if value is None else column.encode(
                    value if not isinstance(value, memoryview) else bytes(value))
                self.write(chunked(data) if data else b"\x00")
                if wanted_type in (ORA_LONG, ORA_LONG_RAW):
                    self.write(sb(0) + ub(0))  # null indicator, return code
        cursor.row_count += len(rows)
        if cursor.done and not cursor.pending:
            self.write(self.error_message(1403, "ORA-01403: no data found", cursor.number,
                                          cursor.row_count))
        else:
            self.write(self.error_message(0, "", cursor.number, cursor.row_count))

    # -- responses ----------------------------------------------------------------------------
    def status(self):
        return bytes([MSG_STATUS]) + ub(0) + ub(0)

    def error_message(self, number, text, cursor_id=0, row_count=0):
        """The end-of-call record of the 12.1 field version: status, cursor, error."""
        out = [bytes([MSG_ERROR]), ub(0), ub(0), ub(row_count & 0xFFFFFFFF), ub(number & 0xFFFF)]
        out.append(ub(0) + ub(0) + ub(cursor_id) + sb(0))
        out.append(b"\x00" * 6)  # sql type, fatal, flags, user cursor options, UPI, warning flags
        out.append(ub(0) + ub(0) + b"\x00" + ub(0) + ub(0))  # rowid: rba, partition, -, block, slot
        out.append(ub(0) + b"\x00\x00" + ub(0) + ub(0))  # OS error, stmt#, call#, padding, iters
        out.append(ub(0))  # logical rowid
        out.append(ub(0) + ub(0) + ub(0))  # batch errors: codes, offsets, messages
        out.append(ub(number) + ub(row_count))
        if number:
            out.append(chunked((text + "\n").encode()))
        return b"".join(out)


class BreakHandled(Exception):
    pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=15210)
    parser.add_argument("--tls-port", type=int, help="a second port for TCPS clients")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--pg-dsn", required=True, help="libpq DSN without dbname")
    parser.add_argument("--database", action="append", default=[],
                        help="a PostgreSQL database to prepare for clients at the start (any "
                             "existing database may be named as a SID)")
    parser.add_argument("--cert", help="PEM certificate for TCPS")
    parser.add_argument("--key", help="the certificate's PEM private key")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(threadName)s %(message)s", stream=sys.stderr)
    psycopg2.extensions.register_type(psycopg2.extensions.UNICODE)
    servers = []
    for port, tls in ((args.port, False), (args.tls_port, True)):
        if not port:
            continue
        server = Server(("127.0.0.1", port), Session)
        server.user, server.password, server.pg_dsn = args.user, args.password, args.pg_dsn
        server.tls_context = None
        if tls:
            server.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            server.tls_context.load_cert_chain(args.cert, args.key)
        servers.append(server)
    for database in args.database:  # the Oracle objects exist before the first client
        pg = psycopg2.connect(args.pg_dsn, dbname=database)
        pg.autocommit = True
        pg.cursor().execute(CATALOGUE)
        pg.close()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    log.info("TNS front-end on 127.0.0.1:%d%s, PostgreSQL %s", args.port,
             " (TCPS on %d)" % args.tls_port if args.tls_port else "", args.pg_dsn)
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
