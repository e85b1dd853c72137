#!/usr/bin/env python3
"""Hostile clients and load against a release exodus on 127.0.0.1 (make stress).

Each scenario starts its own server (port 0) with the settings it needs, is bounded in
time, prints its figures and fails loudly when the server misbehaves. Standard library
only; wrk (Debian) drives the bulk load. Never targets anything but 127.0.0.1.

    Tests/stress/stress.py .build/release/exodus [scenario ...]
Scenarios: slowloris idle emfile garbage rss resets sigterm reload (default: all).
"""
import json
import os
import random
import re
import resource
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HOST = "127.0.0.1"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = None
FAILURES = []


def note(msg):
    print(msg, flush=True)


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)
        note("  FAIL: " + msg)


def raise_nofile(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(n, hard)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Server:
    def __init__(self, env=None, nofile=None, args=()):
        e = {k: v for k, v in os.environ.items() if not k.startswith("EXODUS_")}
        e["EXODUS_LOG_LEVEL"] = "error"
        e.update(env or {})

        def pre():
            if nofile:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", *args], cwd=ROOT, env=e, preexec_fn=pre,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not m:
            raise RuntimeError("server did not start: " + line + self.proc.stderr.read())
        self.port = int(m.group(1))
        self.err = []
        threading.Thread(target=lambda: self.err.extend(self.proc.stderr), daemon=True).start()

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")

    def fds(self):
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    def stop(self, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -9


def read_response(sock, deadline=5.0, head_request=False):
    """Reads one HTTP response (without a body when it answers a HEAD). Returns (status, headers, body) or None on close/timeout;
    raises ValueError on a truncated response (started but not complete)."""
    sock.settimeout(deadline)
    buf = b""
    while b"\r\n\r\n" not in buf:
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            if buf:
                raise ValueError("truncated head")
            return None
        if not chunk:
            if buf:
                raise ValueError("truncated head")
            return None
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        headers[k.strip().lower()] = v.strip()
    n = 0 if head_request else int(headers.get("content-length", "0"))
    while len(rest) < n:
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            chunk = b""
        if not chunk:
            raise ValueError(f"truncated body {len(rest)}/{n}")
        rest += chunk
    return status, headers, rest[:n], rest[n:]


def get(port, path="/healthz", timeout=5.0):
    s = socket.create_connection((HOST, port), timeout=timeout)
    try:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        return read_response(s, timeout)
    finally:
        s.close()


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


def rst_close(s):
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    except OSError:
        pass
    s.close()


class Prober(threading.Thread):
    """A normal keep-alive client measuring latency while a scenario runs."""

    def __init__(self, port, path="/departures?limit=2"):
        super().__init__(daemon=True)
        self.port, self.path = port, path
        self.lat, self.errors, self.stop_flag = [], [], False

    def run(self):
        s = None
        while not self.stop_flag:
            try:
                if s is None:
                    s = socket.create_connection((HOST, self.port), timeout=5)
                t = time.perf_counter()
                s.sendall(f"GET {self.path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                r = read_response(s)
                if r is None:
                    s.close(); s = None; continue
                self.lat.append((time.perf_counter() - t) * 1000)
                if r[0] != 200:
                    self.errors.append(r[0])
                if r[1].get("connection") == "close":
                    s.close(); s = None
            except (OSError, ValueError) as e:
                self.errors.append(repr(e))
                if s: s.close()
                s = None
                time.sleep(0.01)
            time.sleep(0.002)


# --------------------------------------------------------------------------- scenarios

def slowloris():
    note("\n== slowloris: 500 connections, one header byte a second, header timeout 3 s")
    raise_nofile(4096)
    srv = Server({"EXODUS_TIMEOUTS_HEADER_SECONDS": "3"})
    prober = Prober(srv.port); prober.start()
    sel = selectors.DefaultSelector()
    socks, opened = [], {}
    for i in range(500):
        s = socket.create_connection((HOST, srv.port))
        s.setblocking(False)
        s.send(b"GET / HTTP/1.1\r\nX-Slow: ")
        opened[s] = time.monotonic()
        sel.register(s, selectors.EVENT_READ)
        socks.append(s)
    cut, answered408 = {}, 0
    end = time.monotonic() + 12
    next_drip = time.monotonic() + 1
    while time.monotonic() < end and len(cut) < len(socks):
        for key, _ in sel.select(timeout=0.2):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if data.startswith(b"HTTP/1.1 408"):
                answered408 += 1
            if s not in cut:
                cut[s] = time.monotonic() - opened[s]
            sel.unregister(s)
        if time.monotonic() >= next_drip:
            next_drip += 1
            for s in socks:
                if s not in cut:
                    try:
                        s.send(b"a")
                    except OSError:
                        pass
    prober.stop_flag = True; prober.join()
    times = sorted(cut.values())
    note(f"  cut off: {len(cut)}/500 (408 answered: {answered408}); after {times[0]:.2f}–{times[-1]:.2f} s" if times else "  none cut")
    note(f"  normal client meanwhile: {len(prober.lat)} requests, p50 {pct(prober.lat, 50):.2f} ms, "
         f"p99 {pct(prober.lat, 99):.2f} ms, max {max(prober.lat):.2f} ms, errors {len(prober.errors)}")
    check(len(cut) == 500, "every slowloris connection is cut off")
    check(times and times[-1] < 5.0, "cut off within the header timeout (+ a sweep tick)")
    check(pct(prober.lat, 99) < 10, "normal client p99 under 10 ms")
    check(not prober.errors, f"normal client saw no errors ({prober.errors[:3]})")
    for s in socks: s.close()
    check(srv.stop() == 0, "server exits 0")


def open_many(port, n):
    held, refused, failed = [], 0, 0
    for i in range(n):
        try:
            s = socket.create_connection((HOST, port), timeout=5)
            held.append(s)
        except OSError:
            failed += 1
    return held, failed


def idle():
    note("\n== idle flood: 10,000 idle keep-alive connections")
    have = raise_nofile(30000)
    srv = Server({"EXODUS_LIMITS_MAX_CONNECTIONS": "12000", "EXODUS_TIMEOUTS_HEADER_SECONDS": "60",
                  "EXODUS_TIMEOUTS_KEEP_ALIVE_SECONDS": "60"}, nofile=min(have, 20000))
    rss0 = srv.rss_kb()
    t = time.monotonic()
    held, failed = open_many(srv.port, 10000)
    time.sleep(1)
    rss1 = srv.rss_kb()
    r = get(srv.port, "/departures?limit=2")
    note(f"  cap 12,000: opened {len(held)} in {time.monotonic() - t:.1f} s (failed {failed}); server fds {srv.fds()}; "
         f"RSS {rss0 // 1024} → {rss1 // 1024} MiB ({(rss1 - rss0) / max(1, len(held)):.1f} KiB per connection); "
         f"normal request: {r and r[0]}")
    check(len(held) == 10000 and r and r[0] == 200, "10,000 idle held and a normal request answered")
    for s in held: s.close()
    srv.stop()

    note("  cap 2,000, 10,000 attempts:")
    srv = Server({"EXODUS_LIMITS_MAX_CONNECTIONS": "2000", "EXODUS_TIMEOUTS_HEADER_SECONDS": "60",
                  "EXODUS_TIMEOUTS_KEEP_ALIVE_SECONDS": "60"}, nofile=min(have, 20000))
    held, failed = open_many(srv.port, 10000)
    time.sleep(1)
    got503, open_ = 0, 0
    sel = selectors.DefaultSelector()
    for s in held:
        s.setblocking(False)
        try:
            d = s.recv(4096)
            if d.startswith(b"HTTP/1.1 503"): got503 += 1
        except BlockingIOError:
            open_ += 1
        except OSError:
            pass
    r_full = get(srv.port)
    for s in held: s.close()
    time.sleep(0.5)
    r_after = get(srv.port, "/departures?limit=2")
    note(f"  held {open_}, refused with 503 {got503}, connect failures {failed}; normal request while full: "
         f"{r_full and r_full[0]}, after: {r_after and r_after[0]}; server fds after {srv.fds()}")
    check(open_ == 2000 and got503 + open_ == 10000, "exactly the cap is held, the rest get a 503")
    check(r_after and r_after[0] == 200, "answers again once the flood is gone")
    check(srv.stop() == 0, "server exits 0")


def emfile():
    note("\n== EMFILE: server limited to 256 descriptors, 600 connections")
    raise_nofile(4096)
    srv = Server({"EXODUS_TIMEOUTS_HEADER_SECONDS": "60", "EXODUS_TIMEOUTS_KEEP_ALIVE_SECONDS": "60",
                  "EXODUS_LOG_LEVEL": "warning"}, nofile=256)
    cpu0 = srv.cpu_seconds()
    held, failed = open_many(srv.port, 600)
    time.sleep(3)
    cpu1 = srv.cpu_seconds()
    note(f"  opened {len(held)} client sockets (kernel backlog holds the rest); server fds {srv.fds()}; "
         f"server CPU over 3 s at the limit: {cpu1 - cpu0:.2f} s")
    check(cpu1 - cpu0 < 1.0, "accept backs off instead of spinning at EMFILE")
    for s in held: s.close()
    time.sleep(2.5)
    r = get(srv.port, "/departures?limit=2")
    backoffs = sum(1 for l in srv.err if "out of resources" in l)
    note(f"  after the clients left: {r and r[0]}; back-off log lines: {backoffs}")
    check(r and r[0] == 200, "server recovers after EMFILE")
    check(srv.stop() == 0, "server exits 0")


METHODS = [b"GET", b"HEAD", b"POST", b"OPTIONS", b"PUT", b"DELETE", b"G\x00T", b"", b"get"]
PATHS = [b"/", b"/departures", b"/departures?limit=2", b"/departures/x", b"/stats", b"*", b"http://a/b",
         b"/%zz", b"/departures?cursor=%%%", b"/" + b"a" * 9000, b"/documents/../../etc/passwd"]


def garbage_request(rng):
    kind = rng.random()
    if kind < 0.3:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))
    req = (rng.choice(METHODS) + b" " + rng.choice(PATHS) + b" " + rng.choice([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.1x"])
           + b"\r\nHost: a\r\n")
    for _ in range(rng.randint(0, 4)):
        req += rng.choice([b"Content-Length: 5\r\n", b"Content-Length: -1\r\n", b"Transfer-Encoding: chunked\r\n",
                           b"Transfer-Encoding: gzip\r\n", b"X: \x01\r\n", b" folded\r\n", b"Expect: nope\r\n",
                           b"Host: b\r\n", b"Content-Length: 99999999999\r\n", b"Connection: close\r\n"])
    req += b"\r\n" + rng.choice([b"", b"hello", b"5\r\nhello\r\n0\r\n\r\n", b"zz\r\n"])
    req = bytearray(req)
    for _ in range(rng.randint(0, 3)):   # mutate
        op = rng.random()
        pos = rng.randrange(len(req))
        if op < 0.4: req[pos] = rng.getrandbits(8)
        elif op < 0.7: del req[pos]
        else: req[pos:pos] = rng.choice([b"\r\n", b"\n", b"\r", b"\x00", b" ", b":"])
    return bytes(req)


def garbage():
    note("\n== garbage: 100,000 random and mutated requests")
    raise_nofile(4096)
    srv = Server({"EXODUS_TIMEOUTS_HEADER_SECONDS": "3"})
    counts = {}
    lock = threading.Lock()
    bad = []

    def worker(seed, n):
        rng = random.Random(seed)
        local = {}
        for _ in range(n):
            data = garbage_request(rng)
            try:
                s = socket.create_connection((HOST, srv.port), timeout=5)
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
                r = read_response(s, 5, head_request=data.startswith(b"HEAD "))
                if r is None:
                    k = "close"
                else:
                    k = f"{r[0] // 100}xx" if r[0] < 500 else str(r[0])
                    if r[0] >= 400 and (b".swift" in r[2] or b"Fatal" in r[2]):
                        bad.append(r[2][:200])
                rst_close(s)
            except ValueError as e:
                k = "truncated"
                bad.append(repr(e))
            except OSError as e:
                k = "reset" if isinstance(e, ConnectionResetError) else "oserror"
            local[k] = local.get(k, 0) + 1
        with lock:
            for k, v in local.items():
                counts[k] = counts.get(k, 0) + v

    t = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i, 25000)) for i in range(4)]
    for th in threads: th.start()
    for th in threads: th.join()
    r = get(srv.port)
    note(f"  {sum(counts.values())} requests in {time.monotonic() - t:.0f} s: {dict(sorted(counts.items()))}; "
         f"/healthz afterwards: {r and r[0]}")
    check(r and r[0] == 200, "server answers /healthz after the garbage")
    check("500" not in counts and "truncated" not in counts and "oserror" not in counts,
          "no 500, no truncated response, no socket error")
    check(not bad, f"no internals in error bodies ({bad[:2]})")
    check(srv.stop() == 0, "server exits 0")


def wrk(port, path, seconds, conns=64, threads=2):
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{conns}", f"-d{seconds}s", f"http://{HOST}:{port}{path}"],
                         capture_output=True, text=True).stdout
    m = re.search(r"(\d+) requests in", out)
    errs = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return int(m.group(1)) if m else 0, int(errs.group(1)) if errs else 0, sock.group(1) if sock else "", float(rps.group(1)) if rps else 0


def rss():
    note("\n== RSS over 1,000,000 well-formed requests (wrk, 64 connections)")
    raise_nofile(4096)
    srv = Server()
    wrk(srv.port, "/departures?limit=2", 2)   # warm-up
    before = srv.rss_kb()
    total, non2xx, rounds = 0, 0, []
    while total < 1_000_000 and len(rounds) < 12:
        n, e, _, rps = wrk(srv.port, "/departures?limit=2", 10)
        total += n; non2xx += e
        rounds.append((n, srv.rss_kb(), rps))
    after = srv.rss_kb()
    note(f"  {total} requests ({non2xx} non-2xx); RSS before {before} KiB, after {after} KiB; per 10 s round "
         f"(requests, RSS KiB, req/s): {rounds}")
    check(total >= 1_000_000, "a million requests were served")
    check(non2xx == 0, "all 2xx")
    check(after - before < 8 * 1024, "RSS grows less than 8 MiB over the run")
    check(srv.stop() == 0, "server exits 0")


def resets():
    note("\n== resets, a client that never reads, 1,000 pipelined requests")
    raise_nofile(4096)
    srv = Server({"EXODUS_TIMEOUTS_WRITE_SECONDS": "2"})
    # Reset mid-request.
    for i in range(500):
        s = socket.create_connection((HOST, srv.port))
        s.sendall(b"GET /departures?limit=2 HTTP/1.1\r\nHost: a\r\nX-Partial: ")
        rst_close(s)
    # Reset mid-response: ask for a large body, read a little, reset.
    for i in range(500):
        s = socket.create_connection((HOST, srv.port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: a\r\n\r\n" * 20)
        s.recv(100)
        rst_close(s)
    r = get(srv.port, "/departures?limit=2")
    note(f"  1,000 resets (500 mid-request, 500 mid-response): then {r and r[0]}")
    check(r and r[0] == 200, "server answers after resets")
    # Never reads: many large responses pipelined, small receive buffer.
    stuck = []
    for i in range(20):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect((HOST, srv.port))
        s.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: a\r\n\r\n" * 200)
        stuck.append(s)
    time.sleep(1)
    fds_stuck = srv.fds()
    t = time.monotonic()
    while time.monotonic() - t < 8 and srv.fds() > fds_stuck - 20:
        time.sleep(0.2)
    dropped_after = time.monotonic() - t + 1
    note(f"  20 clients that never read: server fds {fds_stuck} → {srv.fds()}, dropped within {dropped_after:.1f} s "
         f"(write timeout 2 s)")
    check(srv.fds() <= fds_stuck - 20, "non-reading clients are dropped at the write timeout")
    for s in stuck: s.close()
    # 1,000 pipelined requests in one write.
    s = socket.create_connection((HOST, srv.port), timeout=10)
    s.sendall(b"".join(f"GET /departures?limit=1 HTTP/1.1\r\nHost: a\r\nX-Request-Id: p-{i}\r\n\r\n".encode() for i in range(1000)))
    ok, order, rest = 0, True, b""
    t = time.monotonic()
    for i in range(1000):
        # read_response keeps leftovers; emulate with a small buffered reader
        r = read_buffered(s, rest)
        if r is None: break
        st, h, body, rest = r
        ok += st == 200
        order &= h.get("x-request-id") == f"p-{i}"
    note(f"  pipelined: {ok}/1000 answered 200 in order={order} in {time.monotonic() - t:.2f} s")
    check(ok == 1000 and order, "1,000 pipelined requests all answered in order")
    s.close()
    check(srv.stop() == 0, "server exits 0")


def read_buffered(sock, buf):
    sock.settimeout(10)
    while b"\r\n\r\n" not in buf:
        c = sock.recv(65536)
        if not c: return None
        buf += c
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    h = {l.partition(":")[0].strip().lower(): l.partition(":")[2].strip() for l in lines[1:]}
    n = int(h.get("content-length", "0"))
    while len(rest) < n:
        c = sock.recv(65536)
        if not c: return None
        rest += c
    return int(lines[0].split()[1]), h, rest[:n], rest[n:]


class Checker(threading.Thread):
    """Keep-alive client that verifies every response it starts to receive is complete."""

    def __init__(self, port, paths, check_body=None):
        super().__init__(daemon=True)
        self.port, self.paths, self.check_body = port, paths, check_body
        self.complete, self.truncated, self.refused, self.bad, self.stop_flag = 0, 0, 0, [], False

    def run(self):
        s, i = None, 0
        while not self.stop_flag:
            try:
                if s is None:
                    s = socket.create_connection((HOST, self.port), timeout=5)
                path = self.paths[i % len(self.paths)]; i += 1
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                r = read_response(s, 5)
                if r is None:
                    self.refused += 1; s.close(); s = None; continue
                self.complete += 1
                if r[0] != 200 or (self.check_body and not self.check_body(path, r[2])):
                    self.bad.append((path, r[0], r[2][:120]))
                if r[1].get("connection") == "close":
                    s.close(); s = None
            except ValueError:
                self.truncated += 1
                s.close(); s = None
            except OSError:
                self.refused += 1
                if s: s.close()
                s = None
                time.sleep(0.01)


def sigterm():
    note("\n== SIGTERM while wrk runs at 256 connections")
    raise_nofile(4096)
    token = "stress-" + os.urandom(6).hex()
    srv = Server({"EXODUS_ADMIN_TOKEN": token})
    checkers = [Checker(srv.port, ["/departures?limit=100", "/openapi.json", "/stats"]) for _ in range(8)]
    for c in checkers: c.start()
    w = subprocess.Popen(["wrk", "-t2", "-c256", "-d8s", f"http://{HOST}:{srv.port}/departures?limit=2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    # In flight at the signal: a slow reader part-way through a large body, and a reload.
    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.connect((HOST, srv.port))
    slow.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: a\r\n\r\n")
    first = slow.recv(1024)
    admin = socket.create_connection((HOST, srv.port), timeout=10)
    admin.sendall(f"POST /admin/reload HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\n\r\n".encode())
    t = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    slow_body = first
    while True:   # read slowly, about 1 KiB every 20 ms
        time.sleep(0.02)
        c = slow.recv(1024)
        if not c: break
        slow_body += c
    head, _, body = slow_body.partition(b"\r\n\r\n")
    m_len = re.search(rb"Content-Length: (\d+)", head)
    slow_ok = bool(m_len) and len(body) == int(m_len.group(1))
    slow.close()
    try:
        admin.settimeout(10)
        peek = admin.recv(1, socket.MSG_PEEK)
        ra = read_response(admin, 10) if peek else None
        admin_end = "answered" if ra else "closed without an answer"
    except ConnectionResetError:
        ra, admin_end = None, "reset"
    except ValueError:
        ra, admin_end = None, "truncated"
    admin.close()   # the server lingers (RFC 9112 §9.6) until the client closes, at most 2 s
    rc = srv.proc.wait(15)
    took = time.monotonic() - t
    note(f"  in flight at SIGTERM: slow reader got {len(body)} of {m_len.group(1).decode() if m_len else '?'} body bytes "
         f"({'complete' if slow_ok else 'INCOMPLETE'}), Connection: close={b'Connection: close' in head}; "
         f"reload {admin_end}: {ra and ra[0]}")
    check(slow_ok, "a response being written at SIGTERM is finished")
    check(ra is not None and ra[0] == 200, "a reload in flight at SIGTERM is answered")
    time.sleep(0.5)
    for c in checkers: c.stop_flag = True
    for c in checkers: c.join()
    out = w.communicate()[0]
    m = re.search(r"(\d+) requests in", out)
    complete = sum(c.complete for c in checkers)
    truncated = sum(c.truncated for c in checkers)
    note(f"  exit code {rc} after {took:.2f} s; custom clients: {complete} complete responses, {truncated} truncated, "
         f"then refused; wrk: {m.group(1) if m else '?'} requests")
    check(rc == 0, "exit code 0")
    check(took < 10, "exits within the shutdown deadline (10 s)")
    check(truncated == 0, "no response was cut short")


def reload_():
    note("\n== reload 100 times (50 SIGHUP, 50 admin) during load")
    raise_nofile(4096)
    token = "stress-" + os.urandom(6).hex()
    seeds = os.path.join(tempfile.mkdtemp(prefix="exodus-stress-"), "seeds")
    subprocess.run(["cp", "-r", os.path.join(ROOT, "Config/seeds"), seeds])
    srv = Server({"EXODUS_ADMIN_TOKEN": token, "EXODUS_SEEDS": seeds})

    def consistent(path, body):
        j = json.loads(body)
        if path.startswith("/departures"):
            return j["total"] == len(j["items"])
        if path == "/stats":
            return sum(j["by_status"].values()) == j["departures"] and sum(j["by_kind"].values()) == j["departures"]
        if path == "/documents":
            return j["total"] == len(j["items"])
        return True
    checkers = [Checker(srv.port, ["/departures?limit=500", "/stats", "/documents"], consistent) for _ in range(4)]
    for c in checkers: c.start()
    w = subprocess.Popen(["wrk", "-t1", "-c32", "-d20s", f"http://{HOST}:{srv.port}/departures?limit=2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    src = next(f for f in sorted(os.listdir(seeds)) if f.endswith(".txt"))
    admin_codes, versions = {}, set()
    for i in range(100):
        # Change the data every other reload: a second copy of the seed document comes and goes.
        extra = os.path.join(seeds, "stress-copy.txt")
        if i % 2 == 0:
            subprocess.run(["cp", os.path.join(seeds, src), extra])
        elif os.path.exists(extra):
            os.remove(extra)
        if i % 2 == 0:
            srv.proc.send_signal(signal.SIGHUP)
        else:
            s = socket.create_connection((HOST, srv.port), timeout=10)
            s.sendall(f"POST /admin/reload HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
            r = read_response(s, 10)
            s.close()
            code = r[0] if r else None
            admin_codes[code] = admin_codes.get(code, 0) + 1
        time.sleep(0.1)
        r = get(srv.port, "/readyz")
        if r: versions.add(json.loads(r[2])["snapshot"]["version"])
    for c in checkers: c.stop_flag = True
    for c in checkers: c.join()
    out = w.communicate()[0]
    m = re.search(r"(\d+) requests in", out); e = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad = [b for c in checkers for b in c.bad]
    complete = sum(c.complete for c in checkers)
    leaked = sum(1 for l in srv.err if token in l)
    note(f"  admin answers {admin_codes}; snapshot versions seen {len(versions)}; checked responses {complete}, "
         f"inconsistent or non-200 {len(bad)}; wrk {m.group(1) if m else '?'} requests, non-2xx {e.group(1) if e else 0}; "
         f"log lines containing the token: {leaked}")
    check(admin_codes.get(200, 0) == 50, "every admin reload answered 200")
    check(not bad, f"no torn snapshot or error ({bad[:2]})")
    check(not e, "wrk saw no error responses")
    check(leaked == 0, "admin token never logged")
    check(srv.stop() == 0, "server exits 0")
    subprocess.run(["rm", "-rf", os.path.dirname(seeds)])


SCENARIOS = {"slowloris": slowloris, "idle": idle, "emfile": emfile, "garbage": garbage, "rss": rss,
             "resets": resets, "sigterm": sigterm, "reload": reload_}

if __name__ == "__main__":
    BIN = os.path.abspath(sys.argv[1])
    chosen = sys.argv[2:] or list(SCENARIOS)
    for name in chosen:
        try:
            SCENARIOS[name]()
        except Exception as e:  # a scenario that blows up is a failure, not a crash of the run
            FAILURES.append(f"{name}: {e!r}")
            note(f"  FAIL: {name} raised {e!r}")
    note("\n" + ("stress: all checks passed" if not FAILURES else "stress: FAILED\n  " + "\n  ".join(FAILURES)))
    sys.exit(1 if FAILURES else 0)
