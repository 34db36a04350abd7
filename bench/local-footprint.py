#!/usr/bin/env python3
"""Footprint of the local stack as ./run-local.sh runs it (BENCHMARKS.md, benchmark 6, "local stack" rows).
Starts the launcher jar on free ports with the given data directory (--no-demo), reports the time to "helpdesk is
ready", then 10 s later RSS and PSS (from /proc/<pid>/smaps_rollup) of the launcher, each child JVM and all of
PostgreSQL's processes, then sends SIGINT and reports how long until every one of them is gone.
usage: bench/local-footprint.py <local-stack-exec.jar> <HELPDESK_HOME> <data dir> [JVM options of the launcher...]
Run it twice on the same data directory: the first start records the class-data-sharing archives, the second uses them."""
import os, re, signal, socket, subprocess, sys, time
jar, home, data = sys.argv[1:4]
extra = sys.argv[4:]
def free():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
env = dict(os.environ)
names = ["TICKET_SERVICE_PORT","SLA_SERVICE_PORT","ESCALATION_SERVICE_PORT","BUDGET_SERVICE_PORT","GATEWAY_PORT",
         "HELPDESK_TICKETS_MANAGEMENT_PORT","HELPDESK_SLA_MANAGEMENT_PORT","HELPDESK_ESCALATIONS_MANAGEMENT_PORT",
         "HELPDESK_BUDGETS_MANAGEMENT_PORT","HELPDESK_GATEWAY_MANAGEMENT_PORT","HELPDESK_DB_PORT"]
for n in names: env[n] = str(free())
while True:
    k = free()
    try:
        s = socket.socket(); s.bind(("127.0.0.1", k+1)); s.close(); break
    except OSError: pass
env["HELPDESK_KAFKA_PORT"] = str(k)
env["HELPDESK_DATA_DIR"] = data
env["HELPDESK_HOME"] = home
env["AXONIQ_UPDATE_CHECKER_DISABLED"] = "true"
t0 = time.time()
p = subprocess.Popen(["java"] + extra + ["-jar", jar, "--no-demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
ready = None
for line in p.stdout:
    if True:
        print(f"{time.time()-t0:6.1f} {line.rstrip()}", flush=True)
    if "helpdesk is ready" in line:
        ready = time.time() - t0; break
if ready is None:
    print("NOT READY"); sys.exit(1)
time.sleep(10)
def desc(pid):
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,args="], capture_output=True, text=True).stdout
    rows = [l.split(None, 2) for l in out.strip().splitlines()]
    kids = {}
    for r in rows: kids.setdefault(int(r[1]), []).append((int(r[0]), r[2] if len(r) > 2 else ""))
    res, todo = [], [pid]
    while todo:
        q = todo.pop()
        for c, a in kids.get(q, []): res.append((c, a)); todo.append(c)
    return res
def mem(pid):
    rss = pss = 0
    try:
        for l in open(f"/proc/{pid}/smaps_rollup"):
            if l.startswith("Rss:"): rss = int(l.split()[1])
            if l.startswith("Pss:"): pss = int(l.split()[1])
    except OSError: pass
    return rss // 1024, pss // 1024
def label(a):
    m = re.search(r"([a-z-]+)(?:/app)?\.jar", a)
    if "kafka-broker" in a: return "kafka"
    if "postgres" in a: return "postgres"
    if m: return m.group(1)
    return a[:40]
tot_rss = tot_pss = 0
pg_rss = pg_pss = 0
procs = [(p.pid, "launcher")] + desc(p.pid)
out = subprocess.run(["ps", "-e", "-o", "pid=,args="], capture_output=True, text=True).stdout
for l in out.strip().splitlines():
    q, a = l.strip().split(None, 1)
    if "postgres" in a and "-D" in a and data in a:
        procs += [(int(q), "postgres")] + [(c, "postgres") for c, _ in desc(int(q))]
for pid, a in procs:
    r, s = mem(pid)
    tot_rss += r; tot_pss += s
    l = a if a == "launcher" else label(a)
    if l == "postgres": pg_rss += r; pg_pss += s; continue
    print(f"  {l:22s} rss {r:5d} MB  pss {s:5d} MB")
print(f"  {'postgres (all)':22s} rss {pg_rss:5d} MB  pss {pg_pss:5d} MB")
print(f"READY {ready:.1f} s; total rss {tot_rss} MB, pss {tot_pss} MB; load {os.getloadavg()}")
pids = [x[0] for x in procs]
t1 = time.time()
p.send_signal(signal.SIGINT)
while time.time() - t1 < 120:
    alive = [q for q in pids if os.path.exists(f"/proc/{q}") and "zombie" not in open(f"/proc/{q}/status").read()]
    if not alive: break
    time.sleep(0.2)
print(f"stopped in {time.time()-t1:.1f} s, alive: {alive}")
p.wait(timeout=30)
