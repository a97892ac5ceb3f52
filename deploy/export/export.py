#!/usr/bin/env python3
"""Contingency delivery (operations.md section 4): a party's files from the MDMA archive to a directory, e.g. on
removable media, with MANIFEST.csv (name, kind, size, sha256, postedAt) and MANIFEST.csv.sha256.

    ./mdma export --party SCE --from 2026-11-01 --to 2026-11-30 /media/usb/SCE-2026-11
    ./mdma export --party SCE --from 2026-10-01 --to 2026-10-31 --by read-date /media/usb/SCE-current

Calls GET /api/v1/export/{party} of the delivery API as the operator (the server reads its archive, never the live
mailboxes), unpacks the zip into OUT_DIR (new or empty), checks every file against the manifest and the manifest
against its checksum, and says what it wrote. Standard library only. MDMA_DELIVERY_URL (default
https://localhost:8443), MDMA_OPERATOR_USER (default operator), MDMA_OPERATOR_PASSWORD. The local stack's
certificate is self-signed: it is not verified unless MDMA_EXPORT_VERIFY_TLS=1.
"""
import argparse
import base64
import csv
import hashlib
import io
import os
import shutil
import ssl
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile


def fail(message):
    print(f"mdma export: {message}", file=sys.stderr)
    sys.exit(1)


def main(argv=None):
    p = argparse.ArgumentParser(prog="./mdma export", description=__doc__.splitlines()[0])
    p.add_argument("--party", required=True, help="party id (a UDC or an ESP)")
    p.add_argument("--from", dest="start", required=True, help="first local date, YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="last local date, YYYY-MM-DD (included)")
    p.add_argument("--by", default="posted", choices=["posted", "read-date"],
                   help="posted: files posted in the range (default); read-date: current data of those read dates")
    p.add_argument("out", metavar="OUT_DIR", help="directory to write (created; must be empty if it exists)")
    a = p.parse_args(argv)

    out = os.path.abspath(a.out)
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        fail(f"{out} exists and is not an empty directory: choose a new or empty one")
    password = os.environ.get("MDMA_OPERATOR_PASSWORD", "")
    if not password:
        fail("set MDMA_OPERATOR_PASSWORD (./mdma export sets it from $MDMA_HOME/operator-password)")
    user = os.environ.get("MDMA_OPERATOR_USER", "operator")
    base = os.environ.get("MDMA_DELIVERY_URL", "https://localhost:8443").rstrip("/")
    query = urllib.parse.urlencode({"from": a.start, "to": a.end, "by": a.by})
    url = f"{base}/api/v1/export/{urllib.parse.quote(a.party)}?{query}"
    tls = ssl.create_default_context()
    if os.environ.get("MDMA_EXPORT_VERIFY_TLS") != "1":
        tls.check_hostname = False
        tls.verify_mode = ssl.CERT_NONE
    req = urllib.request.Request(url)
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    with tempfile.TemporaryFile() as tmp:
        try:
            with urllib.request.urlopen(req, context=tls, timeout=600) as resp:
                shutil.copyfileobj(resp, tmp)
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            fail(f"the server answered {e.code}: {body}")
        except urllib.error.URLError as e:
            fail(f"cannot reach the delivery API at {base} ({e.reason}); is the stack up (./mdma status)?")
        tmp.seek(0)
        try:
            archive = zipfile.ZipFile(tmp)
        except zipfile.BadZipFile:
            fail("the export is incomplete (the server stopped while writing it, see ./mdma logs delivery); nothing was written")
        names = archive.namelist()
        for n in names:
            if n != os.path.basename(n) or n in ("", ".", ".."):
                fail(f"unexpected entry {n!r} in the export; nothing was written")
        if "MANIFEST.csv" not in names or "MANIFEST.csv.sha256" not in names:
            fail("the export has no MANIFEST.csv / MANIFEST.csv.sha256; nothing was written")
        manifest = archive.read("MANIFEST.csv")
        expected = archive.read("MANIFEST.csv.sha256").decode("ascii").split()[0]
        if hashlib.sha256(manifest).hexdigest() != expected:
            fail("MANIFEST.csv does not match MANIFEST.csv.sha256; nothing was written")
        rows = list(csv.DictReader(io.StringIO(manifest.decode("utf-8"))))
        os.makedirs(out, exist_ok=True)
        total = 0
        for row in rows:
            data = archive.read(row["name"])
            if len(data) != int(row["size"]) or hashlib.sha256(data).hexdigest() != row["sha256"]:
                fail(f"{row['name']} does not match its manifest line; {out} is incomplete")
            with open(os.path.join(out, row["name"]), "wb") as f:
                f.write(data)
            total += len(data)
        for n in ("MANIFEST.csv", "MANIFEST.csv.sha256"):
            with open(os.path.join(out, n), "wb") as f:
                f.write(archive.read(n))
    kinds = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    detail = ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())) or "no files in that range"
    print(f"wrote {len(rows)} file(s) ({detail}; {total} bytes) of {a.party}, {a.by} {a.start} to {a.end}, to {out}")
    print(f"  MANIFEST.csv (sha256 {expected}) and MANIFEST.csv.sha256: check with  cd {out} && sha256sum -c MANIFEST.csv.sha256")
    return 0


if __name__ == "__main__":
    sys.exit(main())
