"""Load test of the web dashboard on loopback: 20 concurrent users, a fixed number of requests
each, then stop. Prints requests per second, errors and the scorecard page's server time.

    .venv/bin/python benchmarks/web_load.py --db scorecard-demo/store.duckdb

The store gets a throwaway account (``loadtest``); the server runs in this process, in a
thread, and stops when the users are done.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx
import uvicorn

from csc_scorecard.web.app import create_app
from csc_scorecard.web.roles import Role
from csc_scorecard.web.users import add_user, create_users_table

PASSWORD = "load test password"
PAGES = ("/scorecard", "/indicators/assessments_45wd_pct", "/api/indicators/referrals_rate_per_10k")


def _session(response: httpx.Response) -> dict[str, str]:
    """The session cookie as a header: the cookie is Secure, so httpx would not send it back
    over plain HTTP by itself (browsers do, to loopback)."""
    return {"Cookie": response.headers["set-cookie"].split(";", 1)[0]}


def _logged_in(client: httpx.Client) -> None:
    form = client.get("/login")
    token = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    data = {"name": "loadtest", "password": PASSWORD, "csrf": token}
    client.headers.update(_session(client.post("/login", data=data, headers=_session(form))))


def _user(base: str, requests: int) -> int:
    """Log in, then fetch the pages in turn; the number of failed requests."""
    with httpx.Client(base_url=base, timeout=60) as client:
        _logged_in(client)
        return sum(client.get(PAGES[i % len(PAGES)]).status_code != 200 for i in range(requests))


def main() -> None:
    """Run the load test."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=50, help="per user")
    args = parser.parse_args()
    con = duckdb.connect(str(args.db))
    create_users_table(con)
    add_user(con, "loadtest", Role.ANALYST, PASSWORD)
    con.close()
    app = create_app(args.db)
    print("computing the snapshot ...", flush=True)
    app.state.csc.dashboard.wait()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base) as one:
        _logged_in(one)
        timed = []
        for _ in range(20):
            started = time.perf_counter()
            assert one.get("/scorecard").status_code == 200
            timed.append(time.perf_counter() - started)
    print(f"scorecard page alone: median {sorted(timed)[10] * 1000:.0f} ms on loopback")
    started = time.perf_counter()
    with ThreadPoolExecutor(args.users) as pool:
        errors = sum(pool.map(_user, [base] * args.users, [args.requests] * args.users))
    elapsed = time.perf_counter() - started
    total = args.users * args.requests
    print(
        f"{args.users} users x {args.requests} requests: {total / elapsed:.1f} requests/s, "
        f"{errors} errors, {elapsed:.1f} s"
    )
    server.should_exit = True
    thread.join()


if __name__ == "__main__":
    main()
