#!/usr/bin/env python3
"""The failover drill (./mdma dr drill [OUT_DIR]): a site disaster on the local stack, the second site takes over.

Needs the stack (./mdma up) and the second site (./mdma dr start) running, nothing uploaded yet (or the example
package only). Steps:
1. the example package (examples/sample) through the primary, as ./mdma demo does, compared with its expected/;
2. about half of the UDC's new files acknowledged, as the utility would;
3. waits (at most --settle s) until MirrorMaker 2 has copied everything (./mdma dr status: lag 0) and prints the
   lag at failover;
4. the disaster: SIGKILL to the primary's supervisor, services, registry and broker, all at once;
5. ./mdma dr failover (with a snapshot of the second site's end offsets): the registry and the services start on
   the second site's cluster on the usual ports; the time to serve again is from the kill to the first good
   listing of the UDC's mailbox;
6. checks on the second site: the utility's download compares 100% with examples/sample/expected, every
   account-period has one current original, no ISA13 reused, every acknowledgement kept;
7. the data lost: the primary's broker started alone on its data, its committed records compared with the second
   site's at failover (./mdma dr lost): "lost N" records.
The second site keeps serving at the end (./mdma dr stop; the primary's data are untouched in $MDMA_HOME).
"""
import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import acceptance  # noqa: E402
import drill  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MDMA = os.path.join(ROOT, "mdma")


def log(started, text):
    print(f"[{time.time() - started:7.1f}s] {text}", flush=True)


def mdma(*args, capture=False):
    if capture:
        return subprocess.run([MDMA, *args], capture_output=True, text=True)
    return subprocess.run([MDMA, *args])


def lag_now():
    """The total lag of ./mdma dr status, or None if it could not be measured."""
    r = mdma("dr", "status", capture=True)
    m = re.search(r"^lag (\d+), duplicated (\d+)", r.stdout, re.M)
    return (int(m.group(1)), int(m.group(2)), r.stdout) if m else (None, None, r.stdout + r.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=None, help="where the downloads go (default $MDMA_HOME/dr-drill)")
    ap.add_argument("--package", default=os.path.join(ROOT, "examples", "sample"))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--settle", type=float, default=120, help="seconds to wait for lag 0 before the disaster")
    ap.add_argument("--timeout", type=float, default=900, help="seconds to wait for results on either site")
    ap.add_argument("--delivery", default="https://localhost:8443/api/v1")
    ap.add_argument("--ingest", default="https://localhost:9443/api/v1")
    a = ap.parse_args(argv)
    password = os.environ.get("MDMA_OPERATOR_PASSWORD")
    home = os.environ.get("MDMA_HOME", os.path.join(ROOT, ".mdma"))
    dr_home = os.environ.get("MDMA_DR_HOME", os.path.join(home, "dr"))
    out = a.out or os.path.join(home, "dr-drill")
    if not password:
        print("dr drill: set MDMA_OPERATOR_PASSWORD to the operator's password (./mdma dr drill does)", file=sys.stderr)
        return 2
    primary, second = drill.Stack(home), drill.Stack(dr_home)
    if not primary.supervised():
        print("dr drill: the primary stack is not up: ./mdma up first", file=sys.stderr)
        return 2
    if second.pid("mirror") is None:
        print("dr drill: MirrorMaker 2 is not running: ./mdma dr start first", file=sys.stderr)
        return 2
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    expected = os.path.join(a.package, "expected")
    parties = acceptance.read_csv(os.path.join(a.package, "parties.csv"))
    udc = next(p["party_id"] for p in parties if p["role"] == "UDC")
    esps = [p["party_id"] for p in parties if p["role"] == "ESP"]
    delivery = acceptance.Client(a.delivery, "operator", password)
    errors = []
    started = time.time()
    log(started, f"failover drill (seed {seed}): package {a.package} through the primary")

    # 1. the package through the primary
    if acceptance.main([a.package, os.path.join(out, "primary"), "--expected", expected, "--timeout", str(a.timeout),
                        "--ingest", a.ingest, "--delivery", a.delivery]) != 0:
        print("dr drill: the package did not complete on the primary (above); nothing was killed", file=sys.stderr)
        return 1
    # 2. acknowledgements
    acked = set()
    for item in drill.list_files(delivery, udc, "new"):
        if rng.random() < 0.5:
            continue
        code, _, _ = delivery.request("POST", f"/mailboxes/{urllib.parse.quote(udc)}/files/"
                                      f"{urllib.parse.quote(item['id'])}/ack")
        if code == 200:
            acked.add(item["id"])
    log(started, f"{len(acked)} of the UDC's files acknowledged on the primary")
    # 3. settle
    deadline = time.time() + a.settle
    while True:
        lag, dup, text = lag_now()
        if lag == 0 or time.time() > deadline:
            break
        time.sleep(2)
    print(text, end="")
    log(started, f"lag at failover: {lag if lag is not None else 'unknown'} records")

    # 4. the disaster: the supervisor first (it would restart the rest), then everything at once
    killed = []
    names = ["supervisor"] + sorted(os.path.basename(f)[:-4] for f in os.listdir(primary.run)
                                    if f.endswith(".pid") and f != "supervisor.pid")
    pids = [(n, primary.pid(n)) for n in names]
    t_kill = time.time()
    for name, pid in pids:
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            killed.append(name)
    for name, pid in pids:
        while pid is not None and os.path.exists(f"/proc/{pid}"):
            time.sleep(0.05)
    log(started, "primary site lost: SIGKILL to " + ", ".join(killed))

    # 5. failover
    snapshot = os.path.join(out, "dr-snapshot.csv")
    os.makedirs(out, exist_ok=True)
    if mdma("dr", "failover", "--snapshot", snapshot).returncode != 0:
        print("dr drill: ./mdma dr failover failed (above)", file=sys.stderr)
        return 1
    t_up = time.time()
    while True:
        try:
            code, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(udc)}/files?status=all&limit=1",
                                             attempts=1)
            if code == 200 and json.loads(data)["items"]:
                break
        except Exception:  # noqa: BLE001 - not serving yet
            pass
        if time.time() - t_up > a.timeout:
            errors.append("the second site did not list the UDC's mailbox")
            break
        time.sleep(0.2)
    t_serve = time.time() - t_kill
    log(started, f"second site serving: first good mailbox listing {t_serve:.1f} s after the kill "
                 f"(services ready {t_up - t_kill:.1f} s after it)")

    # 6. the data on the second site
    if acceptance.main([a.package, os.path.join(out, "dr"), "--skip-upload", "--expected", expected, "--stable", "10",
                        "--timeout", str(a.timeout), "--ingest", a.ingest, "--delivery", a.delivery]) != 0:
        errors.append("the second site's download differs from the expected results (above)")
    for party in [udc] + esps:
        periods, lost, duplicated, reused = drill.check_mailbox(delivery, party)
        log(started, f"{party}: {periods} account-periods, {len(lost)} without a current original, "
                     f"{len(duplicated)} duplicated, {len(reused)} ISA13 reused")
        errors += [f"{party}: account-period {k} lost" for k in lost]
        errors += [f"{party}: account-period {k} has {len(r)} current originals" for k, r in duplicated]
        errors += [f"{party}: ISA13 {c} in {len(n)} files" for c, n in reused.items()]
    retrieved = {f["id"] for f in drill.list_files(delivery, udc, "retrieved")}
    lost_acks = sorted(acked - retrieved)
    log(started, f"{len(acked)} acknowledgements made on the primary, {len(lost_acks)} missing on the second site")
    errors += [f"acknowledgement of {f} lost" for f in lost_acks]

    # 7. records lost
    r = mdma("dr", "lost", snapshot, capture=True)
    print(r.stdout, end="")
    m = re.search(r"^lost (\d+), duplicated (\d+)", r.stdout, re.M)
    if not m:
        print(r.stderr, end="", file=sys.stderr)
        errors.append("could not count the records lost (./mdma dr lost)")
    print()
    print(f"lag at failover {lag}, time to serve again {t_serve:.1f} s (ready {t_up - t_kill:.1f} s)")
    print(f"lost {m.group(1) if m else '?'}, duplicated {m.group(2) if m else '?'} (records)")
    for e in errors:
        print(f"  {e}")
    print("failover drill passed" if not errors else f"failover drill FAILED ({len(errors)} findings)")
    print("the second site serves now; ./mdma dr stop stops it (the primary's data are untouched in " + home + ")")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
