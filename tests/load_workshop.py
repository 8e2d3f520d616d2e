"""Workshop load test: N browser sessions against one `streamlit run app.py` on this machine.

    python tests/load_workshop.py --users 8
    python tests/load_workshop.py --users 1 4 8 --markdown     # several runs, one fresh server each

Each simulated user gets a browser context of its own (one chromium, N contexts) and a workbook of its own
(`python -m o2c sample --orders 2000 --seed K`, written once to a temporary folder). Every user then:

    open        goto the app               -> the Data page heading ("Your order data")
    load        upload its workbook        -> "Loaded ... orders"
    overview    top-bar link Overview      -> the heading and the Orders metric
    filter      Sales channel -> Partner   -> the caption "Partner orders: ... of ..."
    process_map top-bar link Process map   -> the heading and the map (graphviz svg)
    variants    top-bar link Variants      -> the heading and the variant table

By default the users wait for each other before every action (a workshop: "now everyone open the Overview"), so
the N users do each action at the same moment and the CPU the server and the browser spent during the action can
be attributed to it; `--no-sync` lets each user run through at its own pace. The server's memory is sampled
every 0.2 s from /proc (RSS summed over the server and its children; VmHWM of the server itself).

This is a script, not a pytest test (it needs minutes and the whole machine); `make test` only lints it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
ACTIONS = ["open", "load", "overview", "filter", "process_map", "variants"]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- /proc sampling


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int, tree: dict[int, list[int]]) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(tree.get(p, []))
    return out


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Every 0.2 s: the server tree's RSS, and the CPU seconds used so far by the server tree and by the browser
    (every other process below this one: the playwright driver and chromium). CPU of a process that has exited is
    kept at its last sample."""

    def __init__(self, server_pid: int):
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.peak_rss_kb = 0
        self.cpu_seen: dict[int, tuple[str, float]] = {}
        self.samples: list[tuple[float, float, float]] = []  # (time, server cpu s, browser cpu s)
        self.stop = threading.Event()

    def sample(self) -> None:
        tree = _children()
        server = set(_descendants(self.server_pid, tree))
        rss = sum(_status_kb(p, "VmRSS") for p in server)
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        for pid in _descendants(os.getpid(), tree):
            if pid == os.getpid():
                continue
            cpu = _cpu_seconds(pid)
            if cpu is not None:
                self.cpu_seen[pid] = ("server" if pid in server else "browser", cpu)
        totals = {"server": 0.0, "browser": 0.0}
        for kind, cpu in self.cpu_seen.values():
            totals[kind] += cpu
        self.samples.append((time.perf_counter(), totals["server"], totals["browser"]))

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            time.sleep(0.2)

    def cpu_between(self, start: float, end: float) -> tuple[float, float]:
        def at(t: float) -> tuple[float, float]:
            before = [s for s in self.samples if s[0] <= t]
            s = before[-1] if before else self.samples[0]
            return s[1], s[2]

        s0, b0 = at(start)
        s1, b1 = at(end)
        return s1 - s0, b1 - b0


# ---------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(log_path: Path, cpus: set[int] | None = None) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
        + ["--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            return process, url, time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("streamlit did not start: " + log_path.read_text(errors="replace")[-2000:])


def make_workbooks(folder: Path, users: int, orders: int) -> list[Path]:
    paths = []
    for k in range(users):
        path = folder / f"o2c_workshop_{k + 1}.xlsx"
        if not path.exists():
            subprocess.run(
                [sys.executable, "-m", "o2c", "sample", "--orders", str(orders), "--seed", str(100 + k), str(path)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        paths.append(path)
    return paths


# ---------------------------------------------------------------- one user


@dataclass
class UserRun:
    user: int
    times: dict[str, float] = field(default_factory=dict)
    spans: dict[str, tuple[float, float]] = field(default_factory=dict)
    error: str = ""


async def _nav(page, url_path: str, heading: str) -> None:
    if str(ROOT) not in sys.path:  # run as a script: tests/ is on the path, the app's packages are not
        sys.path.insert(0, str(ROOT))
    from o2c.i18n import t
    from ui.navigation import BY_PATH

    stage = BY_PATH[url_path].stage
    if stage:  # pages of a stage sit in its drop-down in the top bar
        await page.locator('[data-testid="stTopNavSection"]', has_text=t(stage, "en")).click()
        await page.locator(f'[data-testid="stTopNavDropdownLink"][href$="/{url_path}"]').click()
    else:
        await page.locator(f'[data-testid="stTopNavLink"][href$="/{url_path}"]').click()
    await page.get_by_role("heading", name=heading).first.wait_for()


async def user_session(browser, url: str, workbook: Path, run: UserRun, barrier, timeout_s: float) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_s * 1000)

    async def step(name: str, action) -> None:
        if barrier is not None:
            await barrier.wait()
        if run.error:
            return
        start = time.perf_counter()
        try:
            await action()
        except Exception as exc:  # noqa: BLE001 - one failing user must not stop the others
            run.error = f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
            return
        end = time.perf_counter()
        run.times[name] = end - start
        run.spans[name] = (start, end)

    async def open_app():
        await page.goto(url)
        await page.get_by_role("heading", name="Your order data").wait_for()

    async def load():
        await page.locator('[data-testid="stFileUploader"] input[type=file]').first.set_input_files(str(workbook))
        await page.get_by_text(re.compile(r"Loaded [\d,]+ orders")).wait_for()

    async def overview():
        await _nav(page, "overview", "Overview")
        metric = page.locator('[data-testid="stMetric"]', has=page.get_by_text("Orders", exact=True)).first
        await metric.locator('[data-testid="stMetricValue"]').wait_for()

    async def partner_filter():
        box = page.locator(
            '[data-testid="stSidebar"] [data-testid="stMultiSelect"]', has=page.get_by_text("Sales channel")
        )
        await box.scroll_into_view_if_needed()
        await box.locator("input").click()
        await page.get_by_role("option", name="Partner", exact=True).click()
        await page.keyboard.press("Escape")
        await page.get_by_text(re.compile(r"^Partner orders: [\d,]+ of [\d,]+$")).wait_for()

    async def process_map():
        await _nav(page, "process-map", "Process map")
        await page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for()

    async def variants():
        await _nav(page, "variants", "Variants")
        await page.locator('[data-testid="stDataFrame"]').first.wait_for()

    try:
        for name, action in zip(ACTIONS, [open_app, load, overview, partner_filter, process_map, variants]):
            await step(name, action)
    finally:
        await context.close()


class Barrier:
    """asyncio.Barrier (3.11) for the users still running."""

    def __init__(self, parties: int):
        self.barrier = asyncio.Barrier(parties)

    async def wait(self) -> None:
        await self.barrier.wait()


# ---------------------------------------------------------------- one run


def _pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    ordered = sorted(values)
    # nearest-rank percentile: with 8 users p95 is the slowest user, p50 the 4th
    rank = max(1, -(-q * len(ordered) // 100))
    return ordered[int(rank) - 1]


async def _drive(url: str, workbooks: list[Path], sync: bool, timeout_s: float) -> list[UserRun]:
    from playwright.async_api import async_playwright

    runs = [UserRun(user=i + 1) for i in range(len(workbooks))]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        barrier = Barrier(len(workbooks)) if sync else None
        await asyncio.gather(*(user_session(browser, url, wb, r, barrier, timeout_s) for wb, r in zip(workbooks, runs)))
        await browser.close()
    return runs


def run_once(
    users: int,
    workbooks: list[Path],
    sync: bool,
    timeout_s: float,
    warm: bool,
    server_cpus: set[int] | None = None,
    browser_cpus: set[int] | None = None,
    url: str | None = None,
) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".log", delete=False) as f:
        log_path = Path(f.name)
    process, startup = None, 0.0
    if url is None:
        process, url, startup = start_server(log_path, server_cpus)
    all_cpus = os.sched_getaffinity(0)
    if browser_cpus:  # the playwright driver and chromium inherit this process's CPUs
        os.sched_setaffinity(0, browser_cpus)
    sampler = Sampler(process.pid if process else -1)  # -1: a server elsewhere, memory and CPU not measured
    sampler.sample()
    sampler.start()
    try:
        if warm:  # one user through the whole journey first, so the figures exclude the server's first imports
            asyncio.run(_drive(url, workbooks[:1], sync, timeout_s))
        wall_start = time.perf_counter()
        runs = asyncio.run(_drive(url, workbooks[:users], sync, timeout_s))
        wall = time.perf_counter() - wall_start
    finally:
        sampler.stop.set()
        sampler.join()
        hwm_kb = _status_kb(process.pid, "VmHWM") if process else 0
        os.sched_setaffinity(0, all_cpus)
        if process:
            process.terminate()
            process.wait(timeout=20)
    rows = []
    for action in ACTIONS:
        values = [r.times[action] for r in runs if action in r.times]
        spans = [r.spans[action] for r in runs if action in r.spans]
        server_cpu = browser_cpu = phase = 0.0
        if spans and sync:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            phase = end - start
            server_cpu, browser_cpu = sampler.cpu_between(start, end)
        rows.append(
            {
                "action": action,
                "n": len(values),
                "p50": _pct(values, 50) if values else float("nan"),
                "p95": _pct(values, 95) if values else float("nan"),
                "max": max(values) if values else float("nan"),
                "phase": phase,
                "server_cpu": server_cpu,
                "browser_cpu": browser_cpu,
            }
        )
    journeys = [sum(r.times.values()) for r in runs if not r.error]
    log_path.unlink(missing_ok=True)
    return {
        "users": users,
        "rows": rows,
        "errors": [f"user {r.user}: {r.error}" for r in runs if r.error],
        "startup_s": startup,
        "wall_s": wall,
        "journey_p50": _pct(journeys, 50) if journeys else float("nan"),
        "journey_max": max(journeys) if journeys else float("nan"),
        "peak_rss_mb": sampler.peak_rss_kb / 1024,
        "hwm_mb": hwm_kb / 1024,
        "load_avg": os.getloadavg(),
        "pinning": f"server on CPU {sorted(server_cpus)}, browser on CPU {sorted(browser_cpus)}"
        if server_cpus and browser_cpus
        else "",
    }


def print_result(result: dict, markdown: bool) -> None:
    users = result["users"]
    memory = (
        f"server peak RSS {result['peak_rss_mb']:.0f} MB (VmHWM {result['hwm_mb']:.0f} MB)"
        if result["peak_rss_mb"]
        else "server memory and CPU not measured (--url)"
    )
    print(
        f"\n{users} user(s): server up in {result['startup_s']:.1f} s, journey p50 {result['journey_p50']:.1f} s, "
        f"max {result['journey_max']:.1f} s, wall {result['wall_s']:.1f} s; {memory}; load avg "
        + " ".join(f"{x:.1f}" for x in result["load_avg"])
        + (f"; {result['pinning']}" if result["pinning"] else "")
    )
    header = ["action", "ok", "p50 s", "p95 s", "max s", "phase s", "server CPU s", "browser CPU s"]
    if markdown:
        print("| users | " + " | ".join(header) + " |")
        print("|---:|---|" + "---:|" * (len(header) - 1))
    else:
        print("  ".join(f"{h:>13}" for h in header))
    for row in result["rows"]:
        cells = [
            row["action"],
            f"{row['n']}/{users}",
            f"{row['p50']:.2f}",
            f"{row['p95']:.2f}",
            f"{row['max']:.2f}",
            f"{row['phase']:.2f}",
            f"{row['server_cpu']:.2f}",
            f"{row['browser_cpu']:.2f}",
        ]
        if markdown:
            print(f"| {users} | " + " | ".join(cells) + " |")
        else:
            print("  ".join(f"{c:>13}" for c in cells))
    for error in result["errors"]:
        print("  ERROR", error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[8], help="one run per value (default 8)")
    parser.add_argument("--orders", type=int, default=2000, help="orders per generated workbook (default 2000)")
    parser.add_argument("--workdir", type=Path, help="where the workbooks go (default: a temporary folder)")
    parser.add_argument("--no-sync", action="store_true", help="users do not wait for each other between actions")
    parser.add_argument("--warm", action="store_true", help="run one user through first (server imports done)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per action before a user gives up")
    parser.add_argument("--url", help="drive a server that is already running (e.g. on another machine)")
    parser.add_argument("--server-cpus", help="pin the server to these CPUs, e.g. 0 (with --browser-cpus)")
    parser.add_argument("--browser-cpus", help="pin the playwright driver and chromium to these CPUs, e.g. 1")
    parser.add_argument("--markdown", action="store_true", help="print the tables as markdown")
    args = parser.parse_args(argv)
    server_cpus = {int(c) for c in args.server_cpus.split(",")} if args.server_cpus else None
    browser_cpus = {int(c) for c in args.browser_cpus.split(",")} if args.browser_cpus else None

    with tempfile.TemporaryDirectory(prefix="o2c-workshop-") as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        workbooks = make_workbooks(folder, max(args.users), args.orders)
        failed = False
        for users in args.users:
            result = run_once(
                users, workbooks, not args.no_sync, args.timeout, args.warm, server_cpus, browser_cpus, args.url
            )
            print_result(result, args.markdown)
            failed = failed or bool(result["errors"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
