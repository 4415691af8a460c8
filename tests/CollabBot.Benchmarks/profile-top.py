#!/usr/bin/python3
"""Top of a dotnet-trace speedscope profile, as the benchmarks README shows it.

usage: profile-top.py TRACE.speedscope.json 'REGEX of frames to list'

Counts the samples whose stack holds request work (CollabBot, Kestrel's HTTP, ASP.NET Core routing, EF Core) and,
for each frame matching REGEX, the share of those samples it is on the stack of (inclusive), then the commonest
leaf frames. The samples are dotnet-sampled-thread-time samples (about 100 Hz per thread, managed frames only).
"""
import json,sys,collections,re
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
incl=collections.Counter(); excl=collections.Counter(); total=0.0
WORK=re.compile(r'CollabBot|Kestrel\.Core\.Internal\.Http\.|Microsoft\.AspNetCore\.(Routing|HostFiltering|Http\.)|EntityFrameworkCore')
def short(n):
    n=re.sub(r'\(.*','',n); n=n.split('!')[-1]; n=re.sub(r'\[[^\]]*\]','',n)
    return n[:120]
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if stack and last is not None and t>last:
            names=[frames[f] for f in stack]
            if any(WORK.search(n) for n in names):
                dt=t-last; total+=dt
                excl[short(names[-1])]+=dt
                for n in set(short(x) for x in names): incl[n]+=dt
        last=t
        if e['type']=='O': stack.append(e['frame'])
        elif stack: stack.pop()
print(f"request-work samples: {total:.1f} {d['profiles'][0].get('unit')}")
pat=re.compile(sys.argv[2])
for n,v in incl.most_common(3000):
    if pat.search(n):
        print(f"{100*v/total:5.1f}%  {n}")
print("--- leaf frames")
for n,v in excl.most_common(12): print(f"{100*v/total:5.1f}%  {n}")
