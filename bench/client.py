#!/usr/bin/env python3
"""Small bounded clients for bench/ (standard library only, loopback only).

  lifecycle   register -> N stats -> commit of R runs from T threads; latency per operation
  flush       R concurrently running runs, one stats post per run per tick; reads the consumer's
              "tick: N running runs, intervals closed in X ms, written in Y ms" lines
  lineproto   writes k6-shaped InfluxDB line protocol bodies (files) for the ingestion benchmark
  seed        registers and commits runs so that GET /api/runs has something to read

Every loop is bounded by a count and a deadline; results are one JSON object on stdout.
"""
import argparse
import http.client
import json
import os
import random
import re
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

ENDPOINTS = [
    {"method": "GET", "name": "/", "requests": 240, "failures": 0,
     "responseTimes": {"8": 60, "9": 80, "11": 50, "14": 30, "22": 15, "48": 5}},
    {"method": "GET", "name": "/cart", "requests": 120, "failures": 2,
     "responseTimes": {"12": 40, "15": 50, "19": 20, "230": 10}, "errors": {"HTTPError 500": 2}},
    {"method": "POST", "name": "/cart/items", "requests": 60, "failures": 1,
     "responseTimes": {"25": 20, "31": 25, "44": 10, "120": 5}},
    {"method": "GET", "name": "/products/[id]", "requests": 300, "failures": 0,
     "responseTimes": {"6": 100, "7": 120, "9": 50, "13": 20, "40": 10}},
    {"method": "POST", "name": "/checkout", "requests": 30, "failures": 0,
     "responseTimes": {"180": 10, "210": 12, "260": 6, "900": 2}},
]


def iso(t=None):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t or time.time()))


class Client:
    """One keep-alive HTTP/1.1 connection per thread."""

    def __init__(self, base, token):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.token = token
        self.local = threading.local()

    def conn(self):
        c = getattr(self.local, "c", None)
        if c is None:
            c = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.local.c = c
        return c

    def post(self, path, body):
        data = json.dumps(body).encode()
        for attempt in (1, 2):
            c = self.conn()
            try:
                t0 = time.perf_counter()
                c.request("POST", path, data, {"Content-Type": "application/json",
                                                "Authorization": "Token " + self.token})
                r = c.getresponse()
                payload = r.read()
                return r.status, payload, (time.perf_counter() - t0) * 1000
            except (ConnectionError, http.client.HTTPException):
                c.close()
                self.local.c = None
                if attempt == 2:
                    raise


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))], 2)


def summary(lat, seconds):
    return {"count": len(lat), "per_s": round(len(lat) / seconds, 1) if seconds else None,
            "p50_ms": pct(lat, 50), "p99_ms": pct(lat, 99), "max_ms": round(max(lat), 2) if lat else None}


def register(cl, name="bench"):
    st, body, ms = cl.post("/apiv0.1/events/register", {
        "startedAt": iso(), "host": "loadgen-1",
        "measurement": {"fields": {"clients": 50, "hatchRate": 5, "requests": 0},
                        "tags": {"targetHost": "http://10.10.10.1", "mode": "single", "testName": name, "env": "bench"}}})
    if st != 201:
        raise RuntimeError("register: %s %s" % (st, body[:200]))
    return json.loads(body)["uuid"], ms


def stats(cl, uuid, source, seq):
    st, body, ms = cl.post("/apiv0.1/events/%s/stats" % uuid, {
        "source": source, "seq": seq, "timestamp": iso(), "users": 50, "endpoints": ENDPOINTS})
    if st != 202:
        raise RuntimeError("stats: %s %s" % (st, body[:200]))
    return ms


def commit(cl, uuid):
    st, body, ms = cl.post("/apiv0.1/events/commit", {
        "startedAt": iso(), "uuid": uuid, "host": "loadgen-1",
        "measurement": {"fields": {"requestStats": {}}, "tags": {"hostname": "loadgen-1", "mode": "single"}}})
    if st != 200:
        raise RuntimeError("commit: %s %s" % (st, body[:200]))
    return ms


def cmd_lifecycle(a):
    cl = Client(a.consumer, a.token)
    lat = {"register": [], "stats": [], "commit": []}
    lock = threading.Lock()
    deadline = time.time() + a.max_seconds
    errors = []

    def one(i):
        if time.time() > deadline:
            return
        try:
            uuid, ms = register(cl, "bench-lifecycle")
            s = [stats(cl, uuid, "gen-%d" % i, k) for k in range(1, a.stats + 1)]
            c = commit(cl, uuid)
            with lock:
                lat["register"].append(ms); lat["stats"].extend(s); lat["commit"].append(c)
        except Exception as e:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(str(e)[:200])

    t0 = time.perf_counter()
    with ThreadPoolExecutor(a.threads) as ex:
        list(ex.map(one, range(a.runs)))
    secs = time.perf_counter() - t0
    out = {k: summary(v, secs) for k, v in lat.items()}
    out.update({"runs": len(lat["commit"]), "seconds": round(secs, 2), "threads": a.threads,
                "runs_per_s": round(len(lat["commit"]) / secs, 1), "errors": len(errors), "first_errors": errors[:3]})
    print(json.dumps(out))


TICK = re.compile(r"tick: (\d+) running runs, intervals closed in (\d+) ms, written in (\d+) ms")


def ticks(logfile):
    with open(logfile, errors="replace") as f:
        return [tuple(map(int, m.groups())) for m in TICK.finditer(f.read())]


def wait_tick(logfile, seen, deadline, pid=None):
    while time.time() < deadline:
        if pid and not os.path.exists("/proc/%d" % pid):
            raise RuntimeError("the consumer (pid %d) is gone" % pid)
        t = ticks(logfile)
        if len(t) > seen:
            return t
        time.sleep(0.1)
    raise RuntimeError("no tick line in %s before the deadline" % logfile)


def cmd_flush(a):
    cl = Client(a.consumer, a.token)
    deadline = time.time() + a.max_seconds
    uuids = []
    results = []
    seq = 0
    error = None
    with ThreadPoolExecutor(a.threads) as ex:
        try:
            size, got = None, []
            for size in [int(s) for s in a.sizes.split(",")]:
                got = []
                t0 = time.perf_counter()
                uuids.extend(u for u, _ in ex.map(lambda i: register(cl, "bench-flush"), range(size - len(uuids))))
                reg_s = time.perf_counter() - t0
                seen = len(ticks(a.log))
                seen = len(wait_tick(a.log, seen, deadline, a.pid))  # start right after a tick
                for _ in range(a.ticks):
                    seq += 1
                    t0 = time.perf_counter()
                    list(ex.map(lambda u: stats(cl, u, "gen-flush", seq), uuids))
                    post_s = time.perf_counter() - t0
                    t = wait_tick(a.log, seen, deadline, a.pid)
                    seen = len(t)
                    running, closed, written = t[-1]
                    got.append({"running": running, "closed_ms": closed, "written_ms": written,
                                "posts_s": round(post_s, 2)})
                flush = [g["closed_ms"] + g["written_ms"] for g in got]
                results.append({"runs": size, "register_s": round(reg_s, 2), "ticks": got,
                                "flush_ms_median": sorted(flush)[len(flush) // 2], "flush_ms_max": max(flush)})
                print(json.dumps(results[-1]), file=sys.stderr)

        except Exception as e:  # noqa: BLE001 - reported: e.g. the consumer died (OutOfMemoryError)
            error = "%s: %s" % (type(e).__name__, str(e)[:200])
            if not results or results[-1]["runs"] != size:
                partial = [g["closed_ms"] + g["written_ms"] for g in got]
                results.append({"runs": size, "ticks": got, "partial": True,
                                "flush_ms_median": sorted(partial)[len(partial) // 2] if partial else None,
                                "flush_ms_max": max(partial) if partial else None})
    print(json.dumps({"sizes": results, "error": error}))


# k6's metrics for one HTTP request (a dozen lines) with its usual tags.
K6_METRICS = ["http_reqs", "http_req_duration", "http_req_blocked", "http_req_connecting",
              "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving",
              "http_req_failed", "data_sent", "data_received", "iteration_duration"]
URLS = ["https://shop.example.com/", "https://shop.example.com/cart", "https://shop.example.com/cart/items",
        "https://shop.example.com/products/1234", "https://shop.example.com/checkout",
        "https://shop.example.com/api/search?q=shoes"]


def cmd_lineproto(a):
    os.makedirs(a.dir, exist_ok=True)
    rnd = random.Random(42)
    t = int(a.start) * 1_000_000_000
    for fi in range(a.files):
        lines = []
        while len(lines) < a.lines:
            url = rnd.choice(URLS)
            method = "POST" if "items" in url or "checkout" in url else "GET"
            status = rnd.choice(["200"] * 18 + ["500", "404"])
            tags = ("expected_response=%s,method=%s,name=%s,proto=HTTP/1.1,scenario=shop,status=%s,"
                    "testid=bench-%d,tls_version=tls1.3,url=%s") % (
                "true" if status == "200" else "false", method, url.replace("=", "\\="), status,
                a.testid, url.replace("=", "\\="))
            t += rnd.randint(50_000, 2_000_000)  # ns between requests
            dur = rnd.lognormvariate(3, 0.8)
            values = {"http_reqs": "1", "http_req_duration": "%.3f" % dur,
                      "http_req_blocked": "%.3f" % rnd.uniform(0, 0.01), "http_req_connecting": "0",
                      "http_req_tls_handshaking": "0", "http_req_sending": "%.3f" % rnd.uniform(0.01, 0.1),
                      "http_req_waiting": "%.3f" % (dur * 0.95), "http_req_receiving": "%.3f" % (dur * 0.04),
                      "http_req_failed": "0" if status == "200" else "1", "data_sent": str(rnd.randint(200, 900)),
                      "data_received": str(rnd.randint(500, 20000)), "iteration_duration": "%.3f" % (dur * 1.1)}
            for m in K6_METRICS:
                lines.append("%s,%s value=%s %d" % (m, tags, values[m], t))
        with open(os.path.join(a.dir, "batch-%02d.lp" % fi), "w") as f:
            f.write("\n".join(lines[:a.lines]) + "\n")
    print(json.dumps({"files": a.files, "lines": a.lines, "dir": a.dir}))


def cmd_seed(a):
    cl = Client(a.consumer, a.token)

    def one(i):
        uuid, _ = register(cl, "bench-seed-%d" % i)
        stats(cl, uuid, "seed", 1)
        commit(cl, uuid)

    with ThreadPoolExecutor(a.threads) as ex:
        list(ex.map(one, range(a.runs)))
    print(json.dumps({"seeded": a.runs}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("lifecycle", "flush", "seed"):
        s = sub.add_parser(name)
        s.add_argument("--consumer", required=True)
        s.add_argument("--token", required=True)
        s.add_argument("--threads", type=int, default=8)
        s.add_argument("--runs", type=int, default=200)
        s.add_argument("--max-seconds", type=float, default=120)
    sub.choices["lifecycle"].add_argument("--stats", type=int, default=5)
    sub.choices["flush"].add_argument("--sizes", default="10,100,1000")
    sub.choices["flush"].add_argument("--ticks", type=int, default=3)
    sub.choices["flush"].add_argument("--log", required=True)
    sub.choices["flush"].add_argument("--pid", type=int, help="the consumer's pid: stop waiting when it is gone")
    s = sub.add_parser("lineproto")
    s.add_argument("--dir", required=True)
    s.add_argument("--files", type=int, default=16)
    s.add_argument("--lines", type=int, default=5000)
    s.add_argument("--start", type=int, default=int(time.time()) - 3600)
    s.add_argument("--testid", type=int, default=1)
    a = p.parse_args()
    {"lifecycle": cmd_lifecycle, "flush": cmd_flush, "lineproto": cmd_lineproto, "seed": cmd_seed}[a.cmd](a)


if __name__ == "__main__":
    main()
