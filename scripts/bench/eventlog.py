#!/usr/bin/env python3
"""Per-job and per-step figures from a Spark event log (a benchmark aid, not a test).

Usage: scripts/bench/eventlog.py EVENT_LOG_DIR [MIN_JOB_SECONDS]
Run a job with event logging on, e.g.
  GRIDLENS_JAVA_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file:/tmp/ev" \
    scripts/gridlens ingest --date 2026-10-31 --input /work/bench-cache/city-300k/input --warehouse /tmp/wh
then: scripts/bench/eventlog.py /tmp/ev
Prints every job longer than MIN_JOB_SECONDS (default 1) with its stages, then the executor CPU
and run time summed per job description (stages set it, e.g. "ingest cdr: ..."; the part before
':' is the key). CPU seconds are far less sensitive than wall time to other load on the machine.
Reads plain or zstd-compressed logs (Spark 4 writes .zstd; needs the zstd command).
"""
import collections
import glob
import json
import subprocess
import sys


def lines(path):
    if path.endswith('.zstd'):
        return subprocess.run(['zstd', '-dc', path], capture_output=True, text=True, check=True).stdout.splitlines()
    with open(path, encoding='utf-8') as f:
        return f.read().splitlines()


def main():
    root = sys.argv[1]
    min_s = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    files = sorted(glob.glob(root + '/*/events*')) or sorted(glob.glob(root + '/*'))
    jobs, stages, stage_key = {}, {}, {}
    cpu, run = collections.Counter(), collections.Counter()
    for path in files:
        for line in lines(path):
            e = json.loads(line)
            ev = e['Event']
            if ev == 'SparkListenerJobStart':
                desc = e.get('Properties', {}).get('spark.job.description') or ''
                jobs[e['Job ID']] = {'start': e['Submission Time'], 'stages': e['Stage IDs'], 'desc': desc}
                for s in e['Stage IDs']:
                    stage_key[s] = desc.split(':')[0] or '(no description)'
            elif ev == 'SparkListenerJobEnd':
                jobs[e['Job ID']]['end'] = e['Completion Time']
            elif ev == 'SparkListenerStageCompleted':
                s = e['Stage Info']
                if 'Submission Time' in s:
                    stages[s['Stage ID']] = ((s['Completion Time'] - s['Submission Time']) / 1000, s['Number of Tasks'])
            elif ev == 'SparkListenerTaskEnd' and e.get('Task Metrics'):
                m, k = e['Task Metrics'], stage_key.get(e['Stage ID'], '(no description)')
                cpu[k] += m['Executor CPU Time'] / 1e9
                run[k] += m['Executor Run Time'] / 1e3
    for j, v in sorted(jobs.items()):
        d = (v.get('end', v['start']) - v['start']) / 1000
        if d < min_s:
            continue
        print(f"job {j:4d} {d:7.1f} s  {v['desc'][:70]}")
        for s in v['stages']:
            if s in stages:
                print(f"           stage {s:4d} {stages[s][0]:7.1f} s, {stages[s][1]} tasks")
    print(f"\nexecutor time per step: total CPU {sum(cpu.values()):.1f} s, run {sum(run.values()):.1f} s")
    for k in sorted(cpu, key=lambda k: -cpu[k]):
        print(f"  {k:40s} CPU {cpu[k]:7.1f} s  run {run[k]:7.1f} s")


if __name__ == '__main__':
    main()
