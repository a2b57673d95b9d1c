"""Interleaved timing. Usage: measure.py ROUNDS WARMUP OUT.json NAME CMD [NAME CMD ...] (CMD split with
shlex, no shell). Each round runs every command once, the order rotated by one per round; standard
output to /dev/null. Wall time, and user+system CPU time of the command and its children."""
import json, os, resource, shlex, statistics, subprocess, sys, time

rounds, warmup, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
commands = [(sys.argv[i], shlex.split(sys.argv[i + 1])) for i in range(4, len(sys.argv), 2)]
results = {name: {"command": " ".join(argv), "wall": [], "cpu": []} for name, argv in commands}
load = [os.getloadavg()[0]]
for r in range(warmup + rounds):
    shift = r % len(commands)
    for name, argv in commands[shift:] + commands[:shift]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.exit(f"measure: {name} exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
        if r >= warmup:
            results[name]["wall"].append(wall)
            results[name]["cpu"].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
load.append(os.getloadavg()[0])
for r in results.values():
    r["wall_median"], r["cpu_median"] = statistics.median(r["wall"]), statistics.median(r["cpu"])
json.dump({"loadavg_1min": load, "results": results}, open(out, "w"), indent=1)
for name, r in results.items():
    print(f"  {name:14} wall median {r['wall_median'] * 1000:6.0f} ms (min {min(r['wall']) * 1000:.0f}, "
          f"max {max(r['wall']) * 1000:.0f})  cpu median {r['cpu_median'] * 1000:6.0f} ms", file=sys.stderr)
