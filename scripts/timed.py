#!/usr/bin/env python3
"""Runs a command and writes its wall time, user and system CPU seconds and peak resident
memory (KiB) to a file, as `/usr/bin/time -f "%e %U %S %M" -o FILE` does, but with the wall
time to the microsecond: GNU time rounds it to hundredths of a second, too coarse for a run of
a few milliseconds.

The command runs under GNU time, which gives its peak memory: a child forked from this Python
process would count Python's own memory as its peak. The wall time and the CPU seconds (to the
microsecond, from the kernel's account of GNU time and the command it waited for) are taken
around GNU time, so they hold GNU time's own start, well under a millisecond and the same for
every command timed.

Usage: scripts/timed.py OUT COMMAND [ARGS...]   (the command's own output goes where the
caller's does; its exit status is passed on)
"""
import os
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out, command = argv[1], argv[2:]
    inner = out + ".time"
    start = time.perf_counter()
    child = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", inner] + command)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    with open(inner) as f:
        rss = f.read().split()[-1]
    os.remove(inner)
    with open(out, "w") as f:
        f.write("%.6f %.6f %.6f %s\n" % (wall, usage.ru_utime, usage.ru_stime, rss))
    return child.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
