#!/usr/bin/env python3
"""Load helpers for e2e/run (Python 3 standard library only).

  hammer    URL --seconds S [--header H]...      bounded loop of GETs over one keep-alive TLS
                                                 connection; prints a JSON summary
  generate  BASE --token T --uuid U --seconds S  a load generator posting stats (register/stats
                                                 contract) with retries of the same seq until
                                                 acknowledged; prints a JSON summary
  json      PATH                                 reads JSON on stdin, prints the value at PATH
                                                 (dot-separated keys/indexes), '' when absent
  sum       PATH FIELD                           reads JSON on stdin, prints the sum of FIELD over
                                                 the list at PATH (missing or null counts 0)
  count     PATH FIELD=VALUE...                  how many items of the list at PATH have every
                                                 FIELD equal to VALUE

Targets are whatever URL e2e/run passes: https://127.0.0.1:<port> only.
"""
import argparse
import http.client
import json
import ssl
import sys
import time
import urllib.parse

MAX_REQUESTS = 50000          # hard bound for hammer, whatever the duration


def _connection(base):
    u = urllib.parse.urlsplit(base)
    if u.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("e2e_client: refusing a non-loopback target: %s" % base)
    port = u.port or (443 if u.scheme == "https" else 80)
    if u.scheme == "https":
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE      # the stack's certificate is self-signed
        return http.client.HTTPSConnection(u.hostname, port, timeout=10, context=ctx)
    return http.client.HTTPConnection(u.hostname, port, timeout=10)


def _headers(pairs):
    out = {}
    for h in pairs or []:
        k, _, v = h.partition(":")
        out[k.strip()] = v.strip()
    return out


def hammer(args):
    u = urllib.parse.urlsplit(args.url)
    path = u.path + ("?" + u.query if u.query else "")
    base = "%s://%s" % (u.scheme, u.netloc)
    headers = _headers(args.header)
    conn = _connection(base)
    deadline = time.monotonic() + args.seconds
    total = ok = failed = 0
    by_upstream, failures, statuses = {}, [], {}
    latencies = []
    while time.monotonic() < deadline and total < MAX_REQUESTS:
        total += 1
        t0 = time.monotonic()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            status = resp.status
            upstream = resp.getheader("X-Served-By", "")
        except Exception as e:                       # connection-level failure
            failed += 1
            failures.append({"at": round(time.monotonic() - (deadline - args.seconds), 3), "error": repr(e)})
            conn.close()
            conn = _connection(base)
            continue
        latencies.append(time.monotonic() - t0)
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        by_upstream[upstream] = by_upstream.get(upstream, 0) + 1
        if status == 200:
            ok += 1
        else:
            failed += 1
            failures.append({"at": round(time.monotonic() - (deadline - args.seconds), 3),
                             "status": status, "upstream": upstream, "body": body[:200].decode("utf-8", "replace")})
        if args.interval > 0:
            time.sleep(args.interval)
    conn.close()
    latencies.sort()
    summary = {
        "requests": total, "ok": ok, "failed": failed, "statuses": statuses,
        "by_upstream": by_upstream, "failures": failures[:10],
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "max_ms": round(1000 * latencies[-1], 1) if latencies else None,
    }
    print(json.dumps(summary))


def generate(args):
    """Posts stats for one run: seq 1, 2, ... each with `per_post` requests on one endpoint.

    A post is acknowledged by a 202. Any other answer or a connection error is retried with the same
    seq (the contract makes a repeated (source, seq) safe) until acknowledged or until --give-up
    seconds have passed for that seq.
    """
    headers = {"Authorization": "Token " + args.token, "Content-Type": "application/json"}
    path = "/apiv0.1/events/%s/stats" % args.uuid
    conn = _connection(args.base)
    start = time.monotonic()
    deadline = start + args.seconds
    seq = 0
    acked, retries, errors, lost = [], 0, {}, []
    longest = 0.0                       # the longest a post took to be acknowledged, retries included
    while time.monotonic() < deadline and seq < 100000:
        seq += 1
        body = json.dumps({
            "source": args.source, "seq": seq,
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "users": 10,
            "endpoints": [{"method": "GET", "name": "/e2e", "requests": args.per_post, "failures": 1,
                           "responseTimes": {"12": args.per_post - 2, "40": 1, "230": 1}}],
        })
        seq_start = time.monotonic()
        seq_deadline = seq_start + args.give_up
        while True:
            try:
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except Exception as e:
                status = type(e).__name__
                conn.close()
                conn = _connection(args.base)
            if status == 202:
                acked.append(seq)
                longest = max(longest, time.monotonic() - seq_start)
                break
            errors[str(status)] = errors.get(str(status), 0) + 1
            if time.monotonic() > seq_deadline:
                lost.append(seq)
                break
            retries += 1
            time.sleep(0.25)
        time.sleep(args.interval)
    conn.close()
    print(json.dumps({
        "posts": seq, "acknowledged": len(acked), "requests_acknowledged": len(acked) * args.per_post,
        "failures_acknowledged": len(acked), "retries": retries, "errors": errors, "unacknowledged": lost,
        "longest_ack_s": round(longest, 1), "seconds": round(time.monotonic() - start, 1),
    }))


def json_path(args):
    try:
        value = json.load(sys.stdin)
    except ValueError:
        print("")
        return
    for key in [k for k in args.path.split(".") if k]:
        if isinstance(value, list):
            try:
                value = value[int(key)]
            except (ValueError, IndexError):
                value = None
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            value = None
        if value is None:
            break
    if value is None:
        print("")
    elif isinstance(value, (dict, list)):
        print(json.dumps(value))
    else:
        print(value)


def _at(value, path):
    for key in [k for k in path.split(".") if k]:
        if isinstance(value, list):
            try:
                value = value[int(key)]
            except (ValueError, IndexError):
                return None
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value


def _items(path):
    try:
        items = _at(json.load(sys.stdin), path)
    except ValueError:
        return []
    return items if isinstance(items, list) else []


def json_sum(args):
    print(sum((item.get(args.field) or 0) for item in _items(args.path) if isinstance(item, dict)))


def json_count(args):
    wanted = [pair.partition("=")[::2] for pair in args.pairs]
    print(sum(1 for item in _items(args.path)
              if isinstance(item, dict) and all(str(item.get(f)) == v for f, v in wanted)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    h = sub.add_parser("hammer")
    h.add_argument("url")
    h.add_argument("--seconds", type=float, default=20)
    h.add_argument("--interval", type=float, default=0.0)
    h.add_argument("--header", action="append")
    h.set_defaults(fn=hammer)
    g = sub.add_parser("generate")
    g.add_argument("base")
    g.add_argument("--token", required=True)
    g.add_argument("--uuid", required=True)
    g.add_argument("--seconds", type=float, default=20)
    g.add_argument("--interval", type=float, default=0.05)
    g.add_argument("--per-post", type=int, default=10)
    g.add_argument("--give-up", type=float, default=40)
    g.add_argument("--source", default="e2e-generator")
    g.set_defaults(fn=generate)
    j = sub.add_parser("json")
    j.add_argument("path")
    j.set_defaults(fn=json_path)
    js = sub.add_parser("sum")
    js.add_argument("path")
    js.add_argument("field")
    js.set_defaults(fn=json_sum)
    jc = sub.add_parser("count")
    jc.add_argument("path")
    jc.add_argument("pairs", nargs="*")
    jc.set_defaults(fn=json_count)
    args = p.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
