#!/usr/bin/env python3
# Compares whole winfleet commands run by two or more launchers (e.g. main's ./winfleet against a
# branch's), JVM start included, as a user or CI runs them: N rounds, each runs every launcher once,
# alternating which goes first; prints the median and minimum wall and CPU (user + system of the
# child) per launcher, and the load average. CPU is the steadier figure on a shared machine.
#
#   bench/command-ab.py N "ARGS" LABEL=LAUNCHER LABEL=LAUNCHER...
#   bench/command-ab.py 10 "releases" main=/path/to/main/winfleet new=./winfleet
# Run each launcher once first (e.g. --version), so that it builds its jar and class-data archive.
import resource
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 4:
    sys.exit(__doc__ or "usage: command-ab.py N ARGS LABEL=LAUNCHER LABEL=LAUNCHER...")
rounds = int(sys.argv[1])
args = sys.argv[2].split()
contenders = [c.split("=", 1) for c in sys.argv[3:]]
results = {label: ([], []) for label, _ in contenders}
for i in range(rounds):
    for label, launcher in contenders if i % 2 == 0 else contenders[::-1]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        code = subprocess.run([launcher] + args, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
        wall = (time.monotonic() - start) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if code not in (0, 1):
            sys.exit(f"{label}: {launcher} {' '.join(args)} exited with {code}")
        cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
        results[label][0].append(wall)
        results[label][1].append(cpu)
for label, (wall, cpu) in results.items():
    print(f"{label}: wall median {statistics.median(wall):.0f} ms (min {min(wall):.0f}), "
          f"CPU median {statistics.median(cpu):.0f} ms (min {min(cpu):.0f}), {rounds} runs")
print("load", " ".join(open("/proc/loadavg").read().split()[:3]))
