#!/usr/bin/env bash
# Benchmark of `gridlens generate`: builds the shared benchmark cities (seed 42, 3 months, end date
# 2026-10-31) into $BENCH_CACHE/city-100k, city-300k, city-1m, skipping sizes that already exist,
# and prints one markdown table row per size: wall time, rows, size, and the ratio to a baseline
# (gzip -6 of the same uncompressed bytes on one core: the least any writer of these files pays).
# Usage: scripts/bench/generate.sh [sizes...]   e.g. scripts/bench/generate.sh 100k 300k 1m
# Env: BENCH_CACHE (default /work/bench-cache), GRIDLENS_HEAP (default 3g; 6g for 1m).
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=${BENCH_CACHE:-/work/bench-cache}
mkdir -p "$CACHE"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100k 300k 1m)
for s in "${sizes[@]}"; do
  case $s in
    100k) n=100000 ;; 300k) n=300000 ;; 1m) n=1000000 ;; *) echo "unknown size $s" >&2; exit 2 ;;
  esac
  out="$CACHE/city-$s"
  if [ -d "$out/truth" ]; then
    echo "city-$s exists, skipped" >&2
    continue
  fi
  if [ "$s" = 1m ]; then
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l > 2.5) }'; then
      echo "load $load > 2.5: not running the 1M benchmark now" >&2
      continue
    fi
  fi
  heap=${GRIDLENS_HEAP:-$([ "$s" = 1m ] && echo 6g || echo 3g)}
  log="$CACHE/city-$s.generate.log"
  cmd="GRIDLENS_HEAP=$heap scripts/gridlens generate --customers $n --months 3 --seed 42 --end-date 2026-10-31 --out $out"
  t0=$(date +%s.%N)
  GRIDLENS_HEAP=$heap scripts/gridlens generate --customers "$n" --months 3 --seed 42 --end-date 2026-10-31 \
    --out "$out" > "$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  t1=$(date +%s.%N)
  b0=$(date +%s.%N)
  cat "$out"/input/*/*.gz | gzip -dc | gzip -6 > /dev/null
  b1=$(date +%s.%N)
  gen=$(echo "$t1 - $t0" | bc)
  base=$(echo "$b1 - $b0" | bc)
  rows=$(grep -o 'rows per extract {[^}]*}' "$log" | tail -1 | sed 's/rows per extract //')
  size=$(du -sh "$out/input" | cut -f1)
  printf '| %s | %.0f s | %.0f s | %.2f | %s | %s | `%s` |\n' "city-$s" "$gen" "$base" \
    "$(echo "$gen / $base" | bc -l)" "$size" "$rows" "$cmd"
done
