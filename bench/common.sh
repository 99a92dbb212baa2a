# Shared by the bench scripts (source it): builds if needed, picks the target JDK, gives a scratch directory
# and a median. Sets java_home (the first argument, else the JDK on PATH) and work (removed on exit, after
# the script's own clean-up, which it sets with: cleanup='...').
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[1]}")/.."
./hotline --version >/dev/null
java_home="${1:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="$(mktemp -d)"
cleanup=":"
trap 'eval "$cleanup"; rm -rf "$work"' EXIT

# Median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
