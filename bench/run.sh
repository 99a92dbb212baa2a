#!/usr/bin/env bash
# The performance table: every figure with its baseline measured in the same run, medians (p50) and p99 where a
# distribution makes sense, ratios to the baseline, and the goal each figure is held to. The figures that depend
# on where javac runs are measured once per compile mode (1@inprocess, 1@host, ...).
#
# Usage: bench/run.sh [--compare] [--accept] [--modes "inprocess host"] [--baseline FILE] [--from RUN.tsv] [JAVA_HOME]
#   (builds first if needed; about 10 minutes for both modes)
#   --compare    also compare with the baseline run (bench/baseline.tsv): old and new side by side, and exit 1
#                when a ratio figure is more than 25% worse than there
#   --accept     make this run the baseline and write its table into README.md
#   --from FILE  do not measure: take the results of an earlier run (the file this script writes,
#                bench/target/last-run.tsv)
#   JAVA_HOME    the target's JDK (default: the java on PATH)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/report.sh"
compare=false accept=false from="" baseline="$here/baseline.tsv" modes="inprocess host" args=()
while (($#)); do
  case $1 in
    --compare) compare=true ;;
    --accept) accept=true ;;
    --from) from=$2; shift ;;
    --baseline) baseline=$2; shift ;;
    --modes) modes=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [[ -z $from ]]; then
  results="$here/target/last-run.tsv"
  mkdir -p "$here/target"
  "$here/measure.sh" "$modes" "${args[@]}" > "$results.new"
  mv "$results.new" "$results"
else
  [[ -f $from ]] || { echo "bench/run.sh: no results file $from" >&2; exit 2; }
  results=$from
fi

bench_table "$results"
status=0
if $compare; then
  [[ -f $baseline ]] || { echo "bench/run.sh: no baseline $baseline to compare with (bench/run.sh --accept makes one)" >&2; exit 2; }
  echo
  bench_compare "$baseline" "$results" || status=1
fi
if $accept; then
  cp "$results" "$baseline"
  bench_readme "$baseline" "$here/../README.md"
  echo "accepted as the baseline ($baseline); README.md's table rewritten from it" >&2
fi
exit $status
