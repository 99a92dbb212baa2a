# The bench's results file and what is made from it (source it). A results file is tab-separated, one figure a
# line, after comment lines (# target: ...):
#
#   id  figure  measured  baseline  ratio  better  goal  verdict
#
# id names the figure across runs (2b@host); measured and baseline are text for people; ratio is the figure
# over its baseline from the same run (empty when it has none), the number --compare holds to account, and
# better says which way is good (lower or higher); goal and verdict (met, missed, or empty) are text.

# The most a ratio figure may worsen against the baseline run before --compare fails.
REGRESSION_LIMIT=1.25

# bench_row FILE ID FIGURE MEASURED BASELINE RATIO BETTER GOAL VERDICT: appends one figure to FILE.
bench_row() {
  local file=$1; shift
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$file"
}

# bench_table FILE: the figures as a Markdown table, after the file's comment lines as plain text.
bench_table() {
  awk -F'\t' '
    /^#/ { sub(/^# ?/, ""); print; print ""; next }
    !header++ { print "| figure | measured | baseline (same run) | ratio | goal | |"; print "|---|---|---|---|---|---|" }
    { printf "| %s. %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, ($5 == "" ? "" : $5 "×"), $7, $8 }
  ' "$1"
}

# bench_compare OLD NEW: the two runs side by side; fails when a ratio figure of NEW is more than
# REGRESSION_LIMIT times worse than in OLD. Figures in only one of them are listed, never failed.
bench_compare() {
  awk -F'\t' -v limit="$REGRESSION_LIMIT" '
    FNR == 1 { file++ }
    /^#/ { if (file == 1) oldhead = oldhead $0 "\n"; else newhead = newhead $0 "\n"; next }
    file == 1 { old[$1] = $3; oldratio[$1] = $5; next }
    {
      ids[++n] = $1; fig[$1] = $2; new[$1] = $3; newratio[$1] = $5; better[$1] = $6; seen[$1] = 1
    }
    END {
      printf "baseline run:\n%sthis run:\n%s\n", oldhead, newhead
      print "| figure | baseline run | ratio | this run | ratio | change |"
      print "|---|---|---|---|---|---|"
      worse = 0
      for (i = 1; i <= n; i++) {
        id = ids[i]; change = ""
        if (!(id in old)) { change = "new figure" }
        else if (oldratio[id] != "" && newratio[id] != "" && oldratio[id] > 0 && newratio[id] > 0) {
          factor = better[id] == "higher" ? oldratio[id] / newratio[id] : newratio[id] / oldratio[id]
          change = sprintf("%.2f× %s", factor, factor > limit ? "WORSE" : "ok")
          if (factor > limit) worse++
        }
        printf "| %s. %s | %s | %s | %s | %s | %s |\n", id, fig[id], old[id], oldratio[id], new[id], newratio[id], change
      }
      for (id in old) if (!(id in seen)) printf "| %s | %s | %s | (not measured) | | gone |\n", id, old[id], oldratio[id]
      if (worse) { printf "\n%d ratio figure(s) more than %.0f%% worse than the baseline run\n", worse, (limit - 1) * 100; exit 1 }
      printf "\nno ratio figure more than %.0f%% worse than the baseline run\n", (limit - 1) * 100
    }
  ' "$1" "$2"
}

# bench_readme FILE README: replaces the table between README's bench markers with FILE's.
bench_readme() {
  local table; table="$(bench_table "$1")"
  awk -v table="$table" '
    /<!-- bench table: begin/ { print; print table; skip = 1; next }
    /<!-- bench table: end/ { skip = 0 }
    !skip { print }
  ' "$2" > "$2.new" && mv "$2.new" "$2"
}
