#!/usr/bin/env python3
"""The code one more document runs: the distinct instructions, and the 64-byte lines of the
instruction cache they sit in, that run again when a loop runs more documents.

    code_footprint.py FEW.callgrind MANY.callgrind

Both files are profiles of the same binary, taken by `valgrind --tool=callgrind
--dump-instr=yes` with `--toggle-collect` on the function timed, over fewer and more
iterations. An instruction counts when it ran more often in the second: it belongs to the
steady state, not to what runs once (set-up, first-use initialisation). Prints the number of
such instructions, of the cache lines they touch, and those lines in KiB, tab-separated.
"""

import re
import sys

# A position of callgrind's format: an absolute address, a relative one, or the same again.
POSITION = re.compile(r"^(0x[0-9a-fA-F]+|[+-]\d+|\*)$")


def executions(path):
    """How often each instruction ran, by address."""
    counts = {}
    address = 0
    call_line = False
    # How many positions a cost line starts with (`positions: instr line`): the address first.
    positions = 1
    with open(path) as profile:
        for line in profile:
            if line.startswith("positions:"):
                positions = len(line.split()) - 1
                if line.split()[1] != "instr":
                    sys.exit("%s: no instruction addresses (run callgrind with --dump-instr=yes)" % path)
                continue
            if line.startswith("calls="):
                # The next line gives the call's inclusive cost, not the instruction's own.
                call_line = True
                continue
            fields = line.split()
            if not fields or not POSITION.match(fields[0]):
                continue
            position = fields[0]
            if position.startswith("0x"):
                address = int(position, 16)
            elif position != "*":
                address += int(position)
            if call_line:
                call_line = False
                continue
            # After the positions, the events, the first of which is Ir.
            if len(fields) > positions:
                counts[address] = counts.get(address, 0) + int(fields[positions])
    return counts


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    few, many = executions(sys.argv[1]), executions(sys.argv[2])
    steady = [a for a, n in many.items() if n > few.get(a, 0)]
    lines = {a // 64 for a in steady}
    print("%d\t%d\t%.1f" % (len(steady), len(lines), len(lines) * 64 / 1024))


if __name__ == "__main__":
    main()
