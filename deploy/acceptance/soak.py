#!/usr/bin/env python3
"""The soak: a compressed multi-year history through the running stack, with figures at checkpoints.

    soak.py [--meters N] [--years Y] [--start YYYY-MM-DD] [--out DIR]

It plays a head-end operator and the utility for Y years of N interval meters (one kWh channel each, three read
cycles, one UDC and two ESPs), as fast as the stack takes them:

- a feed per simulated week: every meter's 15-minute intervals for the week (DST days have 92 or 100), and the
  register reads of the read dates it reaches (consistent with the intervals);
- a late correction every fourth week: one meter's day about 40 days back sent again with other values, which
  must cancel and reissue its account-period (inside the correction horizon);
- meters.csv sent again every simulated month, unchanged in meaning (its rows in another order): it must
  re-evaluate nothing;
- after each feed, a retrieval round of every mailbox (UDC and ESPs): new files listed, downloaded, acknowledged.

The history ends yesterday; it starts Y years before. At the checkpoints (months 1, 12 and the last; e.g. 1, 12, 36)
it waits until the summary holds every channel-period of the last 40 days, then prints, per service: the heap
after a full GC (jcmd), its data directory (state stores, files), restart-to-ready (it stops the service with
SIGTERM; the supervisor of `./mdma up` starts it again; measured from the new process's start to ready); the
topics' sizes on disk (largest first); the UDC summary's size; p50/p99 of listing one day's files and of downloading
one. At the end: the checkpoints side by side, month-last / month-1 per service (target: at most 1.5), and the
mailboxes checked as the drill does (every account-period with exactly one current original, no ISA13 reused).

Run it against a stack started with `./mdma up` (an empty one: `./mdma reset` first); `./mdma soak` does both
checks. The operator's password comes from MDMA_OPERATOR_PASSWORD, the pids from $MDMA_HOME/run.
"""
import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import acceptance  # noqa: E402  (the utility's client)
import drill  # noqa: E402  (the stack's pids and health; the mailbox check)

ZONE = ZoneInfo("America/Los_Angeles")
UDC = "SCE"
ESPS = ("ESP01", "ESP02")
CYCLE_DAYS = {"01": 5, "02": 15, "03": 25}
SERVICES = ("ingest", "vee", "edi", "delivery")
HEAPS = SERVICES + ("registry", "broker")
TTY = sys.stdout.isatty()


def log(started, text):
    print(f"[{time.time() - started:7.1f}s] {text}", flush=True)


# ------------------------------------------------------------------------------------------------ the history

class History:
    """The meters, their master data and their readings, day by day (values as integers of 1/10,000 kWh)."""

    def __init__(self, meters, start, end):
        self.start, self.end = start, end
        self.meters = []
        for i in range(meters):
            cycle = ("01", "02", "03")[i % 3]
            self.meters.append({
                "service_account": str(4100000000 + i * 7919), "udc_id": UDC, "esp_id": ESPS[i % len(ESPS)],
                "customer_name": f"Soak Customer {i + 1}", "meter_id": f"MS{100000 + i}", "read_cycle": cycle,
                "interval_minutes": "15", "dials": "6", "meter_multiplier": "1",
                "base": 2000 + (i * 37) % 6000,  # 1/10,000 kWh per interval, before the day's shape
            })
        self.cumulative = {m["meter_id"]: 100_000_000 for m in self.meters}  # 10,000.0000 kWh on the dials at start
        self.read_dates = self._read_dates()

    def _read_dates(self):
        out = {}
        for cycle, day in CYCLE_DAYS.items():
            dates, y, m = [], self.start.year, self.start.month
            while True:
                d = dt.date(y, m, day)
                if d > self.end + dt.timedelta(days=1):
                    break
                if d >= self.start:
                    dates.append(d)
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            out[cycle] = dates
        return out

    def parties_csv(self):
        rows = [(UDC, "UDC", "Southern California Edison", "375040116")]
        rows += [(e, "ESP", f"Soak Energy Services {k + 1}", f"95821416{k}") for k, e in enumerate(ESPS)]
        return csv_bytes(("party_id", "role", "name", "duns"), rows)

    def meters_csv(self, rotate=0):
        cols = ("service_account", "udc_id", "esp_id", "customer_name", "meter_id", "read_cycle", "interval_minutes",
                "dials", "meter_multiplier")
        rows = [tuple(m[c] for c in cols) for m in self.meters]
        rotate %= max(1, len(rows))
        return csv_bytes(cols, rows[rotate:] + rows[:rotate])

    def channels_csv(self):
        return csv_bytes(("meter_id", "channel", "uom", "raw_unit", "pulse_multiplier", "max_pulses_per_interval"),
                         [(m["meter_id"], "1", "KWH", "UNIT", "1", "0") for m in self.meters])

    def schedule_csv(self):
        return csv_bytes(("read_cycle", "scheduled_read_date"),
                         [(c, d.isoformat()) for c, dates in sorted(self.read_dates.items()) for d in dates])

    @staticmethod
    def value(meter, instant_local, scale=1.0):
        """One interval's usage: the meter's base shaped by hour and weekday, with a fixed wobble."""
        hour = instant_local.hour
        shape = (6, 5, 5, 5, 5, 6, 8, 10, 11, 11, 10, 10, 10, 10, 10, 11, 12, 13, 13, 12, 10, 9, 8, 7)[hour]
        weekend = 8 if instant_local.weekday() >= 5 else 10
        wobble = 95 + (int(meter["meter_id"][2:]) * 31 + instant_local.minute * 7 + instant_local.day * 13) % 11
        return int(meter["base"] * shape * weekend * wobble * scale) // 10_000

    @staticmethod
    def intervals_of(day):
        """(interval end as local time) for every 15 minutes of DAY: 96, or 92 / 100 on DST days."""
        begin = dt.datetime(day.year, day.month, day.day, tzinfo=ZONE).astimezone(dt.timezone.utc)
        nxt = day + dt.timedelta(days=1)
        finish = dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=ZONE).astimezone(dt.timezone.utc)
        t, out = begin, []
        while t < finish:
            t += dt.timedelta(minutes=15)
            out.append(t.astimezone(ZONE))
        return out

    def day_rows(self, day, meters=None, scale=1.0, count=True):
        """The interval rows of DAY (and, with COUNT, the dials moved on)."""
        rows = []
        for meter in meters or self.meters:
            total = 0
            for end in self.intervals_of(day):
                v = self.value(meter, end, scale)
                total += v
                rows.append((meter["meter_id"], "1", local_text(end), e4_text(v), ""))
            if count:
                self.cumulative[meter["meter_id"]] += total
        return rows

    def registers_on(self, day):
        """The register reads taken at 00:00 of DAY (after the day before was counted): meters whose cycle reads then."""
        rows = []
        for meter in self.meters:
            if day in self.read_dates[meter["read_cycle"]]:
                midnight = dt.datetime(day.year, day.month, day.day, tzinfo=ZONE)
                reading = (self.cumulative[meter["meter_id"]] // 10_000) % 1_000_000
                rows.append((meter["meter_id"], "1", local_text(midnight), str(reading)))
        return rows

    def periods(self, first_end, last_end):
        """(account, meter, '1', start, end) of every channel-period ending in [first_end, last_end]."""
        out = set()
        for meter in self.meters:
            dates = self.read_dates[meter["read_cycle"]]
            for a, b in zip(dates, dates[1:]):
                if first_end <= b <= last_end:
                    out.add((meter["service_account"], meter["meter_id"], "1", a.isoformat(), b.isoformat()))
        return out


def local_text(t):
    off = t.utcoffset()
    sign = "-" if off < dt.timedelta(0) else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{t:%Y-%m-%dT%H:%M}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def e4_text(v):
    return f"{v // 10_000}.{v % 10_000:04d}"


def csv_bytes(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


# ------------------------------------------------------------------------------------------------ the stack

class Figures:
    def __init__(self, home, stack, delivery):
        self.home, self.stack, self.delivery = home, stack, delivery
        self.jcmd = shutil.which("jcmd") or (os.path.join(os.environ["JAVA_HOME"], "bin", "jcmd")
                                             if os.environ.get("JAVA_HOME") else None)

    def heap_after_gc(self, name):
        """MiB used on the heap right after a full GC (jcmd GC.run, GC.heap_info), or None."""
        pid = self.stack.pid(name)
        if pid is None or not self.jcmd:
            return None
        try:
            subprocess.run([self.jcmd, str(pid), "GC.run"], capture_output=True, timeout=60, check=True)
            info = subprocess.run([self.jcmd, str(pid), "GC.heap_info"], capture_output=True, timeout=60,
                                  check=True, text=True).stdout
        except (subprocess.SubprocessError, OSError):
            return None
        used = 0
        for line in info.splitlines():
            # "def new generation   total 9792K, used 1022K [...]", "garbage-first heap   total ..., used ..."
            if ("generation" in line or " heap " in line) and "used" in line and "Metaspace" not in line:
                m = re.search(r"used (\d+)K", line)
                if m:
                    used += int(m.group(1))
        return used / 1024 if used else None

    def dir_bytes(self, path):
        total = 0
        for root, _, files in os.walk(path):
            for f in files:
                try:
                    total += os.path.getsize(os.path.join(root, f))
                except OSError:
                    pass
        return total

    def service_dirs(self, name):
        """{subdirectory: bytes} of the service's data directory ($MDMA_HOME/NAME)."""
        base = os.path.join(self.home, name)
        out = {}
        if os.path.isdir(base):
            for entry in sorted(os.listdir(base)):
                p = os.path.join(base, entry)
                out[entry] = self.dir_bytes(p) if os.path.isdir(p) else os.path.getsize(p)
        return out

    def topics(self):
        """{topic: bytes of its log segments} from the broker's log directory (indexes, preallocated, left out)."""
        out = {}
        for topic, path in self.partition_dirs():
            size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path) if f.endswith(".log"))
            out[topic] = out.get(topic, 0) + size
        return out

    def partition_dirs(self):
        """(topic, directory) of every partition in the broker's log directory."""
        base = os.path.join(self.home, "kafka")
        for entry in os.listdir(base) if os.path.isdir(base) else ():
            m = re.match(r"(.+)-(\d+)$", entry)
            path = os.path.join(base, entry)
            if m and os.path.isdir(path):
                yield m.group(1), path

    def largest_batches(self):
        """{topic: bytes of its largest record batch on disk}: what the broker's max.message.bytes bounds (a batch
        holds one record or more, compressed; a record is never larger than its batch). Read from the segments'
        batch headers (base offset, 8 bytes; batch length, 4 bytes), skipping the bodies."""
        out = {}
        for topic, path in self.partition_dirs():
            for f in os.listdir(path):
                if not f.endswith(".log"):
                    continue
                try:
                    with open(os.path.join(path, f), "rb") as log_file:
                        size = os.fstat(log_file.fileno()).st_size
                        at = 0
                        while at + 12 <= size:
                            log_file.seek(at + 8)
                            length = int.from_bytes(log_file.read(4), "big")
                            if length <= 0:
                                break
                            out[topic] = max(out.get(topic, 0), 12 + length)
                            at += 12 + length
                except OSError:
                    continue
        return out

    def restart_to_ready(self, name, timeout):
        """Seconds from the new process's start to ready, after a SIGTERM the supervisor answers with a restart."""
        pid = self.stack.pid(name)
        if pid is None:
            raise RuntimeError(f"{name} is not running: start the stack with ./mdma up")
        os.kill(pid, signal.SIGTERM)
        deadline = time.time() + timeout
        new = None
        while time.time() < deadline:
            new = self.stack.pid(name)
            if new is not None and new != pid:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{name} was not started again within {timeout:.0f}s (is ./mdma up's supervisor running? "
                               f"see $MDMA_HOME/logs/supervisor.log)")
        began = process_start(new)
        while time.time() < deadline:
            if self.stack.healthy(name):
                return time.time() - began
            time.sleep(0.1)
        raise RuntimeError(f"{name} (pid {new}) was not ready within {timeout:.0f}s (see $MDMA_HOME/logs/{name}.log)")

    def listing(self, day, samples):
        """p50 and p99 in ms of listing DAY's files of the UDC's mailbox, and of downloading one of them."""
        lists, downloads, files = [], [], []
        q = urllib.parse.quote
        for _ in range(samples):
            t = time.perf_counter()
            code, _, data = self.delivery.request("GET", f"/mailboxes/{UDC}/files?status=all&since={day}&limit=100")
            lists.append((time.perf_counter() - t) * 1000)
            if code == 200:
                files = json.loads(data)["items"] or files
            if files:
                t = time.perf_counter()
                self.delivery.request("GET", f"/mailboxes/{UDC}/files/{q(files[len(downloads) % len(files)]['id'])}")
                downloads.append((time.perf_counter() - t) * 1000)
        return percentiles(lists), percentiles(downloads), len(files)


def process_start(pid):
    """The process's start as epoch seconds (/proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[19])
    with open("/proc/stat") as f:
        boot = next(int(line.split()[1]) for line in f if line.startswith("btime"))
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def percentiles(values):
    if not values:
        return None, None
    s = sorted(values)
    return s[len(s) // 2], s[min(len(s) - 1, int(len(s) * 0.99))]


# ------------------------------------------------------------------------------------------------ the run

class Soak:
    def __init__(self, args, history, ingest, delivery, figures, started):
        self.a, self.h, self.ingest, self.delivery, self.fig, self.started = (args, history, ingest, delivery,
                                                                            figures, started)
        self.uploads = self.rows = self.corrections = self.meter_resends = 0
        self.retrieved = self.acked = self.retrieved_bytes = 0
        self.checkpoints = []

    def upload(self, kind, name, body):
        code, _, data = self.ingest.request("POST", f"/files/{kind}?name={urllib.parse.quote(name)}", body, "text/csv")
        if code >= 300:
            raise RuntimeError(f"upload of {name} refused: HTTP {code} {data[:300].decode('utf-8', 'replace')}")
        report = json.loads(data)
        if report.get("rowsRejected"):
            raise RuntimeError(f"upload of {name}: {report.get('rowsRejected')} rows rejected: "
                               f"{json.dumps(report)[:500]}")
        self.uploads += 1
        self.rows += report.get("rowsAccepted") or 0

    def retrieve(self):
        q = urllib.parse.quote
        for party in (UDC,) + ESPS:
            code, _, data = self.delivery.request("GET", f"/mailboxes/{party}/files?status=new&limit=500")
            if code != 200:
                raise RuntimeError(f"listing {party}'s new files failed: HTTP {code}")
            for item in json.loads(data)["items"]:
                code, _, body = self.delivery.request("GET", f"/mailboxes/{party}/files/{q(item['id'])}")
                if code != 200:
                    raise RuntimeError(f"download of {item['name']} from {party}'s mailbox failed: HTTP {code}")
                self.retrieved += 1
                self.retrieved_bytes += len(body)
                code, _, _ = self.delivery.request("POST", f"/mailboxes/{party}/files/{q(item['id'])}/ack")
                if code != 200:
                    raise RuntimeError(f"acknowledging {item['name']} in {party}'s mailbox failed: HTTP {code}")
                self.acked += 1

    def feed(self, week_start, week_end, week_no):
        """The readings of [week_start, week_end], registers of the read dates reached, a correction now and then."""
        intervals, registers = [], []
        day = week_start
        while day <= week_end:
            registers += self.h.registers_on(day)
            intervals += self.h.day_rows(day)
            day += dt.timedelta(days=1)
        registers += self.h.registers_on(day)  # 00:00 after the week: counted through its last day
        header = ("meter_id", "channel", "interval_end", "value", "status")
        self.upload("intervals", f"intervals-{week_start}.csv", csv_bytes(header, intervals))
        if registers:
            self.upload("registers", f"registers-{week_start}.csv",
                        csv_bytes(("meter_id", "channel", "read_time", "reading"), registers))
        if week_no % 4 == 3 and week_start - dt.timedelta(days=40) >= self.h.start:
            late = week_start - dt.timedelta(days=40)
            meter = self.h.meters[(week_no // 4) % len(self.h.meters)]
            self.upload("intervals", f"correction-{meter['meter_id']}-{late}.csv",
                        csv_bytes(header, self.h.day_rows(late, [meter], scale=1.07, count=False)))
            self.corrections += 1

    def settle(self, last_day, label):
        """Until the UDC's summary holds every channel-period ending in the 40 days before LAST_DAY, unchanged 10 s."""
        first = last_day - dt.timedelta(days=40)
        want = self.h.periods(first, last_day - dt.timedelta(days=1))
        deadline = time.time() + self.a.settle_timeout
        last, since, have, shown = None, time.time(), set(), 0.0
        while True:
            code, _, data = self.delivery.request(
                "GET", f"/mailboxes/{UDC}/summary?periodFrom={first}&periodTo={last_day}")
            now = time.time()
            if code == 200:
                have = acceptance.summary_keys(data)
                if data != last:
                    last, since = data, now
            progress = (f"  {label}: {len(have & want)}/{len(want)} channel-periods of the last 40 days in the "
                        f"summary, unchanged for {now - since:.0f}s")
            if TTY:
                print("\r" + progress + "   ", end="", flush=True)
            elif now - shown >= 30:
                print(progress, flush=True)
                shown = now
            if want <= have and now - since >= 10:
                print() if TTY else None
                return
            if now >= deadline:
                print() if TTY else None
                missing = sorted(want - have)[:10]
                raise RuntimeError(f"{label}: {len(want - have)} channel-periods still missing after "
                                   f"{self.a.settle_timeout:.0f}s, e.g. {missing}")
            time.sleep(2)

    def checkpoint(self, month, last_day):
        log(self.started, f"checkpoint month {month} (history through {last_day}): waiting for the data to settle")
        self.settle(last_day, f"month {month}")
        cp = {"month": month, "through": str(last_day), "heap": {}, "dirs": {}, "restart": {}}
        for name in HEAPS:
            cp["heap"][name] = self.fig.heap_after_gc(name)
        for name in SERVICES:
            cp["dirs"][name] = self.fig.service_dirs(name)
        topics = self.fig.topics()
        cp["topics"] = topics
        cp["batches"] = self.fig.largest_batches()
        code, _, summary = self.delivery.request("GET", f"/mailboxes/{UDC}/summary")
        cp["summary_bytes"] = len(summary) if code == 200 else None
        cp["list_ms"], cp["download_ms"], cp["listed"] = self.fig.listing(
            (last_day - dt.timedelta(days=1)).isoformat(), self.a.listing_samples)
        for name in SERVICES:
            log(self.started, f"  restarting {name} (SIGTERM; the supervisor starts it again)")
            cp["restart"][name] = self.fig.restart_to_ready(name, self.a.restart_timeout)
        self.checkpoints.append(cp)
        self.print_checkpoint(cp)

    def print_checkpoint(self, cp):
        mib = 1024 * 1024
        print(f"== month {cp['month']} (history through {cp['through']}): {self.uploads} uploads, {self.rows:,} rows, "
              f"{self.corrections} corrections, {self.meter_resends} meters.csv re-sent, {self.retrieved} files "
              f"retrieved and acknowledged ({self.retrieved_bytes / mib:.1f} MiB)")
        load = os.getloadavg()
        print(f"   machine load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) on {os.cpu_count()} "
              f"cores: restart-to-ready is CPU-bound, compare checkpoints taken under like load")
        print(f"   {'service':<9} {'heap after GC':>14} {'restart-to-ready':>17}   data directory")
        for name in HEAPS:
            heap = cp["heap"].get(name)
            restart = cp["restart"].get(name)
            dirs = ", ".join(f"{k} {v / mib:.1f} MiB" for k, v in cp["dirs"].get(name, {}).items())
            print(f"   {name:<9} {fmt(heap, ' MiB'):>14} {fmt(restart, ' s'):>17}   {dirs}")
        topics = sorted(cp["topics"].items(), key=lambda kv: -kv[1])
        print(f"   topics: {sum(cp['topics'].values()) / mib:.1f} MiB on disk; largest: "
              + ", ".join(f"{t} {b / mib:.1f} MiB" for t, b in topics[:6]))
        batches = sorted(cp["batches"].items(), key=lambda kv: -kv[1])
        over = [f"{t} {b / mib:.2f} MiB" for t, b in batches if b > mib]
        print("   largest record batch: " + ", ".join(f"{t} {b / 1024:.0f} KiB" for t, b in batches[:3])
              + (f"; OVER 1 MiB: {', '.join(over)}" if over else "; none over 1 MiB"))
        lp, dp = cp["list_ms"], cp["download_ms"]
        print(f"   UDC summary {fmt(cp['summary_bytes'], ' bytes', 0)}; listing one day's files ({cp['listed']}) "
              f"p50 {fmt(lp[0], ' ms')} p99 {fmt(lp[1], ' ms')}; download p50 {fmt(dp[0], ' ms')} p99 {fmt(dp[1], ' ms')}",
              flush=True)

    def verdict(self):
        first, last = self.checkpoints[0], self.checkpoints[-1]
        print(f"== month {last['month']} against month {first['month']} (target: at most 1.5 times)")
        worst = []
        for name in HEAPS:
            for what, key in (("heap after GC", "heap"), ("restart-to-ready", "restart")):
                a, b = first[key].get(name), last[key].get(name)
                if a is None or b is None:
                    continue
                ratio = b / a if a else float("inf")
                flag = "" if ratio <= 1.5 else "   OVER"
                print(f"   {name:<9} {what:<17} {a:8.2f} -> {b:8.2f}  x{ratio:.2f}{flag}")
                if ratio > 1.5:
                    worst.append(f"{name} {what} x{ratio:.2f}")
        return worst


def fmt(v, unit, digits=1):
    return "-" if v is None else f"{v:,.{digits}f}{unit}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--meters", type=int, default=30)
    ap.add_argument("--years", type=float, default=3)
    ap.add_argument("--start", help="first day of the history (default: --years before yesterday)")
    ap.add_argument("--listing-samples", type=int, default=200)
    ap.add_argument("--settle-timeout", type=float, default=900)
    ap.add_argument("--restart-timeout", type=float, default=300)
    acceptance.add_service_arguments(ap)
    a = ap.parse_args(argv)
    password = acceptance.operator_password("soak")
    if not password:
        return 2
    if a.meters < 1 or a.years <= 0:
        print("soak: --meters must be at least 1 and --years more than 0", file=sys.stderr)
        return 2
    home = os.environ.get("MDMA_HOME", os.path.join(os.path.dirname(__file__), "..", "..", ".mdma"))
    stack = drill.Stack(home)
    if not stack.supervised():
        print("soak: no supervisor runs: start the stack with ./mdma up (it restarts the services the soak stops)",
              file=sys.stderr)
        return 2
    held = sum(size for topic, size in Figures(home, stack, None).topics().items()
               if topic in ("mdma.readings.intervals", "mdma.readings.registers"))
    if held > 0:
        # vee and edi count the correction horizon from the newest day of data they hold: after a bench or another
        # package with recent days, the soak's first years would be beyond it (not stored, never posted) and the
        # first checkpoint would wait for data that never come
        print(f"soak: the stack already holds readings ({held:,} bytes in mdma.readings.*): the soak needs a stack "
              "without data, because vee and edi count the correction horizon from the newest day they hold. "
              "Run ./mdma reset (deletes the local data), then ./mdma up, then the soak", file=sys.stderr)
        return 2
    end = dt.date.today() - dt.timedelta(days=1)
    start = dt.date.fromisoformat(a.start) if a.start else end - dt.timedelta(days=round(a.years * 365.25))
    months = max(1, round((end - start).days / 30.4375))
    marks = sorted({m for m in (1, 12, months) if m <= months})
    started = time.time()
    ingest = acceptance.Client(a.ingest, "operator", password)
    delivery = acceptance.Client(a.delivery, "operator", password)
    history = History(a.meters, start, end)
    soak = Soak(a, history, ingest, delivery, Figures(home, stack, delivery), started)
    weeks = ((end - start).days + 7) // 7
    log(started, f"soak: {a.meters} meters, {start} .. {end} ({months} months, {weeks} weekly feeds, about "
                 f"{a.meters * (end - start).days * 96:,} interval reads); checkpoints at months {marks}")
    soak.upload("parties", "soak-parties.csv", history.parties_csv())
    soak.upload("meters", "soak-meters.csv", history.meters_csv())
    soak.upload("channels", "soak-channels.csv", history.channels_csv())
    soak.upload("schedule", "soak-schedule.csv", history.schedule_csv())
    week_start, week_no, month_seen = start, 0, start.month
    next_mark = 0
    while week_start <= end:
        week_end = min(end, week_start + dt.timedelta(days=6))
        soak.feed(week_start, week_end, week_no)
        if week_end.month != month_seen:
            month_seen = week_end.month
            soak.upload("meters", f"soak-meters-again-{week_end:%Y-%m}.csv", history.meters_csv(rotate=week_no + 1))
            soak.meter_resends += 1
        soak.retrieve()
        month = (week_end - start).days / 30.4375
        if week_no % 8 == 0:
            log(started, f"fed through {week_end} (month {month:.1f} of {months}): {soak.uploads} uploads, "
                         f"{soak.rows:,} rows; {soak.retrieved} files retrieved")
        if next_mark < len(marks) and (month >= marks[next_mark] or week_end == end):
            soak.checkpoint(marks[next_mark], week_end)
            next_mark += 1
        week_start, week_no = week_end + dt.timedelta(days=1), week_no + 1
    soak.retrieve()
    worst = soak.verdict()
    errors = []
    for party in (UDC,) + ESPS:
        periods, lost, duplicated, reused = drill.check_mailbox(delivery, party)
        log(started, f"{party}: {periods} account-periods posted, {len(lost)} without a current original, "
                     f"{len(duplicated)} with two or more, {len(reused)} ISA13 reused")
        errors += [f"{party}: {len(lost)} lost"] if lost else []
        errors += [f"{party}: {len(duplicated)} duplicated"] if duplicated else []
        errors += [f"{party}: {len(reused)} ISA13 reused"] if reused else []
    log(started, f"soak done in {(time.time() - started) / 60:.1f} min")
    if worst or errors:
        print("soak: " + "; ".join(worst + errors))
        return 1
    print("soak passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"\nsoak: {e}", file=sys.stderr)
        sys.exit(1)
