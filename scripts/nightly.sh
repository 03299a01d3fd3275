#!/usr/bin/env bash
# Nightly entry point for cron or any scheduler: runs `gridlens nightly` for one date with one log
# file per run and passes the exit code through (0 success, 3 bad input, 4 bad configuration,
# 5 failed stage or gate, 6 locked, 1 unexpected; see docs/operations.md).
#
#   scripts/nightly.sh [--date YYYY-MM-DD] [any other nightly option: --force --from STAGE --conf ...]
#
# The date defaults to yesterday (UTC unless TZ is set). Logs go to $GRIDLENS_LOGS (default
# <repo>/logs) as gridlens-<date>-<timestamp>.log; logs older than $GRIDLENS_LOG_RETENTION_DAYS
# (default 30) are deleted. Old runs' warehouse outputs are deleted by nightly itself after a
# successful run, per run.retention_days in the configuration (the last good run always stays).
# Run it through spark-submit instead of embedded Spark with GRIDLENS_SUBMIT=1 (see scripts/submit.sh).
# Example crontab line (02:30 every night):
#   30 2 * * * /opt/gridlens/scripts/nightly.sh >/dev/null 2>&1
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=$(cd "$here/.." && pwd)

date_arg=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --date) date_arg="${2:-}"; shift 2 || { echo "nightly.sh: --date needs a value" >&2; exit 2; } ;;
    --date=*) date_arg="${1#--date=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -z "$date_arg" ]; then
  date_arg=$(date -d yesterday +%F)
fi
if ! [[ "$date_arg" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "nightly.sh: bad --date '$date_arg' (expected YYYY-MM-DD)" >&2
  exit 2
fi

logs="${GRIDLENS_LOGS:-$home/logs}"
mkdir -p "$logs" || { echo "nightly.sh: cannot create log folder $logs" >&2; exit 1; }
log="$logs/gridlens-$date_arg-$(date -u +%Y%m%dT%H%M%SZ).log"

# Spark and GridLens log to stderr; keep stdout too, so the log file is the whole story
cd "$home"
(
  echo "nightly.sh: date $date_arg, host $(hostname), pid $$, started $(date -u +%FT%TZ), args: ${args[*]:-}"
  if [ "${GRIDLENS_SUBMIT:-0}" = "1" ]; then
    "$here/submit.sh" nightly --date "$date_arg" "${args[@]}"
  else
    "$here/gridlens" nightly --date "$date_arg" "${args[@]}"
  fi
  rc=$?
  echo "nightly.sh: finished $(date -u +%FT%TZ) with exit code $rc"
  exit $rc
) >"$log" 2>&1
rc=$?

keep_days="${GRIDLENS_LOG_RETENTION_DAYS:-30}"
if [ "$keep_days" -gt 0 ] 2>/dev/null; then
  find "$logs" -maxdepth 1 -name 'gridlens-*.log' -type f -mtime +"$keep_days" -delete 2>/dev/null || true
fi
if [ $rc -ne 0 ]; then
  echo "nightly.sh: nightly $date_arg failed with exit code $rc; log: $log" >&2
  tail -n 5 "$log" >&2
fi
exit $rc
