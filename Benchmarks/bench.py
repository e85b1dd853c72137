#!/usr/bin/env python3
"""Throughput benchmark: Exodus against Hummingbird 2 and nginx on the same bytes.

Started by `make bench` after the release builds. Loopback only. It starts
`exodus serve` on a free port with the seed corpus, fetches its GET
/departures body, serves exactly those bytes from a minimal Hummingbird app
and from nginx (one worker, access log off), warms each up, then runs
`wrk -t1 --latency` against each, interleaved (A B C, A B C, ...), at 64 and
256 connections. CPU time and RSS come from /proc. It prints one table and
writes the figures as JSON (for comparing commits). Everything it starts is
stopped by PID, whatever happens.

A second case does the same for a filtered page at scale: a generated snapshot
of 100k departures (`ExodusBench snapshot-file`), served by `exodus serve
--snapshot FILE`, asked for GET /departures?platform=bluesky&country=FR&limit=100,
against Hummingbird and nginx serving that page's bytes as a static body.
BENCH_CASES=seed or BENCH_CASES=filtered runs one of them; BENCH_EXODUS=PATH measures another build of
exodus against the same peers (BENCH_LABEL names its results file; the name has no EXODUS_
prefix because exodus refuses unknown EXODUS_ variables).
"""
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DURATION = int(os.environ.get("BENCH_SECONDS", "7"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "64,256").split(",")]
TICKS = os.sysconf("SC_CLK_TCK")
started = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def tree_cpu(pid):
    """CPU of a process and its children that are alive (nginx master + worker)."""
    total = cpu_seconds(pid)
    for child in children(pid):
        total += cpu_seconds(child)
    return total


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def rss_mib(pid, field="VmRSS"):
    total = 0
    for p in [pid] + children(pid):
        with open(f"/proc/{p}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
    return total / 1024


def wait_ready(url, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return True
        except Exception:
            time.sleep(0.002)
    return False


def spawn(cmd, **kw):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kw)
    started.append(p)
    return p


def stop_all():
    for p in started:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in started:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()


def start_exodus(binary, extra=()):
    port = free_port()
    t0 = time.time()
    p = spawn([binary, "serve", "--port", str(port), "--log-level", "warning", *extra], cwd=ROOT)
    if not wait_ready(f"http://127.0.0.1:{port}/readyz", timeout=120):
        raise SystemExit("exodus did not become ready")
    return p, port, (time.time() - t0) * 1000


def startup_ms(binary, tries=5, extra=()):
    times = []
    for _ in range(tries):
        p, _, ms = start_exodus(binary, extra)
        times.append(ms)
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=15)
        started.remove(p)
    return statistics.median(times)


def run_wrk(url, connections, seconds):
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, timeout=seconds + 30).stdout
    def latency(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else (v * 1000 if m.group(2) == "s" else v)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    return {"rps": rps, "p50_ms": latency("50"), "p99_ms": latency("99"), "errors": errors}


FILTERED_PATH = "/departures?platform=bluesky&country=FR&limit=100"
SCALE_ROWS = int(os.environ.get("BENCH_SCALE_ROWS", "100000"))


def main():
    # BENCH_EXODUS: another build of exodus to measure against the same peers (a before/after
    # comparison runs this twice, back to back, with BENCH_CASES=seed).
    exodus_bin = os.environ.get("BENCH_EXODUS") or os.path.join(ROOT, ".build", "release", "exodus")
    bench_bin = os.path.join(ROOT, ".build", "release", "ExodusBench")
    peer_bin = os.path.join(ROOT, "Benchmarks", "HummingbirdPeer", ".build", "release", "HummingbirdPeer")
    for b in (exodus_bin, bench_bin, peer_bin):
        if not os.path.exists(b):
            raise SystemExit(f"missing {b}: run `make bench`, which builds it")
    cases = os.environ.get("BENCH_CASES", "seed,filtered").split(",")
    tmp = tempfile.mkdtemp(prefix="exodus-bench-")
    os.chmod(tmp, 0o755)
    results = {}
    try:
        if "seed" in cases:
            results["seed"] = run_case(exodus_bin, peer_bin, tmp, "seed", [], "/departures",
                                       "GET /departures (cached first page, seed corpus)")
        if "filtered" in cases:
            snap = os.path.join(tmp, f"{SCALE_ROWS}.snapshot")
            subprocess.run([bench_bin, "snapshot-file", str(SCALE_ROWS), snap], check=True, stdout=subprocess.DEVNULL)
            results["filtered"] = run_case(exodus_bin, peer_bin, tmp, "filtered", ["--snapshot", snap], FILTERED_PATH,
                                           f"GET {FILTERED_PATH} ({SCALE_ROWS} generated departures, serve --snapshot)")
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        out_dir = os.path.join(ROOT, "artifacts")
        os.makedirs(out_dir, exist_ok=True)
        label = os.environ.get("BENCH_LABEL") or commit or "unknown"
        out = os.path.join(out_dir, f"bench-{label}.json")
        with open(out, "w") as f:
            json.dump({"commit": commit, "duration_s": DURATION, "rounds": ROUNDS, "cases": results}, f, indent=2)
        print(f"results: {os.path.relpath(out, ROOT)}")
    finally:
        stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


def run_case(exodus_bin, peer_bin, tmp, name, exodus_args, path, title):
    """One body served by exodus, Hummingbird and nginx; a table; the figures. Servers are stopped after."""
    mark = len(started)
    try:
        startup = startup_ms(exodus_bin, extra=exodus_args)
        exodus, exodus_port, _ = start_exodus(exodus_bin, exodus_args)
        time.sleep(0.3)
        rss_idle = rss_mib(exodus.pid)
        with urllib.request.urlopen(f"http://127.0.0.1:{exodus_port}{path}") as r:
            body = r.read()
        body_path = os.path.join(tmp, f"{name}.json")
        with open(body_path, "wb") as f:
            f.write(body)
        os.chmod(body_path, 0o644)

        hb_port = free_port()
        hb = spawn([peer_bin, str(hb_port), body_path])
        if not wait_ready(f"http://127.0.0.1:{hb_port}/departures"):
            raise SystemExit("Hummingbird peer did not start")

        ng_port = free_port()
        conf = os.path.join(tmp, f"nginx-{name}.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes 1;
daemon off;
pid {tmp}/nginx-{name}.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{ng_port};
        location = /departures {{
            types {{ }}
            default_type "application/json; charset=utf-8";
            alias {body_path};
        }}
    }}
}}
""")
        ng = spawn(["nginx", "-c", conf, "-p", tmp])
        if not wait_ready(f"http://127.0.0.1:{ng_port}/departures"):
            raise SystemExit("nginx did not start")

        # The same path and query for all three: the peers answer /departures whatever the query.
        servers = [("exodus", exodus, exodus_port), ("hummingbird", hb, hb_port), ("nginx", ng, ng_port)]
        for _, _, port in servers:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as r:
                if r.read() != body:
                    raise SystemExit(f"port {port} does not serve the same bytes")
        rss_start = {n: rss_mib(p.pid) for n, p, _ in servers}
        for _, _, port in servers:
            run_wrk(f"http://127.0.0.1:{port}{path}", 64, 2)  # warm-up

        runs = {(n, c): [] for n, _, _ in servers for c in CONNECTIONS}
        rss_peak = {n: 0.0 for n, _, _ in servers}
        for c in CONNECTIONS:
            for _ in range(ROUNDS):
                for n, p, port in servers:
                    cpu0 = tree_cpu(p.pid)
                    r = run_wrk(f"http://127.0.0.1:{port}{path}", c, DURATION)
                    cpu = tree_cpu(p.pid) - cpu0
                    r["req_per_cpu_s"] = r["rps"] * DURATION / cpu if cpu > 0 else None
                    runs[(n, c)].append(r)
                    rss_peak[n] = max(rss_peak[n], rss_mib(p.pid, "VmHWM"))

        def med(n, c, key):
            values = [r[key] for r in runs[(n, c)] if r[key] is not None]
            return statistics.median(values) if values else None

        rows = []
        for c in CONNECTIONS:
            for n, _, _ in servers:
                rows.append({
                    "server": n, "connections": c, "rps": med(n, c, "rps"),
                    "p50_ms": med(n, c, "p50_ms"), "p99_ms": med(n, c, "p99_ms"),
                    "errors": sum(r["errors"] for r in runs[(n, c)]),
                    "req_per_cpu_s": med(n, c, "req_per_cpu_s"),
                    "rss_start_mib": rss_start[n], "rss_peak_mib": rss_peak[n],
                })
        by = {(r["server"], r["connections"]): r for r in rows}
        print(f"\n{title}, body {len(body)} bytes, wrk -t1 -d{DURATION}s, {ROUNDS} interleaved rounds, medians")
        print(f"exodus: ready {startup:.1f} ms after spawn (median of 5), RSS {rss_idle:.1f} MiB idle after start\n")
        head = f"{'server':<12}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'req/CPU-s':>11}{'RSS MiB':>9}{'x HB':>7}{'x nginx':>8}"
        print(head)
        print("-" * len(head))
        for r in rows:
            hb_r, ng_r = by[("hummingbird", r["connections"])], by[("nginx", r["connections"])]
            print(f"{r['server']:<12}{r['connections']:>6}{r['rps']:>10.0f}{r['p50_ms'] or 0:>9.2f}{r['p99_ms'] or 0:>9.2f}"
                  f"{r['errors']:>8}{(r['req_per_cpu_s'] or 0):>11.0f}{r['rss_peak_mib']:>9.1f}"
                  f"{r['rps'] / hb_r['rps']:>7.2f}{r['rps'] / ng_r['rps']:>8.2f}")
        cpu_ratio = {c: (by[("exodus", c)]["req_per_cpu_s"] or 0) / (by[("hummingbird", c)]["req_per_cpu_s"] or 1) for c in CONNECTIONS}
        print("\nexodus requests per CPU-second vs Hummingbird: " + ", ".join(f"c{c} {v:.2f}x" for c, v in cpu_ratio.items()))
        return {"path": path, "body_bytes": len(body), "startup_ms": startup, "exodus_rss_idle_mib": rss_idle, "rows": rows,
                "runs": {f"{k[0]}@{k[1]}": v for k, v in runs.items()}}
    finally:
        for p in started[mark:]:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in started[mark:]:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        del started[mark:]


if __name__ == "__main__":
    main()
