"""What the generators of deploy/cluster share: write a generated file, or check that it is up to date."""
import sys


def write_or_check(text, out, check, command):
    """Writes text to out ('-': standard output), or with check only compares: 1 when out differs (with the command
    that regenerates it on standard error), else 0."""
    if check:
        try:
            with open(out, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{out} is out of date: run {command}", file=sys.stderr)
            return 1
        return 0
    if out == "-":
        sys.stdout.write(text)
    else:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {out}")
    return 0
