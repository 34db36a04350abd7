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
# every port the launcher opens or hands out (StackConfig), all distinct: Kafka's controller takes HELPDESK_KAFKA_PORT + 1
names = ["HELPDESK_TICKETS_PORT","HELPDESK_SLA_PORT","HELPDESK_ESCALATIONS_PORT","HELPDESK_BUDGETS_PORT","HELPDESK_WEBHOOKS_PORT",
         "HELPDESK_NOTIFICATIONS_PORT","HELPDESK_GATEWAY_PORT",
         "HELPDESK_TICKETS_MANAGEMENT_PORT","HELPDESK_SLA_MANAGEMENT_PORT","HELPDESK_ESCALATIONS_MANAGEMENT_PORT",
         "HELPDESK_BUDGETS_MANAGEMENT_PORT","HELPDESK_WEBHOOKS_MANAGEMENT_PORT","HELPDESK_NOTIFICATIONS_MANAGEMENT_PORT",
         "HELPDESK_GATEWAY_MANAGEMENT_PORT","HELPDESK_DB_PORT","HELPDESK_MAILBOX_SMTP_PORT","HELPDESK_MAILBOX_PORT"]
taken = set()
def distinct(width=1):
    while True:
        p = free()
        if any(q in taken for q in range(p, p + width)): continue
        try:
            for q in range(p + 1, p + width):
                s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        except OSError: continue
        taken.update(range(p, p + width)); return p
for n in names: env[n] = str(distinct())
env["HELPDESK_KAFKA_PORT"] = str(distinct(2))
env["HELPDESK_DATA_DIR"] = data
env["HELPDESK_HOME"] = home
env["AXONIQ_UPDATE_CHECKER_DISABLED"] = "true"
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
def processes(pid):
    procs = [(pid, "launcher")] + [(c, label(a)) for c, a in desc(pid)]
    out = subprocess.run(["ps", "-e", "-o", "pid=,args="], capture_output=True, text=True).stdout
    for l in out.strip().splitlines():
        q, a = l.strip().split(None, 1)
        if "postgres" in a and "-D" in a and data in a:
            procs += [(int(q), "postgres")] + [(c, "postgres") for c, _ in desc(int(q))]
    return procs
def cpu(pid):
    """user + system CPU seconds the process has used so far"""
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError): return 0.0
print(f"load at start {os.getloadavg()}", flush=True)
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
load_at_ready = os.getloadavg()
used = {}
for pid, l in processes(p.pid):
    used[l] = used.get(l, 0.0) + cpu(pid)
print("CPU s at ready: " + ", ".join(f"{l} {c:.1f}" for l, c in sorted(used.items(), key=lambda x: -x[1]))
      + f"; total {sum(used.values()):.1f}; load at ready {load_at_ready}")
time.sleep(10)
tot_rss = tot_pss = 0
pg_rss = pg_pss = 0
procs = processes(p.pid)
for pid, l in procs:
    r, s = mem(pid)
    tot_rss += r; tot_pss += s
    if l == "postgres": pg_rss += r; pg_pss += s; continue
    print(f"  {l:22s} rss {r:5d} MB  pss {s:5d} MB")
print(f"  {'postgres (all)':22s} rss {pg_rss:5d} MB  pss {pg_pss:5d} MB")
print(f"READY {ready:.1f} s; total rss {tot_rss} MB, pss {tot_pss} MB; load {os.getloadavg()}")
pids = [x[0] for x in procs]
t1 = time.time()
p.send_signal(signal.SIGINT)
def running(q):
    try:
        return "zombie" not in open(f"/proc/{q}/status").read()
    except OSError:  # gone between the listing and the read
        return False
while time.time() - t1 < 120:
    alive = [q for q in pids if running(q)]
    if not alive: break
    time.sleep(0.2)
print(f"stopped in {time.time()-t1:.1f} s, alive: {alive}")
p.wait(timeout=30)
