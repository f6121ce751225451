"""Reading with no network: what "Lưu cả sổ tay" costs a phone (`make bench`). Prints figures; asserts nothing.

For each language (and the PDFs apart), in Debian's Chromium against the
repository's nginx config on 127.0.0.1, each in a fresh browser context:

* size: files, bytes on the server, bytes sent (nginx's access log, gzip as
  served), bytes the browser holds afterwards (navigator.storage.estimate(),
  Cache Storage), against the target of 8 MB per language without PDFs; beside
  them the peer, the zip for computers (both languages, file://), and the same
  files stored without compression;
* time from pressing the button to "Đã lưu" on a throttled phone: the network
  of Lighthouse's mobile profile ("slow 4G": 562.5 ms per request, 1.47 Mbit/s
  down, 0.675 Mbit/s up) applied to the page and to the service worker (which
  does the downloading), and the page's CPU slowed 4× (Chromium refuses CPU
  throttling for workers: "only supported for pages"). The same save
  unthrottled is printed too; as the worker's CPU work is not slowed, "bound"
  adds 3 × the unthrottled time, a pessimistic figure for a phone 4× slower.

Timings on this machine are noisy (shared cores); sizes are exact.

    .venv/bin/python benchmarks/bench_offline.py [--groups vi,en,pdf-vi] [--no-throttle]
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

from sotay import budget, deploy, offline, pwa
from sotay.browser import chromium

TARGET = 8_000_000
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 * 0.9 / 8,
           "uploadThroughput": 750e3 * 0.9 / 8}
CPU = 4
DONE = "[data-state=saved],[data-state=quota],[data-state=network],[data-state=denied],[data-state=error]," \
       "[data-state=changed],[data-state=unsupported]"


class WorkerSession:
    """CDP commands to the service worker's target (Playwright opens sessions for pages only)."""

    def __init__(self, browser, url_part: str):
        self.cdp = browser.new_browser_cdp_session()
        self.replies: dict[int, dict] = {}
        self.cdp.on("Target.receivedMessageFromTarget", self._on)
        target = None
        for _ in range(100):
            target = next((t for t in self.cdp.send("Target.getTargets")["targetInfos"]
                           if t["type"] == "service_worker" and url_part in t["url"]), None)
            if target:
                break
            time.sleep(0.1)
        if not target:
            raise SystemExit("no service worker target")
        self.session = self.cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})["sessionId"]
        self.n = 0

    def _on(self, e):
        msg = json.loads(e["message"])
        if "id" in msg:
            self.replies[msg["id"]] = msg

    def send(self, method: str, params: dict) -> dict:
        self.n += 1
        self.cdp.send("Target.sendMessageToTarget",
                      {"sessionId": self.session, "message": json.dumps({"id": self.n, "method": method, "params": params})})
        for _ in range(200):
            if self.n in self.replies:
                reply = self.replies.pop(self.n)
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']['message']}")
                return reply.get("result", {})
            self.cdp.send("Target.getTargets")   # lets the event loop deliver the reply
            time.sleep(0.02)
        raise RuntimeError(f"{method}: no reply")


def sent_bytes(log: Path, start: int, end: int | None = None, worker: bool | None = None) -> tuple[int, int]:
    """(requests, body bytes sent) in nginx's access log from line ``start``; ``worker``: only the
    requests the service worker made (True: its referrer is sw.js) or only the others (False)."""
    lines = log.read_text(errors="replace").splitlines()[start:end]
    sizes = []
    for x in lines:
        m = re.search(r'" \d{3} (\d+) "([^"]*)"', x)
        if m and (worker is None or worker == m.group(2).endswith("/sw.js")):
            sizes.append(int(m.group(1)))
    return len(sizes), sum(sizes)


def save_once(browser, ng: deploy.Nginx, log: Path, group: str, throttle: bool) -> dict:
    lang = group.split("-")[-1]
    home = f"{ng.url}/{'' if lang == 'vi' else lang + '/'}"
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    first = len(log.read_text(errors="replace").splitlines()) if log.exists() else 0
    page.goto(home, wait_until="load")
    page.locator(f'[data-group="{group}"] button[data-act="save"]:not([disabled])').wait_for(timeout=60000)
    page.wait_for_timeout(1000)
    visit = {"page": sent_bytes(log, first, worker=False), "shell": sent_bytes(log, first, worker=True)}
    before = page.evaluate("navigator.storage.estimate()")
    if throttle:
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU})
        worker = WorkerSession(browser, ng.url)
        worker.send("Network.enable", {})
        worker.send("Network.emulateNetworkConditions", SLOW_4G)
    start = len(log.read_text(errors="replace").splitlines())
    t = time.perf_counter()
    page.locator(f'[data-group="{group}"] button[data-act="save"]').click()
    page.locator(f'[data-group="{group}"]:is({DONE})').wait_for(timeout=600_000)
    seconds = time.perf_counter() - t
    state = page.locator(f'[data-group="{group}"]').get_attribute("data-state")
    after = page.evaluate("navigator.storage.estimate()")
    requests, sent = sent_bytes(log, start)
    ctx.close()
    return {"state": state, "seconds": seconds, "requests": requests, "sent": sent, "visit": visit,
            "stored": after.get("usageDetails", {}).get("caches", after["usage"]),
            "stored_before": before.get("usageDetails", {}).get("caches", before["usage"])}


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--groups", default="vi,en,pdf-vi")
    ap.add_argument("--no-throttle", action="store_true", help="only the unthrottled save")
    args = ap.parse_args()
    groups = [g for g in args.groups.split(",") if g]
    with tempfile.TemporaryDirectory(prefix="sotay-bench-offline-") as tmp:
        site, where = budget.site_for_bench(Path(tmp))
        if not (site / pwa.SW_NAME).exists():
            offline.build(site)
            pwa.build(site)
        man = pwa.collect(site)
        size = pwa.sizes(man)
        version = re.search(r'"version":"([0-9a-f]+)"', (site / pwa.SW_NAME).read_text(encoding="utf-8")).group(1)
        zip_path = site / offline.ZIP_NAME
        print(f"Offline save of {where}, sw.js {version}; Chromium, nginx with deploy/nginx/sotay.conf")
        results = {}
        with chromium() as browser, deploy.Nginx(site, Path(tmp) / "nginx") as ng:
            log = Path(tmp) / "nginx" / "logs" / "access.log"
            for g in groups:
                results[g] = {"plain": save_once(browser, ng, log, g, throttle=False)}
                if not args.no_throttle:
                    results[g]["slow"] = save_once(browser, ng, log, g, throttle=True)
        print()
        print(f"{'group':8} {'files':>5} {'on server':>10} {'sent':>9} {'stored':>9}  target ≤ 8 MB per language")
        for g in groups:
            s, r = size[g], results[g]["plain"]
            # A language's figure includes the shell stored at the first visit; the PDFs' does not.
            stored = r["stored"] - r["stored_before"] if g.startswith("pdf-") else r["stored"]
            verdict = "(PDFs, apart)" if g.startswith("pdf-") else ("OK" if stored <= TARGET else "OVER")
            print(f"{g:8} {s['files']:>5} {mb(s['bytes']):>10} {mb(r['sent']):>9} {mb(stored):>9}  {verdict}")
        if zip_path.exists():
            import zipfile

            with zipfile.ZipFile(zip_path) as z:
                unzipped = sum(i.file_size for i in z.infolist())
            print(f"{'peer':8} the zip for computers (both languages, file://): {mb(zip_path.stat().st_size)} download, "
                  f"{mb(unzipped)} unzipped")
        print("(on server: the files as built; sent: bodies as nginx sent them (gzip) for the save; stored: Cache "
              "Storage in navigator.storage.estimate(), text kept gzipped: stored plainly it would be about the "
              "'on server' figure)")
        visit = results[groups[0]]["plain"]["visit"]
        print(f"first visit of a home page: the page {visit['page'][1] / 1e3:.0f} KB ({visit['page'][0]} requests), then "
              f"the worker and the shell it precaches {visit['shell'][1] / 1e3:.0f} KB ({visit['shell'][0]} requests), "
              "after the page has loaded")
        print()
        print("Time from pressing the button to the saved state:")
        for g in groups:
            plain = results[g]["plain"]
            line = f"  {g:8} unthrottled {plain['seconds']:.1f} s ({plain['requests']} requests, {plain['state']})"
            if "slow" in results[g]:
                slow = results[g]["slow"]
                line += (f"; slow 4G + CPU {CPU}× page: {slow['seconds']:.1f} s ({slow['state']}), "
                         f"bound with the worker {CPU}× slower too: {slow['seconds'] + (CPU - 1) * plain['seconds']:.1f} s")
            print(line)
        if not args.no_throttle and zip_path.exists():
            print(f"  peer: the zip over the same network would take about "
                  f"{zip_path.stat().st_size * 8 / (SLOW_4G['downloadThroughput'] * 8):.0f} s (size ÷ throughput)")
        print("(slow 4G = Lighthouse's mobile profile: 562.5 ms per request, 1.47 Mbit/s down, 0.675 Mbit/s up, on the "
              "page and on the service worker; timings on this shared machine are noisy)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
