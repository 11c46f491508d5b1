#!/usr/bin/env python3
"""Top frames of `jfr print --events jdk.ExecutionSample --stack-depth 64` output:
self time (top frame), inclusive time of io.loadstack / io.micronaut / JDBC frames, by thread."""
import collections
import re
import sys

text = open(sys.argv[1], errors="replace").read()
events = text.split("jdk.ExecutionSample {")[1:]
self_c, incl, threads, first_own = (collections.Counter() for _ in range(4))
FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*?\)(?:\s+line:.*)?$")
for ev in events:
    m = re.search(r'sampledThread = "([^"]*)"', ev)
    threads[re.sub(r"\d+", "N", m.group(1)) if m else "?"] += 1
    # The frame list ends at the line holding only "]" (frames themselves contain "byte[]" and the like).
    m = re.search(r"stackTrace = \[\n(.*?)\n\s*\]\s*$", ev, re.S | re.M)
    st = m.group(1) if m else ""
    frames = [FRAME.match(l).group(1) for l in st.splitlines() if FRAME.match(l)]
    if not frames:
        continue
    self_c[frames[0]] += 1
    for f in set(frames):
        if f.startswith(("io.loadstack", "com.mysql", "com.zaxxer", "org.HdrHistogram", "sun.nio.ch.FileDispatcherImpl.force",
                         "io.micronaut.security", "io.micronaut.json", "io.micronaut.http.server", "io.micronaut.data",
                         "io.netty.handler.ssl", "org.flywaydb", "com.nimbusds", "com.fasterxml.jackson")):
            incl[f] += 1
    own = next((f for f in frames if f.startswith("io.loadstack")), None)
    if own:
        first_own[own] += 1
n = len(events) or 1
def show(title, c, k=15):
    print(title)
    for f, v in c.most_common(k):
        print("  %5.1f%%  %s" % (100.0 * v / n, f))
print("%d execution samples" % len(events))
show("threads:", threads, 8)
show("top frames (self):", self_c)
show("inclusive (selected packages):", incl, 20)
show("innermost Loadstack frame:", first_own, 10)
