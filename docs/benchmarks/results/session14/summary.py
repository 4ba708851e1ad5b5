#!/usr/bin/env python3
"""Per start: windows at each rate (server core %, p99, user/system/softirq us per delivery); medians per variant."""
import csv, glob, re, statistics as st, sys
from collections import defaultdict
split = re.compile(r'server core per delivery: ([0-9.]+) us user, ([0-9.]+) us system, ([0-9.]+) us softirq')
med = defaultdict(lambda: defaultdict(list))
for d in sorted(glob.glob(sys.argv[1])):
    variant = d.rsplit('-', 1)[1]
    for f in glob.glob(d + '/res/run-*/results.tsv'):
        for r in csv.DictReader(open(f), delimiter='\t'):
            if r['workload'] != 'throughput':
                continue
            m = split.search(r['note'])
            u, s, si = (float(x) for x in m.groups()) if m else (float('nan'),) * 3
            core = float(r['serverCoreBusy']) * 100
            rate = float(r['step'])
            print(f"{d.split('/')[-1]:16} {r['server']} {rate:5.0f} #{r['repeat']} core {core:4.0f} % p99 {float(r['p99']):6.1f} ms "
                  f"delivered {float(r['deliveryRatio']):.5f}  user {u:.1f} system {s:.1f} softirq {si:.1f}")
            key = (variant, r['server'], rate)
            med[key]['core'].append(core); med[key]['p99'].append(float(r['p99'])); med[key]['user'].append(u)
            med[key]['system'].append(s); med[key]['softirq'].append(si)
print()
for key in sorted(med):
    m = med[key]
    print(f"{key[0]:6} {key[1]} {key[2]:5.0f}: {len(m['core'])} windows, median core {st.median(m['core']):.1f} %, p99 {st.median(m['p99']):.1f} ms, "
          f"user {st.median(m['user']):.2f} system {st.median(m['system']):.2f} softirq {st.median(m['softirq']):.2f} us")
