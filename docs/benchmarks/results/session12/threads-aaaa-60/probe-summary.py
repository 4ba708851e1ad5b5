# Per 5 s interval of probe.txt (written by a sampler every 5 s: core 0 of /proc/stat, and each WildFly thread's user and system ticks): core 0 busy and its user/system/softirq split, and the busiest thread groups in ticks per second (100 = one core).
import re,sys,collections
samples=[]; cur=None
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'probe.txt'):
    p=line.split()
    if p[0]=='T': cur={'t':float(p[1]),'th':{}}; samples.append(cur)
    elif p[0]=='cpu0': cur['cpu']=list(map(int,p[1:8]))
    elif p[0]=='H' and len(p)>=5: cur['th'][p[1]]=(p[2],int(p[3]),int(p[4]))
def group(n):
    for k,g in [('I/O','io'),('EE-Managed','managed'),('C2','c2'),('C1','c1'),('VM_Thread','vm'),('GC','gc'),('Thread-','thread-'),('ActiveMQ','amq'),('Artemis','amq'),('default_task','task'),('default','default')]:
        if n.startswith(k) or k in n: return g
    return 'other:'+n[:12]
t0=samples[0]['t']
prevkeys=None
for a,b in zip(samples,samples[1:]):
    if 'cpu' not in a or 'cpu' not in b: continue
    dt=[y-x for x,y in zip(a['cpu'],b['cpu'])]; tot=sum(dt)+0.0
    if tot<=0: continue
    common=set(a['th'])&set(b['th'])
    if not common: continue
    g=collections.Counter()
    for tid in common:
        n,u,s=b['th'][tid]; _,u0,s0=a['th'][tid]
        g[group(n)]+= (u-u0)+(s-s0)
    el=b['t']-a['t']
    busy=1-(dt[3]+dt[4])/tot
    top=' '.join(f"{k}:{v/el:.0f}" for k,v in g.most_common(6))
    print(f"{b['t']-t0:6.0f}s busy {busy*100:3.0f}% usr {dt[0]/tot*100:3.0f} sys {dt[2]/tot*100:3.0f} sirq {dt[6]/tot*100:3.0f} | ticks/s {top}")
