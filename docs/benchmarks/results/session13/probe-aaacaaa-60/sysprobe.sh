#!/bin/bash
# Back to back 10 s slots on core 0 (the server core): syscalls by kind, context switches, wakeups,
# softirqs (perf stat), a cpu-clock profile with call graphs (perf record), core 0/1 split
# from /proc/stat, TCP OutSegs from /proc/net/snmp, and WildFly's JIT symbols at the end of each slot.
out=$1; end=$(( $(date +%s) + ${2:-1200} )); mkdir -p $out
ev=context-switches,cpu-migrations,page-faults,raw_syscalls:sys_enter,sched:sched_wakeup,irq:softirq_entry,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_read,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_futex,syscalls:sys_enter_sched_yield,syscalls:sys_enter_clock_nanosleep,syscalls:sys_enter_nanosleep,syscalls:sys_enter_ioctl,syscalls:sys_enter_recvfrom,syscalls:sys_enter_sendto,syscalls:sys_enter_readv
i=0
while [ $(date +%s) -lt $end ]; do
  i=$((i+1)); n=$(printf %03d $i)
  pid=$(pgrep -f -- '-D\[Standalone\]' | head -1)
  a0=$(grep '^cpu0 ' /proc/stat); a1=$(grep '^cpu1 ' /proc/stat); s0=$(awk '/^Tcp:/{l++} l==2{print $12; exit}' /proc/net/snmp); t=$(date +%T)
  perf record -q -C 0 -g -F 499 -o $out/rec-$n.data -- sleep 10 2>/dev/null &
  rp=$!
  perf stat -x, -C 0 -e $ev -o $out/stat-$n.csv -- sleep 10 2>/dev/null
  wait $rp
  b0=$(grep '^cpu0 ' /proc/stat); b1=$(grep '^cpu1 ' /proc/stat); s1=$(awk '/^Tcp:/{l++} l==2{print $12; exit}' /proc/net/snmp)
  [ -n "$pid" ] && jcmd $pid Compiler.perfmap >/dev/null 2>&1 && cp /tmp/perf-$pid.map $out/perf-$pid-$n.map 2>/dev/null
  python3 - "$a0" "$b0" "$a1" "$b1" "$t" "$n" "$pid" "$s0" "$s1" >> $out/slots.txt <<'PY'
import sys
def split(a,b):
    x=list(map(int,a.split()[1:])); y=list(map(int,b.split()[1:])); d=[q-p for p,q in zip(x,y)]; t=sum(d) or 1
    return "busy %3.0f usr %3.0f sys %3.0f sirq %3.0f" % (100*(t-d[3]-d[4])/t, 100*(d[0]+d[1])/t, 100*d[2]/t, 100*d[6]/t)
segs=int(sys.argv[9])-int(sys.argv[8])
print(sys.argv[6], sys.argv[5], "pid", sys.argv[7] or "-", "outsegs/s", segs//10, "| core0", split(sys.argv[1],sys.argv[2]), "| core1", split(sys.argv[3],sys.argv[4]))
PY
done
