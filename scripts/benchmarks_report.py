#!/usr/bin/env python3
"""Writes BENCHMARKS.md from one run of scripts/benchmarks.sh.

Usage: benchmarks_report.py WORK_DIR CRITERION_DIR
       benchmarks_report.py --gate BENCHMARKS.md CRITERION_DIR MACHINE_FILE  (the gate's section only)
"""
import glob
import json
import os
import statistics
import sys

WORKLOADS = ["W1", "W2", "W3", "W4", "W5"]
NAMES = {"W1": "hello", "W2": "ivr", "W3": "pay", "W4": "big", "W5": "messaging"}


def peers(work):
    """The peers' medians, by (workload, library, op): (ns, spread %)."""
    out = {}
    for name in ("python", "node"):
        path = os.path.join(work, "peers", "results", "run", name + ".json")
        data = json.load(open(path))
        for r in data["results"]:
            # Half the range of the repeats, as a share of the median.
            spread = (max(r["repeats_ns"]) - min(r["repeats_ns"])) / 2 / r["ns"] * 100
            out[(r["workload"], r["lib"], r["op"])] = (r["ns"], spread)
    return out


def ours(criterion):
    """This project's medians, by (group, function): (ns, low, high) of the median's 95% CI."""
    out = {}
    for path in glob.glob(os.path.join(criterion, "**", "new", "benchmark.json"), recursive=True):
        meta = json.load(open(path))
        est = json.load(open(os.path.join(os.path.dirname(path), "estimates.json")))
        median = est["median"]
        out[(meta["group_id"], meta["function_id"])] = (
            median["point_estimate"],
            median["confidence_interval"]["lower_bound"],
            median["confidence_interval"]["upper_bound"],
        )
    return out


def instructions(work):
    """Instructions per document by (operation, workload), when callgrind counted them."""
    path = os.path.join(work, "instructions.tsv")
    if not os.path.exists(path):
        return {}
    out = {}
    for line in open(path):
        operation, workload, count = line.split("\t")
        out[(operation, workload)] = int(count)
    return out


def count(n):
    if n >= 1_000_000:
        return "{:,.2f} M".format(n / 1_000_000)
    if n >= 1_000:
        return "{:,.1f} k".format(n / 1_000)
    return "{:,}".format(n)


def ns(v):
    if v >= 100_000:
        return "{:,.0f} µs".format(v / 1000)
    if v >= 10_000:
        return "{:,.1f} µs".format(v / 1000)
    if v >= 1_000:
        return "{:,.2f} µs".format(v / 1000)
    return "{:,.0f} ns".format(v)


def peer_cell(m):
    value, spread = m
    return "%s ±%.0f%%" % (ns(value), spread)


def ours_cell(m):
    value, low, high = m
    half = max(value - low, high - value) / value * 100
    return "%s ±%.0f%%" % (ns(value), half)


def scale(work):
    rows = []
    for count in (1000, 10000):
        runs = []
        for path in sorted(glob.glob(os.path.join(work, "scale-%d-*.txt" % count))):
            wall, cpu, rss = open(path).read().split()[-3:]
            runs.append((float(wall), int(cpu.rstrip("%")), int(rss)))
        if not runs:
            continue
        walls = [r[0] for r in runs]
        summary = json.load(open(os.path.join(work, "scale-%d.json" % count)))["summary"]
        rows.append((count, statistics.median(walls), min(walls), max(walls),
                     statistics.median([r[1] for r in runs]),
                     max(r[2] for r in runs) / 1024, summary))
    return rows


def instruction_table(ins):
    if not ins:
        return
    print("## Instructions per document")
    print()
    print("Counted by valgrind's callgrind (`benches/instructions.rs`): the instructions of 60")
    print("documents less those of 10, divided by 50, so the set-up cancels out. Unlike time,")
    print("the count does not move with the machine's other load; it does not see cache misses")
    print("or branch mispredictions, which time does.")
    print()
    print("| workload | build + render | render | floor writer | build ÷ floor | read floor | parse | + validate | + rules | validate ÷ floor | rules ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in WORKLOADS:
        b, r, wf = ins[("build", w)], ins[("render", w)], ins[("write-floor", w)]
        rf, pa, va, ru = (ins[("read-floor", w)], ins[("parse", w)], ins[("validate", w)],
                          ins[("rules", w)])
        print("| %s %s | %s | %s | %s | %.1f× | %s | %s | %s | %s | %.1f× | %.1f× |" % (
            w, NAMES[w], count(b), count(r), count(wf), b / wf, count(rf), count(pa),
            count(va), count(ru), va / rf, ru / rf))
    print()


def targets(p, o, rows, ins):
    """Each target of the benchmark plan, with the ratio this run measured."""
    def verdict(met):
        return "met" if met else "missed"

    print("## Targets")
    print()
    print("| target | measured in this run | |")
    print("|---|---|---|")
    peer = {w: min(p[(w, "twilio-python", "build+render")][0],
                   p[(w, "twilio-node", "build+render")][0]) / o[(w, "build + render")][0]
            for w in WORKLOADS}
    worst = min(peer, key=peer.get)
    print("| build and render ≥ 100× faster than the faster peer, every workload | %.1f× to %.1f× (worst: %s) | %s |" % (
        min(peer.values()), max(peer.values()), worst, verdict(peer[worst] >= 100)))
    floor = {w: o[(w, "build + render")][0] / o[(w, "floor")][0] for w in WORKLOADS}
    worst = max(floor, key=floor.get)
    counted = ""
    if ins:
        by_count = {w: ins[("build", w)] / ins[("write-floor", w)] for w in WORKLOADS}
        counted = "; in instructions %.1f× to %.1f×" % (min(by_count.values()),
                                                       max(by_count.values()))
    print("| build and render within 1.5× of the floor writer | %.1f× to %.1f× (worst: %s)%s | %s |" % (
        min(floor.values()), max(floor.values()), worst, counted, verdict(floor[worst] <= 1.5)))
    w4 = o[("W4 parse", "parse + validate")][0] / o[("W4 parse", "floor")][0]
    counted = ""
    if ins:
        counted = "; in instructions %.2f×" % (ins[("validate", "W4")] / ins[("read-floor", "W4")])
    print("| parse and validate within 2× of the bare quick-xml loop on W4 | %.2f×%s | %s |" % (
        w4, counted, verdict(w4 <= 2)))
    for count, wall, _low, _high, _cpu, _rss, _s in rows:
        if count == 10000:
            print("| `twiml check` of 10,000 documents under 1 s | %.2f s | %s |" % (
                wall, verdict(wall < 1)))
    print()
    print("The peers' floor-to-peer gap bounds the first target: on a workload where even the")
    print("floor writer is less than 100× faster than the faster peer, no builder can meet it.")
    print()
    print("| workload | faster peer ÷ floor |")
    print("|---|---:|")
    for w in WORKLOADS:
        print("| %s %s | %.0f× |" % (w, NAMES[w], peer[w] * floor[w]))
    print()


GATE_BEGIN = "<!-- the send-time gate: scripts/benchmarks.sh gate rewrites this section -->"
GATE_END = "<!-- end of the send-time gate -->"
GATE_CASES = [
    ("declared marketing, allow", "a marketing text with its intent declared, inside the window"),
    ("classified marketing, allow", "the same text classified from its words, inside the window"),
    ("classified one-time code, allow", "a one-time code at 22:30, classified essential"),
    ("classified marketing, defer", "the marketing text at 22:30, deferred to 08:00"),
    ("two zones and Florida, defer", "an 850 number (Eastern or Central, Florida's law), deferred"),
    ("classifier alone", "the classifier, without the rest of the decision"),
]


def gate_section(o, machine):
    """The send-time gate's benchmarks, between markers so that `benchmarks.sh gate` can
    rewrite them alone."""
    lines = [GATE_BEGIN, "## The send-time gate", ""]
    lines += [
        "`cargo bench --features gate --bench gate`: one decision per iteration, for text",
        "messages without a ledger (locating the recipient, classifying the text or taking the",
        "declared intent, every window in every candidate zone and state, and for a deferred",
        "send the first instant that suits them all), on one core. Median of 100 samples, ± half",
        "the width of the median's 95% confidence interval.",
        "",
    ]
    if machine:
        lines += ["```text", machine, "```", ""]
    lines += ["| case | median | decisions per second |", "|---|---:|---:|"]
    for name, what in GATE_CASES:
        m = o.get(("gate", name))
        if m:
            lines.append("| %s | %s | %s |" % (what, ours_cell(m), "{:,.0f}".format(1e9 / m[0])))
    campaign = o.get(("gate campaign", "1,000 texts over a day"))
    if campaign:
        per = campaign[0] / 1000
        lines.append("| a day's campaign: 1,000 texts to 25 area codes, spread over 24 hours, half declared and half classified | %s per text | %s |" % (
            ns(per), "{:,.0f}".format(1e9 / per)))
        lines += ["", "Target: at least 200,000 decisions per second on one core for text messages"]
        lines.append("without a ledger: %s over the campaign (%s)." % (
            "{:,.0f}".format(1e9 / per), "met" if 1e9 / per >= 200_000 else "missed"))
    lines += ["", GATE_END]
    return "\n".join(lines)


def update_gate(path, criterion, machine):
    """Rewrites the gate's section of BENCHMARKS.md, or appends it."""
    text = open(path).read()
    section = gate_section(ours(criterion), machine)
    if GATE_BEGIN in text and GATE_END in text:
        before = text[:text.index(GATE_BEGIN)]
        after = text[text.index(GATE_END) + len(GATE_END):]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(path, "w").write(text)


def main():
    if sys.argv[1] == "--gate":
        # benchmarks_report.py --gate BENCHMARKS.md CRITERION_DIR MACHINE_FILE
        update_gate(sys.argv[2], sys.argv[3], open(sys.argv[4]).read().strip())
        return
    work, criterion = sys.argv[1], sys.argv[2]
    p = peers(work)
    o = ours(criterion)
    machine = open(os.path.join(work, "machine.txt")).read().strip()

    print("# Benchmarks")
    print()
    print("One run of `scripts/benchmarks.sh` on one machine: the peers first (twilio-python and")
    print("twilio-node through `../shared/bench/peers/run.sh`, median of 5 repeats of at least 1 s),")
    print("then this project's criterion benchmarks (`cargo bench --bench build --bench parse`,")
    print("median of 100 samples, with the 95% confidence interval of the median), then `twiml check`")
    print("over 10,000 files (median of 3 runs). The machine is shared and noisy: read ratios, not")
    print("absolute times, and treat differences under about 20% as noise. After each median,")
    print("± is half the range of the peer's repeats, or half the width of the confidence")
    print("interval of ours, as a share of the median.")
    print()
    print("```text")
    print(machine)
    print("```")
    print()
    print("## Build and render")
    print()
    print("What a webhook handler does per request: the builder, the build step (every check of")
    print("the element table and the compliance rules of the baseline policy) and `to_xml`. The")
    print("floor is a hand-written writer that pushes the same bytes, with the same escaping, into")
    print("a pre-sized `String` (`benches/build.rs`).")
    print()
    print("| workload | twilio-python | twilio-node | twiml | floor | faster peer ÷ twiml | twiml ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for w in WORKLOADS:
        py = p[(w, "twilio-python", "build+render")]
        nd = p[(w, "twilio-node", "build+render")]
        us = o[(w, "build + render")]
        fl = o[(w, "floor")]
        print("| %s %s | %s | %s | %s | %s | %.1f× | %.1f× |" % (
            w, NAMES[w], peer_cell(py), peer_cell(nd), ours_cell(us), ours_cell(fl),
            min(py[0], nd[0]) / us[0], us[0] / fl[0]))
    print()
    print("Render only (the response built once, written again and again):")
    print()
    print("| workload | twilio-python | twilio-node | twiml | faster peer ÷ twiml |")
    print("|---|---:|---:|---:|---:|")
    for w in WORKLOADS:
        py = p[(w, "twilio-python", "render-only")]
        nd = p[(w, "twilio-node", "render-only")]
        us = o[(w, "render")]
        print("| %s %s | %s | %s | %s | %.1f× |" % (
            w, NAMES[w], peer_cell(py), peer_cell(nd), ours_cell(us), min(py[0], nd[0]) / us[0]))
    print()
    print("## Parse and validate")
    print()
    print("The peers' bytes (`expected/W*.xml`). The floor is a bare quick-xml event loop that")
    print("reads every event and does nothing with it (`benches/parse.rs`); `parse` builds the tree")
    print("with byte spans; `+ validate` runs the element table's checks; `+ rules` is `validate`,")
    print("with every rule of the baseline policy.")
    print()
    print("| workload | xml.etree | lxml | floor | parse | + validate | + rules | validate ÷ floor | rules ÷ floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in WORKLOADS:
        g = w + " parse"
        et = p[(w, "xml.etree", "parse")]
        lx = p[(w, "lxml", "parse")]
        fl = o[(g, "floor")]
        pa = o[(g, "parse")]
        va = o[(g, "parse + validate")]
        ru = o[(g, "parse + validate + rules")]
        print("| %s %s | %s | %s | %s | %s | %s | %s | %.1f× | %.1f× |" % (
            w, NAMES[w], peer_cell(et), peer_cell(lx), ours_cell(fl), ours_cell(pa), ours_cell(va),
            ours_cell(ru), va[0] / fl[0], ru[0] / fl[0]))
    print()
    rows = scale(work)
    ins = instructions(work)
    instruction_table(ins)
    if ("gate", "classifier alone") in o:
        print(gate_section(o, ""))
        print()
    targets(p, o, rows, ins)
    if rows:
        print("## `twiml check` at scale")
        print()
        print("The api-snippets corpus copied until there are N files, checked with")
        print("`twiml check --format json` (release build), timed by `/usr/bin/time`.")
        print()
        print("| files | wall time (median of 3) | min – max | CPU (both cores = 200%) | peak memory | findings |")
        print("|---:|---:|---:|---:|---:|---|")
        for count, wall, low, high, cpu, rss, s in rows:
            print("| {:,} | {:.2f} s | {:.2f} – {:.2f} s | {}% | {:.1f} MiB | {} errors, {} warnings, {} infos |".format(
                count, wall, low, high, cpu, rss, s["errors"], s["warnings"], s["infos"]))
        print()


if __name__ == "__main__":
    main()
