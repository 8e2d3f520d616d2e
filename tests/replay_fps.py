"""Frames per second of the order replay in headless Chromium (issue #20), on a generated log.

    python tests/replay_fps.py --orders 20000              # writes the sample and the replay to a temp folder
    python tests/replay_fps.py --html replay.html          # measure an existing `python -m o2c animate` file
    python tests/replay_fps.py --orders 20000 --together   # stress: every order starts at time 0

The replay is opened from disk (file://), started at the moment the most orders are under way, played for
``--seconds`` at ``--speed`` process seconds per second, and the frames the renderer drew are read from its
requestAnimationFrame counter (``window.o2cReplay.frames``). This is a script, not a pytest test (it needs the
machine for a minute); `make test` only lints it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


def write_replay(orders: int, folder: Path) -> Path:
    """A sample workbook of ``orders`` orders and its replay (coloured by channel), written into ``folder``."""
    workbook, html = folder / "sample.xlsx", folder / "replay.html"
    run = [sys.executable, "-m", "o2c"]
    subprocess.run([*run, "sample", str(workbook), "--orders", str(orders)], check=True, cwd=ROOT)
    animate = [*run, "animate", str(workbook), "--out", str(html), "--color-by", "sales_channel"]
    subprocess.run(animate, check=True, cwd=ROOT)
    return html


def together(html: Path, folder: Path) -> Path:
    """A copy of the replay in which every order starts at time 0, so all of them are on the map at once."""
    text = html.read_text(encoding="utf-8")
    found = re.search(r'(<script id="replay-data" type="application/json">)(.*?)(</script>)', text, re.S)
    assert found is not None
    data = json.loads(found.group(2))
    offsets, waits = data["orders"]["offsets"], data["segments"]["wait"]
    data["orders"]["start"] = [0] * (len(offsets) - 1)  # segments hold waits: moving the start moves the order
    data["duration"] = max(sum(waits[offsets[i] : offsets[i + 1]]) for i in range(len(offsets) - 1))
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    out = folder / "together.html"
    out.write_text(text[: found.start(2)] + body + text[found.end(2) :], encoding="utf-8")
    return out


def measure(html: Path, seconds: float, speed: int, width: int, height: int) -> dict:
    """Frames drawn per second while playing, and how many dots were on the map."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(html.resolve().as_uri())
        page.wait_for_function("window.o2cReplay !== undefined")
        busiest = page.evaluate(
            """() => {  // the moment with the most orders under way, sampled over the timeline
                let best = 0, at = 0;
                for (let k = 1; k < 60; k++) {
                    o2cReplay.seek(o2cReplay.duration * k / 60);
                    const n = o2cReplay.countAlive();
                    if (n > best) { best = n; at = o2cReplay.duration * k / 60; }
                }
                o2cReplay.seek(at);
                return at;
            }"""
        )
        page.evaluate(f"o2cReplay.setSpeed({speed}); o2cReplay.play()")
        time.sleep(0.5)
        before = page.evaluate("[o2cReplay.frames, performance.now()]")
        time.sleep(seconds)
        after = page.evaluate("[o2cReplay.frames, performance.now(), o2cReplay.alive, o2cReplay.orders]")
        browser.close()
    fps = (after[0] - before[0]) / ((after[1] - before[1]) / 1000)
    return {"fps": round(fps, 1), "dots": after[2], "orders": after[3], "from": busiest}


def main() -> None:
    """Parse the options, write or take the replay, print the measurement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--html", type=Path, default=None, help="an existing replay file instead of a new sample")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--speed", type=int, default=86_400, help="process seconds per second (default one day)")
    parser.add_argument("--together", action="store_true", help="every order starts at time 0 (all on the map)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        html = args.html or write_replay(args.orders, Path(folder))
        if args.together:
            html = together(html, Path(folder))
        result = measure(html, args.seconds, args.speed, args.width, args.height)
    print(
        f"{result['orders']:,} orders, {result['dots']:,} dots on the map: {result['fps']} frames per second "
        f"({args.width}x{args.height}, {args.seconds:g} s at {args.speed:,} s/s)"
    )


if __name__ == "__main__":
    main()
