"""The M/M/c model of test/bench/sim-vs-simpy.bench.ts in SimPy 3, for a side-by-side speed
comparison. Written the way the SimPy documentation models a bank: a Resource with c slots, one
process per customer, statistics as running sums (mean wait and time in system).

Usage: /usr/bin/python3 simpy_mmc.py RATE_PER_SEC MEAN_SERVICE_MS SERVERS JOBS SEED
Prints one JSON object: jobs, seconds (wall), mean wait and time in system (ms).
"""
import json
import random
import sys
import time

import simpy


def main():
    rate_per_sec, mean_ms, servers, jobs, seed = sys.argv[1:6]
    rate = float(rate_per_sec) / 1000.0  # per ms
    mean = float(mean_ms)
    servers = int(servers)
    jobs = int(jobs)
    rng = random.Random(int(seed))
    env = simpy.Environment()
    station = simpy.Resource(env, capacity=servers)
    stats = {"done": 0, "wait": 0.0, "system": 0.0}

    def job(env):
        arrived = env.now
        with station.request() as slot:
            yield slot
            stats["wait"] += env.now - arrived
            yield env.timeout(rng.expovariate(1.0 / mean))
        stats["system"] += env.now - arrived
        stats["done"] += 1

    def source(env):
        for _ in range(jobs):
            yield env.timeout(rng.expovariate(rate))
            env.process(job(env))

    env.process(source(env))
    started = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - started
    done = stats["done"]
    print(json.dumps({
        "jobs": done,
        "seconds": seconds,
        "meanWaitMs": stats["wait"] / done,
        "meanTimeInSystemMs": stats["system"] / done,
    }))


if __name__ == "__main__":
    main()
