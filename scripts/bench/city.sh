#!/usr/bin/env bash
# City-scale benchmark (issue 10): `nightly` end to end on the benchmark cities (100k, 300k, 1M
# customers, three months, made by scripts/bench/generate.sh and cached in $BENCH_CACHE), each
# followed in the same script by the floor Spark itself sets on the same data
# (CityFloorBenchmark: a plain CSV -> Parquet read of the extracts, and a plain scan-and-aggregate
# of the clean datasets the run published). Per stage it reports wall time, rows/s, driver heap
# (peak used, peak after GC), process RSS, shuffle bytes written and GC time, all read from the run
# manifest (ResourceMonitor); per city the whole run's wall time and peak RSS (/usr/bin/time), the
# floor and the ratio; across cities the exponent of a log-log fit of each stage's time against
# the number of customers. A benchmark, not a test: nothing here asserts.
# Usage: scripts/bench/city.sh [sizes...]     e.g. scripts/bench/city.sh 100k 300k 1m
# Env: BENCH_CACHE (default /work/bench-cache), BENCH_WORK (default target/bench/city),
#      GRIDLENS_HEAP (default 8g: the issue's bound on the driver heap), GRIDLENS_MASTER (local[*]),
#      CITY_REPORT_ONLY=1 (print the tables of the runs already in BENCH_WORK, run nothing).
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${BENCH_CACHE:-/work/bench-cache}
WORK=${BENCH_WORK:-target/bench/city}
HEAP=${GRIDLENS_HEAP:-8g}
DATE=2026-10-31
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100k 300k 1m)
if [ -z "${CITY_REPORT_ONLY:-}" ]; then
for s in "${sizes[@]}"; do
  [ -f "$CACHE/city-$s/truth/README.md" ] || scripts/bench/generate.sh "$s"
done
source scripts/lib/build.sh
source scripts/lib/jvm-flags.sh
# build first: a rebuild cleans target/, where the work folder is by default
gridlens_build
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
mvn -B -q -o -pl pipeline test-compile
CP_FILE=pipeline/target/bench-classpath.txt
[ -f "$CP_FILE" ] || mvn -B -q -o -pl pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE"
export SPARK_LOCAL_IP=127.0.0.1
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "versions: $(java -version 2>&1 | head -1), Spark $(basename "$(tr ':' '\n' < "$CP_FILE" | grep -m1 'spark-core')" | sed 's/spark-core_2.13-//; s/.jar//'), GridLens $(git rev-parse --short HEAD)"
  echo "date: $(date -u +%FT%TZ); heap -Xmx$HEAP; master ${GRIDLENS_MASTER:-local[*]}"
} | tee "$WORK/machine.txt"
for s in "${sizes[@]}"; do
  city="$CACHE/city-$s"
  out="$WORK/city-$s"
  rm -rf "$out"
  mkdir -p "$out"
  echo "== city-$s: nightly" >&2
  /usr/bin/time -v -o "$out/time.txt" env GRIDLENS_HEAP="$HEAP" scripts/gridlens nightly --date "$DATE" \
    --input "$city/input" --warehouse "$out/warehouse" --exports "$out/exports" > "$out/nightly.log" 2>&1 \
    || { tail -30 "$out/nightly.log" >&2; exit 1; }
  echo "== city-$s: floor" >&2
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$out/floor-time.txt" java -Xmx"$HEAP" $SPARK_JVM_FLAGS \
    -Dspark.master="${GRIDLENS_MASTER:-local[*]}" -Dspark.driver.bindAddress=127.0.0.1 -Dspark.driver.host=127.0.0.1 \
    -Dspark.ui.enabled=false -Dspark.ui.showConsoleProgress=false \
    -Dlog4j2.configurationFile="$PWD/pipeline/src/test/resources/log4j2-test.properties" \
    -cp "pipeline/target/classes:pipeline/target/test-classes:$(cat "$CP_FILE")" \
    org.gridlens.pipeline.run.CityFloorBenchmark "$city/input" "$out/warehouse" "$out/floor" "$DATE" \
    > "$out/floor.log" 2>&1 || { tail -30 "$out/floor.log" >&2; exit 1; }
  rm -rf "$out/floor"
done
fi
python3 - "$WORK" "$DATE" "${sizes[@]}" <<'EOF'
import datetime, json, math, re, sys
work, date, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]
customers = {'100k': 1e5, '300k': 3e5, '1m': 1e6}

def time_v(path):
    t = open(path).read()
    wall = re.search(r'Elapsed \(wall clock\) time.*: (.*)', t).group(1).strip().split(':')
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    rss = int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', t).group(1)) * 1024
    return secs, rss

def gb(b):
    return '—' if b is None else f'{b / 2**30:.2f}'

def mb(b):
    return '—' if b is None else f'{b / 2**20:,.0f}'

per_stage = {}
print()
for s in sizes:
    m = json.load(open(f'{work}/city-{s}/warehouse/_runs/{date}.json'))
    wall, rss = time_v(f'{work}/city-{s}/time.txt')
    floor = {}
    for line in open(f'{work}/city-{s}/floor.log'):
        if line.startswith('FLOOR '):
            _, name, secs, rows = line.split()
            floor[name] = (float(secs), int(rows))
    fsum = sum(v[0] for v in floor.values())
    stages = sum(st['seconds'] for st in m['stages'])
    t0 = min(datetime.datetime.fromisoformat(st['started_at'].replace('Z', '+00:00')) for st in m['stages'])
    print(f'### city-{s}: nightly {wall:.0f} s wall ({stages:.0f} s summed over stages, which overlap), peak RSS {gb(rss)} GiB; '
          f'floor {fsum:.0f} s (convert {floor["convert"][0]:.0f} s for {floor["convert"][1]:,} rows, '
          f'aggregate {floor["aggregate"][0]:.0f} s for {floor["aggregate"][1]:,} rows); '
          f'**nightly / floor = {wall / fsum:.2f}**\n')
    print('| stage | starts at s | s | rows in | rows/s | driver heap peak GiB | heap after GC GiB | RSS GiB | shuffle written MB | spill MB | task s | GC s (driver) |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for st in m['stages']:
        r = st.get('resources') or {}
        rows_in = sum((st.get('input_rows') or {}).values())
        secs = st['seconds']
        per_stage.setdefault(st['name'], {})[s] = secs
        start = (datetime.datetime.fromisoformat(st['started_at'].replace('Z', '+00:00')) - t0).total_seconds()
        print(f"| {st['name']} | {start:.1f} | {secs:.1f} | {rows_in:,} | {rows_in / secs:,.0f} | {gb(r.get('driver_peak_heap_bytes'))} | "
              f"{gb(r.get('driver_peak_heap_after_gc_bytes'))} | {gb(r.get('driver_peak_rss_bytes'))} | "
              f"{mb(r.get('shuffle_write_bytes'))} | {mb(r.get('spill_bytes'))} | {r.get('task_seconds', 0):.0f} | "
              f"{r.get('driver_gc_seconds', 0):.1f} |")
    per_stage.setdefault('(whole run, wall)', {})[s] = wall
    per_stage.setdefault('(floor)', {})[s] = fsum
    print()
fit = [s for s in sizes if s in customers]
if len(fit) >= 2:
    print('growth: exponent b of a least-squares fit time = a * customers^b over ' + ', '.join(fit) + '\n')
    print('| stage | ' + ' | '.join(f'{s} s' for s in fit) + ' | b |')
    print('|---|' + '---:|' * (len(fit) + 1))
    for name, t in per_stage.items():
        xs = [math.log(customers[s]) for s in fit if t.get(s)]
        ys = [math.log(t[s]) for s in fit if t.get(s)]
        if len(xs) < 2:
            continue
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print(f'| {name} | ' + ' | '.join(f'{t.get(s, float("nan")):.1f}' for s in fit) + f' | {b:.2f} |')
EOF
