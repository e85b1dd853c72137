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


def start_exodus(binary):
    port = free_port()
    t0 = time.time()
    p = spawn([binary, "serve", "--port", str(port), "--log-level", "warning"], cwd=ROOT)
    if not wait_ready(f"http://127.0.0.1:{port}/readyz"):
        raise SystemExit("exodus did not become ready")
    return p, port, (time.time() - t0) * 1000


def startup_ms(binary, tries=5):
    times = []
    for _ in range(tries):
        p, _, ms = start_exodus(binary)
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


def main():
    exodus_bin = os.path.join(ROOT, ".build", "release", "exodus")
    peer_bin = os.path.join(ROOT, "Benchmarks", "HummingbirdPeer", ".build", "release", "HummingbirdPeer")
    for b in (exodus_bin, peer_bin):
        if not os.path.exists(b):
            raise SystemExit(f"missing {b}: run `make bench`, which builds it")
    tmp = tempfile.mkdtemp(prefix="exodus-bench-")
    os.chmod(tmp, 0o755)
    try:
        startup = startup_ms(exodus_bin)
        exodus, exodus_port, _ = start_exodus(exodus_bin)
        time.sleep(0.3)
        rss_idle = rss_mib(exodus.pid)
        with urllib.request.urlopen(f"http://127.0.0.1:{exodus_port}/departures") as r:
            body = r.read()
        body_path = os.path.join(tmp, "departures.json")
        with open(body_path, "wb") as f:
            f.write(body)
        os.chmod(body_path, 0o644)

        hb_port = free_port()
        hb = spawn([peer_bin, str(hb_port), body_path])
        if not wait_ready(f"http://127.0.0.1:{hb_port}/departures"):
            raise SystemExit("Hummingbird peer did not start")

        ng_port = free_port()
        conf = os.path.join(tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"""worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
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

        servers = [("exodus", exodus, exodus_port), ("hummingbird", hb, hb_port), ("nginx", ng, ng_port)]
        rss_start = {name: rss_mib(p.pid) for name, p, _ in servers}
        for name, _, port in servers:
            run_wrk(f"http://127.0.0.1:{port}/departures", 64, 2)  # warm-up

        runs = {(name, c): [] for name, _, _ in servers for c in CONNECTIONS}
        rss_peak = {name: 0.0 for name, _, _ in servers}
        for c in CONNECTIONS:
            for _ in range(ROUNDS):
                for name, p, port in servers:
                    cpu0 = tree_cpu(p.pid)
                    r = run_wrk(f"http://127.0.0.1:{port}/departures", c, DURATION)
                    cpu = tree_cpu(p.pid) - cpu0
                    r["req_per_cpu_s"] = r["rps"] * DURATION / cpu if cpu > 0 else None
                    runs[(name, c)].append(r)
                    rss_peak[name] = max(rss_peak[name], rss_mib(p.pid, "VmHWM"))

        def med(name, c, key):
            values = [r[key] for r in runs[(name, c)] if r[key] is not None]
            return statistics.median(values) if values else None

        rows = []
        for c in CONNECTIONS:
            for name, _, _ in servers:
                rows.append({
                    "server": name, "connections": c, "rps": med(name, c, "rps"),
                    "p50_ms": med(name, c, "p50_ms"), "p99_ms": med(name, c, "p99_ms"),
                    "errors": sum(r["errors"] for r in runs[(name, c)]),
                    "req_per_cpu_s": med(name, c, "req_per_cpu_s"),
                    "rss_start_mib": rss_start[name], "rss_peak_mib": rss_peak[name],
                })
        by = {(r["server"], r["connections"]): r for r in rows}
        print(f"\nGET /departures, body {len(body)} bytes, wrk -t1 -d{DURATION}s, {ROUNDS} interleaved rounds, medians")
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

        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        out_dir = os.path.join(ROOT, "artifacts")
        os.makedirs(out_dir, exist_ok=True)
        out = os.path.join(out_dir, f"bench-{commit or 'unknown'}.json")
        with open(out, "w") as f:
            json.dump({"commit": commit, "body_bytes": len(body), "duration_s": DURATION, "rounds": ROUNDS,
                       "startup_ms": startup, "exodus_rss_idle_mib": rss_idle, "rows": rows,
                       "runs": {f"{k[0]}@{k[1]}": v for k, v in runs.items()}}, f, indent=2)
        print(f"results: {os.path.relpath(out, ROOT)}")
    finally:
        stop_all()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
