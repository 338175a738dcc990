"""How fast `socialpolicy serve` answers once it has started.

    python benchmarks/serve.py                    # start-up, one draft (x20), a 500-post .xlsx
    python benchmarks/serve.py --posts 2000 --repeat 50

Starts the real server (uvicorn, every built-in rule, the installed language model)
in a subprocess on a free local port, waits until it answers, then times over real
HTTP on this machine:

* start-up: from launching the command to the first answer of GET /;
* one draft: POST /api/check with a short draft and its metadata (median and worst of
  --repeat runs, after one warm-up request), target <= 300 ms;
* a spreadsheet: POST /api/check with a --posts-row .xlsx calendar built here from
  varied realistic posts, target <= 10 s.

Timings are wall-clock on whatever else the machine is doing; run it by hand, not in CI.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta

DRAFT = {
    "text": "Congratulations to the Ward 10 team on their award! Find out more at "
            "https://www.jpaget.nhs.uk/news #NHS #Nursing",
    "platform": "twitter",
    "account": "@JamesPagetNHS",
    "scheduled": "2027-03-02T10:30",
    "media": [{"file": "ward10.jpg", "alt": "Nurses holding an award", "people": True,
               "consent": ["CF-2031"]}],
}
OPENINGS = [
    "Our new day surgery unit opens on Monday.",
    "Thank you to our volunteers for everything you do.",
    "Flu vaccination clinics for staff start next week in the education centre.",
    "Visiting times on our adult wards are 11am to 8pm every day.",
    "Congratulations to Jane Smith and the maternity team on their award!",
    "Take two paracetamol every four hours and rest.",
    "We are recruiting nurses and healthcare assistants across the hospital.",
]
ENDINGS = ["Find out more at https://www.jpaget.nhs.uk", "#NHS #JPUH", "More soon!",
           "Read more http://example.org/news", ""]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _spreadsheet(posts: int) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(12)
    book = Workbook()
    sheet = book.active
    sheet.title = "posts"
    sheet.append(["id", "account", "platform", "scheduled", "text", "media.file", "media.people"])
    start = datetime(2027, 3, 1, 9, 0)
    for index in range(posts):
        text = f"{rng.choice(OPENINGS)} {rng.choice(ENDINGS)}".strip()
        photo = rng.random() < 0.3
        sheet.append([f"p{index}", "@JamesPagetNHS", rng.choice(["twitter", "facebook"]),
                      start + timedelta(hours=7 * index), text,
                      f"photo{index}.jpg" if photo else None, "yes" if photo else None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _post(url: str, body: bytes, kind: str) -> tuple[float, dict[str, object]]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"content-type": kind, "accept": "application/json"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        data = json.loads(response.read())
    return time.perf_counter() - began, data


def _cpu_seconds(pid: int) -> float:
    """The server's own CPU time (Linux /proc), to tell slowness from a busy machine."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----socialpolicybenchmark"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    began = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "socialpolicy", "serve", "--port", str(port),
         "--max-upload-mb", "50"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit(server.stderr.read().decode() if server.stderr else "failed") from None
                time.sleep(0.1)
        startup = time.perf_counter() - began
        print(f"start-up (command to first answer): {startup:.2f} s")
        body = json.dumps(DRAFT).encode()
        _post(base + "/api/check", body, "application/json")  # warm-up
        cpu = _cpu_seconds(server.pid)
        times = [_post(base + "/api/check", body, "application/json")[0]
                 for _ in range(args.repeat)]
        cpu = (_cpu_seconds(server.pid) - cpu) / args.repeat
        print(f"one draft over HTTP ({args.repeat} runs): median {statistics.median(times) * 1000:.0f} ms, "
              f"worst {max(times) * 1000:.0f} ms, server CPU {cpu * 1000:.0f} ms each "
              "(target <= 300 ms)")
        data = _spreadsheet(args.posts)
        payload, kind = _multipart("calendar.xlsx", data)
        cpu = _cpu_seconds(server.pid)
        took, report = _post(base + "/api/check", payload, kind)
        cpu = _cpu_seconds(server.pid) - cpu
        summary = report["summary"]
        print(f"{args.posts}-post spreadsheet ({len(data) / 1000:.0f} kB): {took:.2f} s, "
              f"server CPU {cpu:.2f} s, {summary} (target <= 10 s)")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
