#!/usr/bin/env python3
"""Read the guest console logs written by guest/init and judge the run.

Counts the leaf results of the nested KTAP (a test's own subtests when it
printed any, else the test itself), lists every failure, checks the dmesg
section for kernel splats, and ends with 'N passed, N failed[, N skipped]'.
Exit status: 0 only when nothing failed, no splat, and the guest finished.
"""
import re
import sys

SPLAT = re.compile(r"(WARNING:|BUG:|Oops|Internal error:|Kernel panic|"
                   r"Call trace:|possible circular locking|"
                   r"possible recursive locking|inconsistent lock state|"
                   r"suspicious RCU usage|KASAN:|UBSAN:|suspected memory leak|"
                   r"unreferenced object|hung_task|soft lockup|rcu_.*stall)")
RESULT = re.compile(r"^( *)(ok|not ok) (\d+) ([^#]*?)\s*(?:#\s*(.*))?$")


def judge(path):
    """Return (passed, failed, skipped, failures, problems) for one log."""
    try:
        lines = open(path, errors="replace").read().splitlines()
    except OSError as err:
        # boot.sh stopped before the guest ran (QEMU not built, say)
        return 0, 1, 0, [f"{path}: no console log ({err.strerror})"], []
    lines = [line.rstrip("\r") for line in lines]
    problems = []
    passed = failed = skipped = 0
    failures = []
    children = []          # leaf results seen since the last top-level line
    in_ktap = in_dmesg = finished = begun = False
    splats = []
    for line in lines:
        if line.startswith("RIG: BEGIN"):
            begun = in_ktap = True
            continue
        if line == "RIG: DMESG BEGIN":
            in_ktap, in_dmesg = False, True
            continue
        if line == "RIG: DMESG END":
            in_dmesg = False
            continue
        if line == "RIG: END":
            finished = True
            continue
        if in_dmesg:
            if SPLAT.search(line):
                splats.append(line)
            continue
        if not in_ktap:
            continue
        m = RESULT.match(line)
        if not m:
            continue
        indent, verdict, _, name, directive = m.groups()
        directive = directive or ""
        if len(indent) == 2:
            children.append((verdict, name, directive))
            continue
        if indent:
            continue
        leaves = children or [(verdict, name, directive)]
        prefix = name + ": " if children else ""
        for v, n, d in leaves:
            if v == "ok" and d.upper().startswith("SKIP"):
                skipped += 1
                print(f"rig: SKIP {prefix}{n} # {d}")
            elif v == "ok":
                passed += 1
            else:
                failed += 1
                failures.append(f"{prefix}{n}" + (f" # {d}" if d else ""))
        if verdict == "not ok" and not any(v == "not ok" for v, _, _ in leaves):
            failed += 1
            failures.append(f"{name} (exit status)" + (f" # {directive}" if directive else ""))
        children = []

    if not begun:
        problems.append("the guest never started the test plan (no boot?)")
    elif not finished:
        problems.append("the guest stopped before the end of the test plan "
                        "(crash, panic or timeout)")
    for s in splats[:20]:
        problems.append("dmesg: " + s.strip())
    return passed, failed, skipped, failures, problems


def main(paths):
    passed = failed = skipped = 0
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        p, f, s, failures, problems = judge(path)
        for x in failures:
            print(f"rig: FAIL [{name}] {x}")
        for x in problems:
            print(f"rig: PROBLEM [{name}] {x}")
        passed += p
        skipped += s
        failed += f + (1 if problems else 0)
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
