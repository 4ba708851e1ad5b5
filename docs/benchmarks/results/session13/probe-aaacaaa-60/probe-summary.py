"""Per server start: medians over the 10 s slots of sysprobe.sh at full load (the warm-up and the
windows) of core 0's busy share, its user/system/softirq time and system calls per delivery.
Deliveries are estimated from the machine's TCP OutSegs: 2.28 segments per delivery in this run
(60,000 deliveries/s in the windows gave 137,000 OutSegs/s, the generator's acks and both sides'
heartbeats included). Usage: python3 probe-summary.py [folder]"""
import os, re, statistics as st, sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rows, order = {}, []
for line in open(os.path.join(d, 'slots.txt')):
    p = line.split()
    n, pid, segs = p[0], p[3], int(p[5])
    busy, u, s, si = map(int, re.search(r'core0 busy +(\d+) usr +(\d+) sys +(\d+) sirq +(\d+)', line).groups())
    counts = {}
    for l in open(os.path.join(d, 'perf-stat', 'stat-%s.csv' % n)):
        q = l.strip().split(',')
        if len(q) > 2 and q[0].isdigit():
            counts[q[2].split(':')[-1]] = int(q[0])
    deliveries = segs / 2.28
    if deliveries < 55000:  # connecting, stopping, or between starts
        continue
    key = pid if pid != '-' else 'C'
    if key not in rows:
        rows[key] = []
        order.append(key)
    rows[key].append((busy, u * 1e4 / deliveries, s * 1e4 / deliveries, si * 1e4 / deliveries, busy * 1e4 / deliveries,
                      (counts.get('sys_enter_write', 0) + counts.get('sys_enter_sendto', 0)) / 10 / deliveries,
                      counts.get('sys_enter_futex', 0) / 10 / deliveries, counts['context-switches'] / 10 / deliveries,
                      counts['sys_enter'] / 10 / deliveries))
print('start   slots  core  | us per delivery: user system softirq all | per delivery: write/sendto futex context-switches all-syscalls')
for k in order:
    r = rows[k]
    m = lambda i: st.median(x[i] for x in r)
    print('%-7s %3d  %4.0f%%  |  %.1f  %.1f  %.1f  %.1f  |  %.2f  %.3f  %.3f  %.2f' % (
        k, len(r), m(0), m(1), m(2), m(3), m(4), m(5), m(6), m(7), m(8)))
