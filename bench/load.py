#!/usr/bin/env python3
"""A steady load on one URL until stopped (SIGTERM/SIGINT), for bench/zero-downtime.sh.

    python3 bench/load.py URL [THREADS] > result.json &   ...   kill -TERM $!

Each thread sends GET requests one after another on its own keep-alive connection (a failed connection is opened again).
On stop it prints one JSON object: requests sent, failed (no answer, or a status other than 200), requests per second,
the p50/p99 latency of all requests and of those sent in the marked window (touch the file named by LOAD_MARK to open
the window, remove it to close it), and how many answers each version (/version's "version") gave.
"""
import http.client, json, os, signal, sys, threading, time, urllib.parse

url = urllib.parse.urlsplit(sys.argv[1])
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
mark = os.environ.get("LOAD_MARK", "")
stop = threading.Event()
lock = threading.Lock()
samples = []  # (latency_ms, ok, in_window, version, failure)


def worker():
    conn = None
    while not stop.is_set():
        in_window = bool(mark) and os.path.exists(mark)
        start = time.monotonic()
        ok, version, failure = False, None, None
        try:
            if conn is None:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            conn.request("GET", url.path or "/")
            response = conn.getresponse()
            body = response.read()
            ok = response.status == 200
            if ok:
                try:
                    version = json.loads(body).get("version")
                except ValueError:
                    version = body.decode(errors="replace").strip()
            else:
                failure = f"HTTP {response.status}"
        except Exception as e:  # noqa: BLE001 - every failure counts
            failure = type(e).__name__
            if conn is not None:
                conn.close()
            conn = None
        with lock:
            samples.append(((time.monotonic() - start) * 1000, ok, in_window, version, failure))


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 1)


started = time.monotonic()
signal.signal(signal.SIGTERM, lambda *_: stop.set())
signal.signal(signal.SIGINT, lambda *_: stop.set())
pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
for t in pool:
    t.start()
while not stop.is_set():
    stop.wait(0.2)
for t in pool:
    t.join(35)
elapsed = time.monotonic() - started
with lock:
    done = list(samples)
failures = {}
versions = {}
for _, ok, _, version, failure in done:
    if not ok:
        failures[failure] = failures.get(failure, 0) + 1
    elif version is not None:
        versions[version] = versions.get(version, 0) + 1
print(json.dumps({
    "sent": len(done),
    "failed": sum(failures.values()),
    "failures": failures,
    "seconds": round(elapsed, 1),
    "rps": round(len(done) / elapsed, 1) if elapsed > 0 else 0,
    "p50_ms": percentile([s[0] for s in done], 50),
    "p99_ms": percentile([s[0] for s in done], 99),
    "p99_outside_window_ms": percentile([s[0] for s in done if not s[2]], 99),
    "p99_window_ms": percentile([s[0] for s in done if s[2]], 99),
    "window_requests": sum(1 for s in done if s[2]),
    "versions": versions,
}))
