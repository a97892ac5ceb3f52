#!/usr/bin/env python3
"""Makes a larger acceptance package, with its expected results, from a worked one.

    replicate.py SOURCE_PACKAGE_DIR TARGET_DIR COPIES

Every service account and meter of SOURCE is copied COPIES times under new ids (copy k: account
'9' + k as 3 digits + the original; meter 'M' + k as 3 digits + the original without its 'M': prefixes
keep the order of meters within an account, which the 867 follows); parties, read cycles, schedules and every reading
are kept, so that each copy's VEE results are the original's (the rules do not depend on ids).
expected/expected.json and expected/summary.csv are rewritten the same way (the summary re-sorted in the
spec's order: service_account and meter_id as strings, channel as a number, period_start). The copies
are checked to be unique; the tool refuses (exit 2) when the ids cannot be made unique.

With COPIES=40, the sample (42,165 interval rows, 20 account-periods) becomes 1.7M interval rows and
800 account-periods: the size of a utility's larger test package, to be uploaded scrambled
(./mdma acceptance --scramble SEED) and checked against its expected/ (e2e: AcceptanceCheck).
"""
import csv
import io
import json
import os
import sys


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def new_account(account, k):
    # a prefix, so that the order of accounts and meters (code points: the 867's loop order, the summary's) is kept
    return "9" + f"{k:03d}" + account


def new_meter(meter, k):
    return "M" + f"{k:03d}" + meter[1:] if meter.startswith("M") else f"C{k:03d}" + meter


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst, copies = argv[0], argv[1], int(argv[2])
    if not 1 <= copies <= 999:
        print("COPIES must be 1..999", file=sys.stderr)
        return 2
    os.makedirs(os.path.join(dst, "expected"), exist_ok=True)

    header, meters = read_csv(os.path.join(src, "meters.csv"))
    ia, im = header.index("service_account"), header.index("meter_id")
    accounts = sorted({r[ia] for r in meters})
    meter_ids = sorted({r[im] for r in meters})
    account_map = {(a, k): new_account(a, k) for a in accounts for k in range(copies)}
    meter_map = {(m, k): new_meter(m, k) for m in meter_ids for k in range(copies)}
    if len(set(account_map.values())) != len(account_map) or len(set(meter_map.values())) != len(meter_map):
        print("the new ids are not unique for this package: change new_account/new_meter", file=sys.stderr)
        return 2
    if set(account_map.values()) & set(accounts) or set(meter_map.values()) & set(meter_ids):
        print("a new id equals an original one", file=sys.stderr)
        return 2

    write_csv(os.path.join(dst, "meters.csv"), header,
              [[account_map[(c, k)] if i == ia else meter_map[(c, k)] if i == im else c for i, c in enumerate(r)]
               for k in range(copies) for r in meters])
    for name in ("channels", "registers", "intervals"):
        h, rows = read_csv(os.path.join(src, name + ".csv"))
        j = h.index("meter_id")
        write_csv(os.path.join(dst, name + ".csv"), h,
                  [r[:j] + [meter_map[(r[j], k)] if r[j] in meter_ids else r[j]] + r[j + 1:]
                   for k in range(copies) for r in rows])
    for name in ("parties", "schedule"):
        h, rows = read_csv(os.path.join(src, name + ".csv"))
        write_csv(os.path.join(dst, name + ".csv"), h, rows)

    with open(os.path.join(src, "expected", "expected.json"), encoding="utf-8") as f:
        doc = json.load(f)

    def rename(node, k):
        if isinstance(node, dict):
            out = {}
            for key, v in node.items():
                if key == "service_account" and isinstance(v, str):
                    out[key] = account_map.get((v, k), v)
                elif key == "meter_id" and isinstance(v, str):
                    out[key] = meter_map.get((v, k), v)
                else:
                    out[key] = rename(v, k)
            return out
        if isinstance(node, list):
            return [rename(x, k) for x in node]
        return node

    aps = doc["account_periods"]
    doc["account_periods"] = [rename(ap, k) for k in range(copies) for ap in aps]
    doc["rejected_rows"] = [rename(r, k) for k in range(copies) for r in doc.get("rejected_rows", [])]
    doc.pop("package_sha256", None)  # a different package
    with open(os.path.join(dst, "expected", "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)

    sh, srows = read_csv(os.path.join(src, "expected", "summary.csv"))
    sa, sm, sc, sp = (sh.index(x) for x in ("service_account", "meter_id", "channel", "period_start"))
    out = []
    for k in range(copies):
        for r in srows:
            r = list(r)
            r[sa] = account_map[(r[sa], k)]
            r[sm] = meter_map[(r[sm], k)]
            out.append(r)
    out.sort(key=lambda r: (r[sa], r[sm], int(r[sc]), r[sp]))
    write_csv(os.path.join(dst, "expected", "summary.csv"), sh, out)
    print(f"{dst}: {copies} copies, {len(doc['account_periods'])} account-periods, {len(out)} summary rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
