#!/usr/bin/env python3
"""Follows an experiment's event stream the way a standard EventSource does, across replicas.

Usage: [SSE_AUTHORIZATION=<header value>] python3 sse_follow.py <out.json> <url> [<url> ...]

Reads text/event-stream (WHATWG grammar: fields, one leading space stripped, data lines joined, the
last-event-id buffer), keeps every run's latest status from the snapshot and the events, and when the
connection closes (the server ended the stream, or its replica died) reconnects with Last-Event-ID to the
next URL in the list (as a client behind a load balancer may reach another replica). Stops only when a
reconnect answers 204, as an EventSource does, and writes {ended, opens, reconnects, snapshots, statuses: {run_id: status}, counts} to <out.json>.
"""
import http.client
import json
import os
import sys
import time
import urllib.parse

READ_TIMEOUT_S = 20  # heartbeats come far more often: a silent connection this long is dead
GIVE_UP_S = 300


def follow(urls, out):
    statuses, counts = {}, {}
    last_id, opens, snapshots, ended = None, 0, 0, False
    started = time.time()
    attempt = 0
    while not ended and time.time() - started < GIVE_UP_S:
        url = urllib.parse.urlsplit(urls[attempt % len(urls)])
        attempt += 1
        headers = {"Accept": "text/event-stream"}
        if last_id is not None:
            headers["Last-Event-ID"] = last_id
        if os.environ.get("SSE_AUTHORIZATION"):
            headers["Authorization"] = os.environ["SSE_AUTHORIZATION"]
        try:
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=READ_TIMEOUT_S)
            conn.request("GET", url.path + ("?" + url.query if url.query else ""), headers=headers)
            response = conn.getresponse()
            opens += 1
            if response.status == 204:
                ended = True
                break
            if response.status != 200:
                time.sleep(0.5)
                continue
            data, event_type = [], ""
            while True:
                # A closed stream, whether the server ended it or its replica died, is reconnected like an EventSource
                # does: only a 204 on reconnecting tells the client the stream is over for good (SPEC §10).
                raw = response.readline()
                if not raw:
                    break
                line = raw.decode("utf-8").rstrip("\r\n")
                if line == "":
                    if data:
                        payload = json.loads("\n".join(data))
                        kind = event_type or "message"
                        if kind == "experiment.snapshot":
                            snapshots += 1
                            for run in payload["data"]["runs"]:
                                statuses[run["run_id"]] = run["status"]
                            counts = payload["data"]["counts"]
                        elif "status" in payload:
                            statuses[payload["run_id"]] = payload["status"]
                            counts = payload.get("counts", counts)
                    data, event_type = [], ""
                    continue
                if line.startswith(":"):
                    continue
                field, _, value = line.partition(":")
                if value.startswith(" "):
                    value = value[1:]
                if field == "data":
                    data.append(value)
                elif field == "event":
                    event_type = value
                elif field == "id" and "\0" not in value:
                    last_id = value
        except (OSError, http.client.HTTPException, ValueError):
            time.sleep(0.5)
    with open(out, "w") as f:
        json.dump({"ended": ended, "opens": opens, "reconnects": opens - 1, "snapshots": snapshots,
                   "statuses": statuses, "counts": counts}, f)


if __name__ == "__main__":
    follow(sys.argv[2:], sys.argv[1])
