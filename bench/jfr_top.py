"""Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording: where the samples' threads were,
which methods the samples were in (self), which methods were on their stacks (inclusive), and how the
samples split between the libraries on the stack.

Usage: python3 jfr_top.py <recording.jfr> [rows]
"""
import collections
import json
import subprocess
import sys

# Libraries a sample is attributed to, first match from the top of its stack down.
LIBRARIES = [
    ("jinjava (templates)", ("com.hubspot.",)),
    ("jackson (JSON)", ("com.fasterxml.jackson.",)),
    ("pg client", ("io.vertx.pgclient.", "io.vertx.sqlclient.")),
    ("redis client", ("io.vertx.redis.", "io.quarkus.redis.")),
    ("http server (resteasy reactive)", ("org.jboss.resteasy.", "io.quarkus.resteasy.")),
    ("hibernate", ("org.hibernate.",)),
    ("web client", ("io.vertx.ext.web.client.", "io.vertx.core.http.")),
    ("logging", ("org.jboss.logmanager.", "org.jboss.logging.")),
    ("netty (I/O)", ("io.netty.",)),
    ("mutiny", ("io.smallrye.mutiny.",)),
    ("flywheel", ("dev.flywheel.",)),
]


def method_name(frame):
    method = frame["method"]
    owner = method["type"]["name"].replace("/", ".")
    return owner + "." + method["name"]


def library(names):
    for name in names:
        for label, prefixes in LIBRARIES:
            if name.startswith(prefixes):
                return label
    return "other (JDK, VM)"


def main():
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    own, inclusive, threads, libraries = (collections.Counter() for _ in range(4))
    for event in events:
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        names = [method_name(frame) for frame in frames]
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        threads[thread.rstrip("0123456789-")] += 1
        if names:
            own[names[0]] += 1
        for name in set(names):
            inclusive[name] += 1
        libraries[library(names)] += 1
    total = len(events)
    print(f"{total} CPU samples")

    def table(title, counter, limit):
        print(f"\n{title}")
        for name, count in counter.most_common(limit):
            print(f"  {100.0 * count / max(total, 1):5.1f}%  {name}")

    table("by library (first match from the top of the stack)", libraries, len(LIBRARIES) + 1)
    table("by thread", threads, 8)
    table("self (top frame)", own, rows)
    table("inclusive (on the stack), flywheel methods", collections.Counter(
        {name: count for name, count in inclusive.items() if name.startswith("dev.flywheel.")}), rows)
    table("inclusive (on the stack), all methods", inclusive, rows)


if __name__ == "__main__":
    main()
