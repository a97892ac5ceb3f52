#!/usr/bin/env python3
"""The fault drill: an acceptance package through the running stack while its parts are killed with SIGKILL.

    drill.py PACKAGE_DIR OUT_DIR [--rounds N] [--seed S] [--components LIST] [--timeout S]

While the package is uploaded and processed (acceptance.py's procedure), a killer picks, at random moments, one of
ingest, vee, edi, delivery, the registry and the broker (every one of them once before any twice), kills it with
SIGKILL and waits until the supervisor of `./mdma up` has it back (healthy) before the next round; one round kills edi
a second time while it restores its state. Meanwhile an acknowledger acknowledges a random half of the UDC's new files,
as the utility does. When the package has settled, it checks, in the UDC's mailbox and in every ESP's:

- every account-period that was ever posted has exactly one current original (an original not cancelled):
  none is a lost account-period, two or more a duplicated one;
- no ISA13 was given twice to one receiver;
- every acknowledged file is still acknowledged (no acknowledgement lost);
- every channel-period the package must produce is in the UDC's summary;
- with --expected (the package's expected/), the summary equals the expected one (acceptance.py --expected); the
  downloaded 867s can be compared in full with edi-service's AcceptanceCheck (the e2e DrillEndToEndTest does).

It prints what it killed and when, then `lost N, duplicated M` and the other findings; exit status 0 when all hold.
Run it against a stack started with `./mdma up` (its supervisor brings the killed parts back). The operator's password
comes from MDMA_OPERATOR_PASSWORD, the pids from $MDMA_HOME/run.
"""
import argparse
import json
import os
import random
import signal
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import acceptance  # noqa: E402  (the utility's procedure, shared)

HEALTH = {
    "ingest": "http://localhost:9002/q/health/ready",
    "vee": "http://localhost:9003/q/health/ready",
    "edi": "http://localhost:9004/q/health/ready",
    "delivery": "http://localhost:9001/q/health/ready",
    "registry": "http://localhost:8081/health/ready",
    "broker": None,  # a TCP port
}
COMPONENTS = ("ingest", "vee", "edi", "delivery", "registry", "broker")


def log(started, text):
    print(f"[{time.time() - started:7.1f}s] {text}", flush=True)


class Stack:
    """The components ./mdma started: their pids from $MDMA_HOME/run, their health."""

    def __init__(self, home):
        self.run = os.path.join(home, "run")
        self.home = home

    def pid(self, name):
        try:
            with open(os.path.join(self.run, name + ".pid")) as f:
                pid = int(f.read().strip())
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except (OSError, ValueError):
            return None
        return pid if f"-Dmdma-platform.component={name} " in cmd else None

    def healthy(self, name):
        url = HEALTH[name]
        if url is None:
            import socket
            try:
                with socket.create_connection(("localhost", int(os.environ.get("MDMA_KAFKA_PORT", "9092"))), 2):
                    return True
            except OSError:
                return False
        try:
            with urllib.request.urlopen(url, timeout=3) as r:
                return r.status == 200
        except Exception:  # noqa: BLE001 - anything but 200 is not healthy
            return False

    def supervised(self):
        return self.pid("supervisor") is not None


def wait_back(stack, name, old_pid, deadline, started):
    """Until the supervisor has restarted NAME (a new pid) and it is healthy; the new pid."""
    while time.time() < deadline:
        pid = stack.pid(name)
        if pid is not None and pid != old_pid and stack.healthy(name):
            return pid
        time.sleep(0.5)
    raise RuntimeError(f"{name} did not come back within the drill's timeout (see $MDMA_HOME/logs/supervisor.log and "
                       f"logs/{name}.log)")


def killer(stack, args, rng, started, kills, stop, errors):
    names = [c for c in args.components.split(",") if c]
    order = []
    while len(order) < args.rounds:
        batch = names[:]
        rng.shuffle(batch)
        order += batch
    order = order[:args.rounds]
    edi_rounds = [i for i, name in enumerate(order) if name == "edi"]
    restore_round = rng.choice(edi_rounds) if edi_rounds else -1
    try:
        for i, name in enumerate(order):
            wait = rng.uniform(args.min_wait, args.max_wait)
            if stop.wait(wait):
                return
            pid = stack.pid(name)
            if pid is None:
                raise RuntimeError(f"{name} is not running before round {i + 1}: start the stack with ./mdma up")
            os.kill(pid, signal.SIGKILL)
            kills.append((time.time() - started, name, pid))
            log(started, f"round {i + 1}: killed {name} (pid {pid}) with SIGKILL")
            deadline = time.time() + args.back_timeout
            if i == restore_round:
                # edi once more while it restores its state (restarted: a new pid, not yet healthy)
                while time.time() < deadline:
                    edi = stack.pid("edi")
                    if edi is not None and edi != pid:
                        time.sleep(rng.uniform(1, 4))
                        os.kill(edi, signal.SIGKILL)
                        kills.append((time.time() - started, "edi (restoring)", edi))
                        log(started, f"round {i + 1}: killed edi again while it restored its state (pid {edi})")
                        pid = edi
                        break
                    time.sleep(0.2)
            back = wait_back(stack, name, pid, deadline, started)
            log(started, f"round {i + 1}: {name} back (pid {back}) after {time.time() - started - kills[-1][0]:.0f}s")
    except Exception as e:  # noqa: BLE001 - reported at the end
        errors.append(str(e))
        log(started, f"killer stopped: {e}")


def acknowledger(delivery, udc, rng, started, acked, stop):
    while not stop.wait(5):
        try:
            status, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(udc)}/files?status=new&limit=200",
                                               attempts=1)
            if status != 200:
                continue
            for item in json.loads(data)["items"]:
                if rng.random() < 0.5:
                    continue
                status, _, _ = delivery.request("POST", f"/mailboxes/{urllib.parse.quote(udc)}/files/"
                                                f"{urllib.parse.quote(item['id'])}/ack", attempts=1)
                if status == 200:
                    acked.add(item["id"])
        except Exception:  # noqa: BLE001 - a component is down: try again at the next turn
            continue


def list_files(delivery, party, status="all"):
    files, cursor = [], None
    while True:
        query = f"status={status}&limit=500" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        code, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(party)}/files?{query}")
        if code != 200:
            raise RuntimeError(f"listing {party}'s mailbox failed: HTTP {code}")
        page = json.loads(data)
        files += page["items"]
        cursor = page.get("nextCursor")
        if not cursor or not page["items"]:
            return files


def transaction_sets(x12):
    """(purpose, report id, cancelled report id, account, period start, period end) of each ST..SE of an 867."""
    out, current = [], None
    for seg in x12.replace("\n", "").split("~"):
        el = seg.split("*")
        tag = el[0]
        if tag == "ST":
            current = {"purpose": None, "report": None, "cancels": None, "account": None, "start": None, "end": None}
        elif current is None:
            continue
        elif tag == "BPT":
            current["purpose"] = el[1]
            current["report"] = el[2]
            current["cancels"] = el[9] if len(el) > 9 and el[9] else None
        elif tag == "REF" and el[1] == "12":
            current["account"] = el[2]
        elif tag == "DTM" and el[1] == "150" and current["start"] is None:
            current["start"] = el[2]
        elif tag == "DTM" and el[1] == "151" and current["end"] is None:
            current["end"] = el[2]
        elif tag == "SE":
            out.append(current)
            current = None
    return out


def check_mailbox(delivery, party):
    """Findings in one mailbox: lost and duplicated account-periods, reused ISA13."""
    originals, cancelled, isa13 = {}, set(), {}
    accounts_of_report = {}
    for item in list_files(delivery, party):
        if item.get("kind") != "EDI_867":
            continue
        code, _, data = delivery.request("GET", f"/mailboxes/{urllib.parse.quote(party)}/files/"
                                         f"{urllib.parse.quote(item['id'])}")
        if code != 200:
            raise RuntimeError(f"download of {item['name']} from {party}'s mailbox failed: HTTP {code}")
        text = data.decode("utf-8")
        control = text.split("*")[13] if text.startswith("ISA") else None
        isa13.setdefault(control, []).append(item["name"])
        for ts in transaction_sets(text):
            if ts["purpose"] == "00":
                key = (ts["account"], ts["start"], ts["end"])
                originals.setdefault(key, []).append(ts["report"])
                accounts_of_report[ts["report"]] = key
            elif ts["purpose"] == "01":
                cancelled.add(ts["cancels"])
    lost, duplicated = [], []
    for key, reports in sorted(originals.items()):
        current = [r for r in reports if r not in cancelled]
        if not current:
            lost.append(key)
        elif len(current) > 1:
            duplicated.append((key, current))
    reused = {c: names for c, names in isa13.items() if len(names) > 1}
    return len(originals), lost, duplicated, reused


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package")
    ap.add_argument("out")
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--components", default=",".join(COMPONENTS))
    ap.add_argument("--min-wait", type=float, default=3, help="seconds before a kill, at least")
    ap.add_argument("--max-wait", type=float, default=15, help="seconds before a kill, at most")
    ap.add_argument("--back-timeout", type=float, default=240, help="seconds a killed part may take to come back")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds to wait for the results after the last kill")
    ap.add_argument("--expected", help="the package's expected results: compare the download with them")
    acceptance.add_service_arguments(ap)
    a = ap.parse_args(argv)
    password = acceptance.operator_password("drill")
    if not password:
        return 2
    unknown = [c for c in a.components.split(",") if c and c not in COMPONENTS]
    if unknown:
        print(f"drill: unknown components {unknown}; choose from {','.join(COMPONENTS)}", file=sys.stderr)
        return 2
    stack = Stack(os.environ.get("MDMA_HOME", os.path.join(os.path.dirname(__file__), "..", "..", ".mdma")))
    if not stack.supervised():
        print("drill: no supervisor runs: start the stack with ./mdma up (it brings killed parts back)", file=sys.stderr)
        return 2
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    started = time.time()
    log(started, f"drill: {a.rounds} rounds over {a.components} (seed {seed}), package {a.package}")
    delivery = acceptance.Client(a.delivery, "operator", password)
    udc = next(p["party_id"] for p in acceptance.read_csv(os.path.join(a.package, "parties.csv")) if p["role"] == "UDC")
    esps = [p["party_id"] for p in acceptance.read_csv(os.path.join(a.package, "parties.csv")) if p["role"] == "ESP"]

    kills, errors, acked = [], [], set()
    stop = threading.Event()
    k = threading.Thread(target=killer, args=(stack, a, rng, started, kills, stop, errors), daemon=True)
    ack = threading.Thread(target=acknowledger, args=(delivery, udc, random.Random(seed + 1), started, acked, stop),
                           daemon=True)
    k.start()
    ack.start()
    # the upload goes on while parts are killed (acceptance.py retries what a dead part refused)
    upload = acceptance.main([a.package, a.out, "--upload-only", "--ingest", a.ingest, "--delivery", a.delivery])
    if upload != 0:
        errors.append(f"the upload failed (exit {upload})")
    k.join()
    log(started, "kills done; waiting for the package to settle")
    result = acceptance.main([a.package, a.out, "--skip-upload", "--timeout", str(a.timeout), "--stable", "30",
                              "--ingest", a.ingest, "--delivery", a.delivery]
                             + (["--expected", a.expected] if a.expected else []))
    stop.set()
    ack.join(10)
    if result != 0:
        errors.append("the package did not settle, or its summary differs from the expected one (see above)")

    lost_total, dup_total = 0, 0
    for party in [udc] + esps:
        periods, lost, duplicated, reused = check_mailbox(delivery, party)
        lost_total += len(lost)
        dup_total += len(duplicated)
        log(started, f"{party}: {periods} account-periods posted, {len(lost)} lost, {len(duplicated)} duplicated, "
                     f"{len(reused)} ISA13 reused")
        for key in lost:
            errors.append(f"{party}: account {key[0]} period {key[1]}..{key[2]} has no current original")
        for key, reports in duplicated:
            errors.append(f"{party}: account {key[0]} period {key[1]}..{key[2]} has {len(reports)} current originals "
                          f"({', '.join(reports)})")
        for control, names in reused.items():
            errors.append(f"{party}: ISA13 {control} in {len(names)} files ({', '.join(names)})")
    retrieved = {f["id"] for f in list_files(delivery, udc, "retrieved")}
    lost_acks = sorted(acked - retrieved)
    log(started, f"{len(acked)} files acknowledged, {len(lost_acks)} acknowledgements lost")
    for fid in lost_acks:
        errors.append(f"acknowledgement of file {fid} lost")
    print()
    print("killed: " + ", ".join(f"{name} at {t:.0f}s" for t, name, _ in kills))
    print(f"lost {lost_total}, duplicated {dup_total}")
    for e in errors:
        print(f"  {e}")
    print("drill passed" if not errors else f"drill FAILED ({len(errors)} findings)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
