#!/usr/bin/env python3
"""bench/launch's helpers (run by it, not alone).

  launch_tools.py front-door DIR API1 API2 CONSUMER   the shipped nginx/nginx.conf on loopback (the same rewrites as
                                                      test-support's NginxFrontDoor); prints the HTTPS port
  launch_tools.py target-conf DIR                     a static target (nginx answering 200 to everything) whose
                                                      access log has each request's arrival, ms; prints the port
  launch_tools.py delay-proxy PORT_FILE UPSTREAM_PORT DELAY_MS JITTER_MS
                                                      a TCP proxy delaying each direction (a stand-in for netem)
  launch_tools.py arrivals ACCESS_LOG TAG             first arrival per agent of the requests tagged TAG (JSON)
  launch_tools.py stock-cpu -- COMMAND...             runs COMMAND, prints its process tree's CPU ms (JSON)
"""
import asyncio
import json
import os
import random
import resource
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def replace_once(text, old, new):
    if text.count(old) != 1:
        sys.exit(f"nginx/nginx.conf: expected '{old}' exactly once, found it {text.count(old)} times")
    return text.replace(old, new)


def front_door(work, api1, api2, consumer):
    """Loadstack's nginx as compose runs it, on loopback: TLS with a self-signed certificate for localhost."""
    tls = os.path.join(work, "tls")
    os.makedirs(tls, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", os.path.join(tls, "key.pem"), "-out", os.path.join(tls, "cert.pem")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    rewrites = [
        ("user www-data;", ""),
        ("worker_processes auto;", "worker_processes 1;"),
        ("pid /run/nginx.pid;", f"pid {work}/nginx.pid;"),
        ("error_log /proc/1/fd/2 warn;", f"error_log {work}/error.log warn;"),
        ("access_log /proc/1/fd/1 loadstack;", f"access_log {work}/access.log loadstack;\n"
         + "".join(f"    {k}_temp_path {work}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))),
        ("server appserver1:8080", f"server 127.0.0.1:{api1}"),
        ("server appserver2:8080", f"server 127.0.0.1:{api2}"),
        ("server consumer:8080", f"server 127.0.0.1:{consumer}"),
        ("server health-dashboard:8080", f"server 127.0.0.1:{free_port()}"),
        ("listen 8080 ssl http2 default_server;", f"listen 127.0.0.1:{port} ssl http2 default_server;"),
        ("listen [::]:8080 ssl http2 default_server;", ""),
        ("listen 5000 default_server;", f"listen 127.0.0.1:{free_port()} default_server;"),
        ("listen [::]:5000 default_server;", ""),
        ("/etc/nginx/tls/cert.pem", f"{tls}/cert.pem"),
        ("/etc/nginx/tls/key.pem", f"{tls}/key.pem"),
    ]
    with open(os.path.join(ROOT, "nginx", "nginx.conf")) as f:
        conf = f.read()
    for old, new in rewrites:
        conf = replace_once(conf, old, new)
    snippets = os.path.join(work, "loadstack")
    os.makedirs(snippets, exist_ok=True)
    shipped = os.path.join(ROOT, "nginx", "loadstack")
    for name in os.listdir(shipped):
        with open(os.path.join(shipped, name)) as f:
            text = f.read().replace("/etc/nginx/loadstack/", snippets + "/")
        with open(os.path.join(snippets, name), "w") as f:
            f.write(text)
    conf = conf.replace("/etc/nginx/loadstack/", snippets + "/")
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(conf)
    print(port)


def target_conf(work):
    """The system under load: nginx answering 200 at once; its access log line is written when the answer is
    sent, and $msec - $request_time is when the request arrived (ms, this host's one clock)."""
    port = free_port()
    conf = f"""worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    log_format arrival '$msec $request_time $uri';
    access_log {work}/access.log arrival buffer=256k flush=1s;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        location / {{ default_type text/plain; return 200 "ok\\n"; }}
    }}
}}
"""
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(conf)
    print(port)


async def pipe(reader, writer, delay_s, jitter_s):
    """Copies one direction, each chunk held delay ± jitter (uniform) but never overtaking the one before, as a
    TCP stream never reorders."""
    queue = asyncio.Queue()
    loop = asyncio.get_running_loop()

    async def send():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(send())
    last_due = 0.0
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            due = max(last_due, loop.time() + delay_s + random.uniform(-jitter_s, jitter_s))
            last_due = due
            queue.put_nowait((due, data))
    except (ConnectionError, OSError):
        pass
    queue.put_nowait((last_due, None))
    try:
        await sender
    except (ConnectionError, OSError):
        pass


async def delay_proxy(port_file, upstream_port, delay_ms, jitter_ms):
    delay_s, jitter_s = delay_ms / 1000.0, jitter_ms / 1000.0

    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, up_writer, delay_s, jitter_s),
                             pipe(up_reader, client_writer, delay_s, jitter_s))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.replace(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()


def arrivals(log, tag):
    """Requests of paths /t/<agent>/<tag>/...: per agent the first arrival and the count; overall the skew."""
    agents = {}
    first = last = None
    with open(log) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            segments = parts[2].split("/")
            if len(segments) < 4 or segments[1] != "t" or segments[3] != tag:
                continue
            arrived = float(parts[0]) - float(parts[1])
            a = agents.setdefault(segments[2], {"first": arrived, "count": 0})
            a["first"] = min(a["first"], arrived)
            a["count"] += 1
            first = arrived if first is None else min(first, arrived)
            last = arrived if last is None else max(last, arrived)
    firsts = sorted(a["first"] for a in agents.values())
    print(json.dumps({
        "agents": len(agents),
        "requests": sum(a["count"] for a in agents.values()),
        "first_ms": round(firsts[0] * 1000) if firsts else None,
        "last_first_ms": round(firsts[-1] * 1000) if firsts else None,
        "skew_ms": round((firsts[-1] - firsts[0]) * 1000) if firsts else None,
        "window_s": round(last - first, 3) if first is not None else None,
        "per_agent_first_ms": {k: round(v["first"] * 1000) for k, v in sorted(agents.items())},
    }))


def stock_cpu(command):
    """CPU of a command's whole process tree: RUSAGE_CHILDREN counts every descendant that was waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    rc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"rc": rc, "cpu_ms": round(cpu * 1000), "wall_s": round(time.time() - t0, 3)}))


def driver_cpu(command):
    """The agent's JMeter driver as the agent runs it, without the agent: START at half a second from READY (as
    the agent does, on a common instant), stdin kept open until the driver ends (closing it means "agent gone");
    CPU of the process as for stock_cpu."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = False
    for line in p.stdout:
        if line.startswith("LOADSTACK READY") and not started:
            p.stdin.write("START %d\n" % (time.time() * 1000 + 500))
            p.stdin.flush()
            started = True
    rc = p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"rc": rc, "started": started, "cpu_ms": round(cpu * 1000), "wall_s": round(time.time() - t0, 3)}))


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "front-door":
        front_door(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "target-conf":
        target_conf(sys.argv[2])
    elif cmd == "delay-proxy":
        asyncio.run(delay_proxy(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])))
    elif cmd == "arrivals":
        arrivals(sys.argv[2], sys.argv[3])
    elif cmd == "stock-cpu":
        stock_cpu(sys.argv[sys.argv.index("--") + 1:])
    elif cmd == "driver-cpu":
        driver_cpu(sys.argv[sys.argv.index("--") + 1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
