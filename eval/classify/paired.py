#!/usr/bin/env python3
"""Compares two classifiers' answers on the same messages, message by message.

Usage: python3 eval/classify/paired.py BASE.tsv VARIANT.tsv [BASE2.tsv VARIANT2.tsv ...]

Each file is what the tuning test writes with `marks=PATH` (one `id<TAB>right|wrong|undecided`
line per message). For each pair it prints the right answers of both, the messages only the
base gets right and those only the variant gets right, and the exact two-sided McNemar p-value
(a binomial test on those discordant messages). With several pairs it also pools them.
"""
import math
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t") for line in f if line.strip())


def mcnemar(b, c):
    """Exact two-sided p-value of b against c discordant messages."""
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    pooled = [0, 0, 0, 0, 0]
    for base_path, variant_path in zip(argv[::2], argv[1::2]):
        base, variant = read(base_path), read(variant_path)
        if set(base) != set(variant):
            print(f"{base_path} and {variant_path} mark different messages", file=sys.stderr)
            return 2
        right_b = sum(v == "right" for v in base.values())
        right_v = sum(v == "right" for v in variant.values())
        only_b = sum(base[i] == "right" and variant[i] != "right" for i in base)
        only_v = sum(base[i] != "right" and variant[i] == "right" for i in base)
        print(f"{variant_path} against {base_path}: {right_v} against {right_b} of {len(base)} right "
              f"({right_v - right_b:+d}); only the base right {only_b}, only the variant {only_v}; "
              f"McNemar exact p = {mcnemar(only_b, only_v):.3f}")
        for k, v in enumerate([len(base), right_b, right_v, only_b, only_v]):
            pooled[k] += v
    if len(argv) > 2:
        n, rb, rv, ob, ov = pooled
        print(f"pooled: {rv} against {rb} of {n} right ({rv - rb:+d}); only the base right {ob}, "
              f"only the variant {ov}; McNemar exact p = {mcnemar(ob, ov):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
