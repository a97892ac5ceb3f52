#!/usr/bin/env python3
"""Writes the Strimzi KafkaUser resources of deploy/acls.csv (python3 standard library only).

    python3 deploy/cluster/acls-to-strimzi.py              # rewrites deploy/cluster/kafka/users.yaml
    python3 deploy/cluster/acls-to-strimzi.py --check      # exit 1 when the committed file is out of date
    python3 deploy/cluster/acls-to-strimzi.py --out -      # to stdout

One KafkaUser per principal of the table (SCRAM-SHA-512; the User Operator keeps its password in the Secret of the
same name, key 'password'), with the table's ACLs (simple authorization: the cluster's StandardAuthorizer). The local
broker applies the same table (platform/broker SecuritySetup); ClusterManifestsTest (the deploy module) fails when
users.yaml no longer grants exactly what the CSV says.
"""
import argparse
import os
import sys

from generated_file import write_or_check

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.normpath(os.path.join(HERE, "..", "acls.csv"))
DEFAULT_OUT = os.path.join(HERE, "kafka", "users.yaml")

RESOURCES = {"topic": "topic", "group": "group", "transactional-id": "transactionalId"}
OPERATIONS = {"read": "Read", "write": "Write", "all": "All"}


def read_acls(path):
    users = {}
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, start=1):
            line = raw.split("#", 1)[0].strip()
            if not line or line.startswith("principal,"):
                continue
            where = f"{path}:{number}"
            cols = [c.strip() for c in line.split(",")]
            if len(cols) != 5:
                raise SystemExit(f"{where}: expected principal,resource,pattern,name,operations, got '{line}'")
            principal, resource, pattern, name, ops = cols
            if resource not in RESOURCES:
                raise SystemExit(f"{where}: resource must be one of {sorted(RESOURCES)}")
            if pattern not in ("literal", "prefixed"):
                raise SystemExit(f"{where}: pattern must be literal or prefixed")
            operations = []
            for op in ops.split(";"):
                op = op.strip().lower()
                if op not in OPERATIONS:
                    raise SystemExit(f"{where}: operations are read, write or all, joined by ';'")
                operations.append(OPERATIONS[op])
            users.setdefault(principal, []).append((RESOURCES[resource], pattern, name, operations))
    return users


def render(users):
    out = ["# Generated from deploy/acls.csv by deploy/cluster/acls-to-strimzi.py: do not edit, regenerate.",
           "# One SCRAM-SHA-512 user per principal; the User Operator writes its password to the Secret of the same",
           "# name (key 'password'), which the principal's workload reads (MDMA_KAFKA_PASSWORD)."]
    for principal in sorted(users):
        out += ["---",
                "apiVersion: kafka.strimzi.io/v1beta2",
                "kind: KafkaUser",
                "metadata:",
                f"  name: {principal}",
                "  labels:",
                "    strimzi.io/cluster: mdma-kafka",
                "    app.kubernetes.io/part-of: mdma",
                "spec:",
                "  authentication:",
                "    type: scram-sha-512",
                "  authorization:",
                "    type: simple",
                "    acls:"]
        for resource, pattern, name, operations in users[principal]:
            out += ["      - resource:",
                    f"          type: {resource}",
                    f"          name: {name}",
                    f"          patternType: {pattern}",
                    f"        operations: [{', '.join(operations)}]",
                    "        host: \"*\""]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", default=DEFAULT_CSV)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render(read_acls(args.csv))
    return write_or_check(text, args.out, args.check, "python3 deploy/cluster/acls-to-strimzi.py")


if __name__ == "__main__":
    sys.exit(main())
