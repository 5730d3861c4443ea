"""Load test of the web server (`make loadtest`): N clients against a real `orgraph serve`
on loopback, over the demo store and a store of 100,000 claims. Bounded and self-stopping:
each run lasts a fixed number of seconds, every request has a timeout, and the server is
stopped at the end (or on any error).

Each client sends its next request as soon as the last one is answered (a closed loop, no
think time), so the figures show the server's capacity: with 20 clients, latency beyond the
service time is queueing. Requests cycle through a mix of pages and JSON answers. A warm-up
comes first and is not counted in the steady-state figures: at least `--warmup` seconds, and
until every URL was answered once; those first answers (made from the store, nothing cached
yet) are reported separately as "cold".

    python benchmarks/loadtest.py [--clients 20] [--seconds 20] [--warmup 5] [--claims 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from orgraph.demo import build_demo
from orgraph.fuzzydate import FuzzyDate
from orgraph.interval import Interval
from orgraph.model import Claim, Status
from orgraph.store import Store
from orgraph.store import schema as t
from orgraph.store.codec import claim_columns

HOST = "127.0.0.1"  # loopback only, whatever the arguments say


@dataclass
class Run:
    store: str
    claims: int
    clients: int
    seconds: float
    warmup: float = 0.0
    requests: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        ordered = sorted(self.latencies) or [0.0]
        cold = sorted(self.cold) or [0.0]

        def pct(values: list[float], q: float) -> float:
            return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1)

        return {
            "store": self.store,
            "claims": self.claims,
            "clients": self.clients,
            "seconds": self.seconds,
            "warmup_seconds": self.warmup,
            "requests": self.requests,
            "errors": self.errors,
            "req_per_s": round(self.requests / self.seconds, 1),
            "p50_ms": pct(ordered, 0.50),
            "p99_ms": pct(ordered, 0.99),
            "max_ms": round(ordered[-1] * 1000, 1),
            "cold_p50_ms": pct(cold, 0.50),
            "cold_max_ms": round(cold[-1] * 1000, 1),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
        }


def demo_store(folder: Path) -> Path:
    path = folder / "demo.db"
    store = Store(path)
    store.seed()
    build_demo(store)
    store.close()
    return path


def large_store(folder: Path, count: int, seed: int = 7) -> Path:
    """The gazetteer and `count` dated membership and relation claims between its entities
    (written in bulk: this measures serving, not importing)."""
    path = folder / f"claims-{count}.db"
    store = Store(path)
    store.seed()
    ids = sorted(store.entity_ids())
    rng = random.Random(seed)
    predicates = ["member_of", "participates_in", "cooperates_with", "liaises_with", "part_of"]
    with store.transaction() as conn:
        batch: list[dict[str, object]] = []
        evidence: list[dict[str, object]] = []
        for number in range(count):
            subject, obj = rng.sample(ids, 2)
            year = rng.randint(1946, 2024)
            claim = Claim(
                subject,
                rng.choice(predicates),
                obj,
                interval=Interval(FuzzyDate.parse(str(year)), None),
                status=rng.choice([Status.CANDIDATE, Status.ACCEPTED]),
                confidence=0.8,
                id=f"c{uuid.UUID(int=rng.getrandbits(128)).hex[:15]}",
            )
            batch.append({**claim_columns(claim), "supersedes": None})
            sentence = f"{subject} and {obj}, {year} (synthetic claim {number})."
            evidence.append(
                {
                    "claim_id": claim.id,
                    "source_id": "synthetic",
                    "start": 0,
                    "end": len(sentence),
                    "text": sentence,
                    "extractor": "loadtest",
                }
            )
            if len(batch) == 5000:
                conn.execute(t.claims.insert(), batch)
                conn.execute(t.evidence.insert(), evidence)
                batch, evidence = [], []
        if batch:
            conn.execute(t.claims.insert(), batch)
            conn.execute(t.evidence.insert(), evidence)
    store.close()
    return path


# Pages whose work grows with the whole store (every body's lineage, every conflict, the whole
# network's layout): seconds each at 100,000 claims, so they are timed one by one there
# (`--cold`) instead of being put under load.
WHOLE_STORE = ("/", "/network.json?at=2010", "/api/check", "/api/search?q=", "/entity/")


def request_mix(*, whole_store_pages: bool = True) -> list[str]:
    """Pages and JSON answers a reader asks for: search, entity, body, membership at a date,
    timeline, relations, names, network, documents, review queue, claims."""
    bodies = ["GMG", "IASC", "UNSDG"]
    orgs = ["IOM", "UNHCR", "UNDP", "WFP", "UNICEF"]
    urls = ["/", "/documents", "/review.json", "/network.json?at=2010", "/api/check"]
    for org in orgs:
        urls += [
            f"/api/search?q={org}",
            f"/entity/{org}",
            f"/api/timeline/{org}",
            f"/api/relations/{org}",
            f"/api/names/{org}",
            f"/api/claims?entity={org}&limit=50",
        ]
    for body in bodies:
        urls += [
            f"/body/{body}?at=2010",
            f"/api/members?body={body}&at=2010",
            f"/api/is-member?org=UNDP&body={body}&at=2006-03-15",
        ]
    if whole_store_pages:
        return urls
    return [u for u in urls if not (u == "/" or u.startswith(WHOLE_STORE[1:]))]


def cold_times(db: Path, urls: list[str]) -> dict[str, float]:
    """Seconds for one request to each URL on a fresh server (nothing cached)."""
    process, base = start_server(db)
    try:
        times = {}
        with httpx.Client(base_url=base, timeout=600) as http:
            for url in urls:
                started = time.perf_counter()
                http.get(url, headers={"accept": "text/html"}).raise_for_status()
                times[url] = round(time.perf_counter() - started, 2)
        return times
    finally:
        stop_server(process)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orgraph.cli",
            "--db",
            str(db),
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).is_success:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start within 60 s")


async def load(base: str, urls: list[str], run: Run) -> None:
    """Closed-loop clients. Counting starts after the warm-up, and not before every URL of the
    mix was answered once (a steady state: the cold answers are reported on their own)."""
    begun = time.monotonic()
    warmed: set[str] = set()
    window: dict[str, float] = {}

    def counting() -> bool:
        if "from" not in window and len(warmed) == len(set(urls)):
            window["from"] = max(time.monotonic(), begun + run.warmup)
            window["stop"] = window["from"] + run.seconds
        return "from" in window and time.monotonic() >= window["from"]

    def done() -> bool:
        late = time.monotonic() > begun + run.warmup + run.seconds + 600  # bounded anyway
        return late or ("stop" in window and time.monotonic() >= window["stop"])

    async def client(number: int, http: httpx.AsyncClient) -> None:
        order = urls[number % len(urls) :] + urls[: number % len(urls)]
        position = 0
        while not done():
            url = order[position % len(order)]
            position += 1
            started = time.perf_counter()
            try:
                response = await http.get(url, headers={"accept": "text/html"})
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            elapsed = time.perf_counter() - started
            if counting():
                run.requests += 1
                run.latencies.append(elapsed)
            run.errors += not ok  # errors count, warm-up or not
            if url not in warmed:
                warmed.add(url)
                run.cold.append(elapsed)

    limits = httpx.Limits(max_connections=run.clients, max_keepalive_connections=run.clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(client(i, http) for i in range(run.clients)))


def measure(
    name: str, db: Path, claims: int, clients: int, seconds: float, warmup: float
) -> dict[str, object]:
    process, base = start_server(db)
    try:
        run = Run(name, claims, clients, seconds, warmup)
        asyncio.run(load(base, request_mix(whole_store_pages=name == "demo"), run))
        return run.summary()
    finally:
        stop_server(process)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="counted seconds per store")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds not counted first")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--cold", action="store_true", help="time the whole-store pages too")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="orgraph-load-") as folder:
        work = Path(folder)
        demo = demo_store(work)
        demo_claims = Store(demo, create=False).stats()["claims"]
        results.append(measure("demo", demo, demo_claims, args.clients, args.seconds, args.warmup))
        started = time.monotonic()
        large = large_store(work, args.claims)
        print(f"built the {args.claims:,}-claim store in {time.monotonic() - started:.0f} s")
        results.append(
            measure("large", large, args.claims, args.clients, args.seconds, args.warmup)
        )
        slow = [u for u in request_mix() if u == "/" or u.startswith(WHOLE_STORE[1:])]
        cold = cold_times(large, sorted(set(slow), key=slow.index)[:6]) if args.cold else {}
    print(
        f"{'store':>6} {'claims':>8} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'max ms':>7} {'cold p50':>8} {'cold max':>8} {'errors':>6}"
    )
    for r in results:
        print(
            f"{r['store']:>6} {r['claims']:>8} {r['clients']:>7} {r['req_per_s']:>7} "
            f"{r['p50_ms']:>7} {r['p99_ms']:>7} {r['max_ms']:>7} {r['cold_p50_ms']:>8} "
            f"{r['cold_max_ms']:>8} {r['errors']:>6}"
        )
    for url, seconds in cold.items():
        print(f"  {args.claims:,} claims, one request, nothing cached: {seconds:7.2f} s  {url}")
    if args.json:
        args.json.write_text(json.dumps({"runs": results, "cold": cold}, indent=2) + "\n", "utf-8")
    if any(r["errors"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    os.environ.pop("ORGRAPH_READ_TOKEN", None)  # the figures are for an open store
    main()
