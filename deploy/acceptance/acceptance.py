#!/usr/bin/env python3
"""Runs the utility's acceptance procedure against a running MDMA, through its public APIs only.

    acceptance.py PACKAGE_DIR OUT_DIR [--ingest URL] [--delivery URL] [--user operator] [--timeout S] [--scramble SEED]

1. uploads the package's CSV files (master data first, then readings) to the ingest API as the operator; with
   --scramble SEED the readings go as shuffled parts of their rows (each part with the header) in a random order
   of both files, one part sent twice: the results must be the same;
2. works out from the package which channel-periods must come out (every channel of every meter,
   for every pair of consecutive scheduled read dates of its cycle) and waits until the UDC's summary
   holds all of them and has stayed unchanged for --stable seconds, showing progress while it waits;
3. downloads every file of the UDC's mailbox into OUT_DIR and the current summary as OUT_DIR/summary.csv.

If it gives up, it names the account-periods that are missing. The operator's password comes from
MDMA_OPERATOR_PASSWORD. TLS certificates are not verified (the local stack's is self-signed).
Exit status 0 when everything expected arrived.
"""
import argparse
import base64
import csv
import decimal
import io
import json
import os
import random
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

UPLOAD_ORDER = ("parties", "meters", "channels", "schedule", "registers", "intervals")


class Client:
    def __init__(self, base, user, password):
        self.base = base.rstrip("/")
        if not self.base.endswith("/api/v1"):
            self.base += "/api/v1"
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.auth = f"Basic {token}"
        self.tls = ssl.create_default_context()
        self.tls.check_hostname = False
        self.tls.verify_mode = ssl.CERT_NONE

    def request(self, method, path, body=None, content_type=None, attempts=20):
        for attempt in range(attempts):
            req = urllib.request.Request(self.base + path, data=body, method=method)
            req.add_header("Authorization", self.auth)
            if content_type:
                req.add_header("Content-Type", content_type)
            try:
                with urllib.request.urlopen(req, context=self.tls, timeout=300) as resp:
                    return resp.status, resp.headers, resp.read()
            except urllib.error.HTTPError as e:
                if e.code in (429, 502, 503) and attempt + 1 < attempts:
                    # the server says when (Retry-After, seconds), within reason
                    try:
                        wait = min(30, max(1, int(e.headers.get("Retry-After", ""))))
                    except ValueError:
                        wait = min(10, 1 + attempt)
                    time.sleep(wait)
                    continue
                return e.code, e.headers, e.read()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if attempt + 1 == attempts:
                    raise
                time.sleep(min(10, 1 + attempt))
        raise RuntimeError("unreachable")


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def expected_channel_periods(package):
    """(service_account, meter_id, channel, period_start, period_end) the package must produce."""
    dates = {}
    for row in read_csv(os.path.join(package, "schedule.csv")):
        dates.setdefault(row["read_cycle"], set()).add(row["scheduled_read_date"])
    meters = {m["meter_id"]: m for m in read_csv(os.path.join(package, "meters.csv"))}
    out = set()
    for ch in read_csv(os.path.join(package, "channels.csv")):
        meter = meters.get(ch["meter_id"])
        if meter is None:
            continue
        cycle = sorted(dates.get(meter["read_cycle"], ()))
        for start, end in zip(cycle, cycle[1:]):
            out.add((meter["service_account"], ch["meter_id"], ch["channel"], start, end))
    return out


def uploads(package, scramble=None, parts=8):
    """(kind, file name, body) in upload order: the master data, then the readings (scrambled with a seed)."""
    out, readings = [], []
    for kind in UPLOAD_ORDER:
        path = os.path.join(package, kind + ".csv")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            body = f.read()
        if scramble is None or kind not in ("registers", "intervals"):
            out.append((kind, kind + ".csv", body))
            continue
        lines = body.splitlines(keepends=True)
        header, rows = lines[0], [r if r.endswith(b"\n") else r + b"\n" for r in lines[1:] if r.strip()]
        rnd = random.Random(f"{scramble}/{kind}")
        rnd.shuffle(rows)
        for k in range(parts):
            readings.append((kind, f"{kind}-part{k + 1}.csv", header + b"".join(rows[k::parts])))
    if readings:
        rnd = random.Random(scramble)
        rnd.shuffle(readings)
        readings.insert(rnd.randrange(len(readings) + 1), readings[rnd.randrange(len(readings))])
    return out + readings


def transaction_sets(x12):
    """(originals, cancellations) among the 867 transaction sets of one interchange (separators from its ISA)."""
    text = x12.decode("utf-8", "replace").lstrip("\ufeff \r\n\t")
    if not text.startswith("ISA") or len(text) < 106:
        return 0, 0
    element, terminator = text[3], text[105]
    originals = cancellations = 0
    for segment in text.split(terminator):
        fields = segment.strip("\r\n").split(element)
        if fields[0] == "BPT" and len(fields) > 1:
            originals += fields[1] == "00"
            cancellations += fields[1] == "01"
    return originals, cancellations


def summary_rows_as_expected(expected_csv, actual):
    """(rows of expected_csv found alike in the actual summary, rows expected): numbers compared as numbers."""
    def rows(data):
        return {(r["service_account"], r["meter_id"], r["channel"], r["period_start"]): r
                for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}

    def same(a, b):
        try:
            return decimal.Decimal(a) == decimal.Decimal(b)
        except decimal.InvalidOperation:
            return a == b

    with open(expected_csv, "rb") as f:
        want = rows(f.read())
    have = rows(actual)
    alike = sum(1 for k, w in want.items() if k in have and all(same(v, have[k].get(c, "")) for c, v in w.items()))
    return alike, len(want)


def summary_keys(data):
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return {(r["service_account"], r["meter_id"], r["channel"], r["period_start"], r["period_end"]) for r in rows}


def add_service_arguments(ap):
    """--ingest and --delivery: the services' API roots ($MDMA_INGEST_URL, $MDMA_DELIVERY_URL; the local stack's)."""
    ap.add_argument("--ingest", default=os.environ.get("MDMA_INGEST_URL", "https://localhost:9443/api/v1"))
    ap.add_argument("--delivery", default=os.environ.get("MDMA_DELIVERY_URL", "https://localhost:8443/api/v1"))


def operator_password(prog):
    """The operator's password from $MDMA_OPERATOR_PASSWORD, or None after saying on stderr that it is missing."""
    password = os.environ.get("MDMA_OPERATOR_PASSWORD")
    if not password:
        print(f"{prog}: set MDMA_OPERATOR_PASSWORD to the operator's password", file=sys.stderr)
    return password


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package")
    ap.add_argument("out")
    add_service_arguments(ap)
    ap.add_argument("--user", default="operator")
    ap.add_argument("--timeout", type=float, default=900, help="seconds to wait for the results")
    ap.add_argument("--stable", type=float, default=15, help="seconds the summary must stay unchanged")
    ap.add_argument("--skip-upload", action="store_true", help="only wait and download (uploaded before)")
    ap.add_argument("--upload-only", action="store_true", help="only upload the package")
    ap.add_argument("--expected", metavar="DIR", help="also compare the summary with DIR/summary.csv (the package's expected/)")
    ap.add_argument("--scramble", metavar="SEED", help="upload the readings as shuffled parts in a random order, one twice")
    a = ap.parse_args(argv)
    password = operator_password("acceptance")
    if not password:
        return 2
    ingest = Client(a.ingest, a.user, password)
    delivery = Client(a.delivery, a.user, password)
    udc = next(p["party_id"] for p in read_csv(os.path.join(a.package, "parties.csv")) if p["role"] == "UDC")
    want = expected_channel_periods(a.package)
    os.makedirs(a.out, exist_ok=True)
    started = time.time()

    if not a.skip_upload:
        for kind, name, body in uploads(a.package, a.scramble):
            status, _, data = ingest.request("POST", f"/files/{kind}?name={urllib.parse.quote(name)}", body, "text/csv")
            if status >= 300:
                print(f"acceptance: upload of {name} refused: HTTP {status} {data[:500].decode('utf-8', 'replace')}",
                      file=sys.stderr)
                return 1
            report = json.loads(data)
            print(f"uploaded {name}: {report.get('rowsAccepted')} rows accepted, "
                  f"{report.get('rowsRejected')} rejected{' (duplicate)' if report.get('duplicate') else ''}")

    if a.upload_only:
        return 0
    print(f"waiting for {len(want)} channel-periods in {udc}'s summary ...")
    last, since, summary, have = None, time.time(), b"", set()
    deadline = started + a.timeout
    while True:
        status, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(udc)}/summary")
        now = time.time()
        if status == 200:
            summary = data
            have = summary_keys(data)
            if data != last:
                last, since = data, now
        complete = want <= have
        print(f"\r  {len(have & want)}/{len(want)} channel-periods, "
              f"unchanged for {now - since:.0f}s, {now - started:.0f}s elapsed   ", end="", flush=True)
        if complete and now - since >= a.stable:
            print()
            break
        if now >= deadline:
            print()
            missing = sorted({(k[0], k[3], k[4]) for k in want - have})
            print(f"acceptance: gave up after {a.timeout:.0f}s; {len(missing)} account-periods missing:", file=sys.stderr)
            for account, start, end in missing:
                print(f"  account {account} period {start}..{end}", file=sys.stderr)
            break
        time.sleep(2)
    with open(os.path.join(a.out, "summary.csv"), "wb") as f:
        f.write(summary)

    files, cursor = [], None
    while True:
        query = "status=all&limit=500" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        status, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(udc)}/files?{query}")
        if status != 200:
            print(f"acceptance: listing {udc}'s mailbox failed: HTTP {status}", file=sys.stderr)
            return 1
        page = json.loads(data)
        files += page["items"]
        cursor = page.get("nextCursor")
        if not cursor or not page["items"]:
            break
    originals = cancellations = 0
    for item in files:
        status, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(udc)}/files/{urllib.parse.quote(item['id'])}")
        if status != 200:
            print(f"acceptance: download of {item['name']} failed: HTTP {status}", file=sys.stderr)
            return 1
        with open(os.path.join(a.out, os.path.basename(item["name"])), "wb") as f:
            f.write(data)
        if item["name"].lower().endswith(".x12"):
            o, c = transaction_sets(data)
            originals, cancellations = originals + o, cancellations + c
    print(f"downloaded {len(files)} files to {a.out} in {time.time() - started:.0f}s: "
          f"{originals + cancellations} 867 transaction sets posted to {udc} ({originals} originals, "
          f"{cancellations} cancellations) for {len({(k[0], k[3], k[4]) for k in want})} account-periods")
    ok = want <= have
    if a.expected:
        alike, rows = summary_rows_as_expected(os.path.join(a.expected, "summary.csv"), summary)
        print(f"summary: {alike}/{rows} rows as in {os.path.join(a.expected, 'summary.csv')}")
        ok = ok and alike == rows
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
