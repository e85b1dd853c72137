#!/usr/bin/env python3
"""Ready time and resident memory of a serving process by snapshot size.

Started by `make bench-scale` after the release build. For each N (default
10k, 100k and 1M; SCALE_SIZES=10000,100000 to choose) it writes a snapshot
file of N generated departures (`ExodusBench snapshot-file N FILE`, 1,000
short source documents), then starts `exodus serve --snapshot FILE` on a free
loopback port RUNS times (default 3): the ready time is from spawn to the first
200 on /readyz, RSS is VmRSS one second after ready, peak is VmHWM (the load's
high-water mark). Medians are printed, with bytes per departure. Everything
it starts is stopped by PID.
"""
import os
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
SIZES = [int(n) for n in os.environ.get("SCALE_SIZES", "10000,100000,1000000").split(",")]
RUNS = int(os.environ.get("SCALE_RUNS", "3"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def ready_once(exodus, snapshot):
    port = free_port()
    t0 = time.monotonic()
    p = subprocess.Popen([exodus, "serve", "--snapshot", snapshot, "--port", str(port), "--log-level", "warning"],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = t0 + 120
        while time.monotonic() < deadline:
            if p.poll() is not None:
                raise SystemExit(f"exodus exited with {p.returncode} on {snapshot}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
                    if r.status == 200:
                        break
            except Exception:
                time.sleep(0.005)
        else:
            raise SystemExit("exodus did not become ready")
        ready = time.monotonic() - t0
        time.sleep(1)
        return ready, status_kib(p.pid, "VmRSS") / 1024, status_kib(p.pid, "VmHWM") / 1024
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()


def main():
    exodus = os.path.join(ROOT, ".build", "release", "exodus")
    bench = os.path.join(ROOT, ".build", "release", "ExodusBench")
    for b in (exodus, bench):
        if not os.path.exists(b):
            raise SystemExit(f"missing {b}: run `make bench-scale`, which builds it")
    tmp = tempfile.mkdtemp(prefix="exodus-scale-")
    try:
        print(f"exodus serve --snapshot FILE: ready time and memory by departures (medians of {RUNS} starts)\n")
        head = f"{'departures':>11}{'file MB':>9}{'ready s':>9}{'RSS MiB':>9}{'peak MiB':>10}{'RSS B/row':>11}"
        print(head)
        print("-" * len(head))
        for n in SIZES:
            snap = os.path.join(tmp, f"{n}.snapshot")
            subprocess.run([bench, "snapshot-file", str(n), snap], check=True, stdout=subprocess.DEVNULL)
            size = os.path.getsize(snap)
            samples = [ready_once(exodus, snap) for _ in range(RUNS)]
            ready = statistics.median(s[0] for s in samples)
            rss = statistics.median(s[1] for s in samples)
            peak = statistics.median(s[2] for s in samples)
            print(f"{n:>11}{size / 1e6:>9.1f}{ready:>9.2f}{rss:>9.1f}{peak:>10.1f}{rss * 1048576 / n:>11.0f}", flush=True)
            os.remove(snap)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
