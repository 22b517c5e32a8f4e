"""Steady write load for the fault scripts: records which requests were accepted (answered 2xx).

Usage: python3 load.py <accepted-file> <stop-file> <url>=<json-body> [<url>=<json-body> ...]
Two clients per target POST its body again and again (each "@N@" in the body becomes a number unique to the
request) until <stop-file> exists. Every 2xx answer's "id" is appended to <accepted-file> as "<url>\t<id>";
every other outcome (error status, refused or timed-out connection) is counted. On exit it prints
"accepted=<n> rejected=<n>".
"""
import itertools
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

counter = itertools.count()
lock = threading.Lock()
totals = {"accepted": 0, "rejected": 0}


def client(url, body, accepted, stop_file):
    while not os.path.exists(stop_file):
        data = body.replace("@N@", str(next(counter))).encode()
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                created = json.load(answer)
            with lock:
                totals["accepted"] += 1
                accepted.write(f"{url}\t{created['id']}\n")
                accepted.flush()
        except (urllib.error.URLError, OSError, ValueError):
            with lock:
                totals["rejected"] += 1
            time.sleep(0.2)
        time.sleep(0.05)


def main():
    accepted_file, stop_file, targets = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(accepted_file, "a") as accepted:
        threads = []
        for target in targets:
            url, body = target.split("=", 1)
            for _ in range(2):
                thread = threading.Thread(target=client, args=(url, body, accepted, stop_file))
                thread.start()
                threads.append(thread)
        for thread in threads:
            thread.join()
    print(f"accepted={totals['accepted']} rejected={totals['rejected']}")


if __name__ == "__main__":
    main()
