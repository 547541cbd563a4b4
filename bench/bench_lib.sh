# shellcheck shell=bash disable=SC2034  # the TIMED_* and other variables are read by the scripts
# Shell helpers shared by bench/run_e2e.sh, run_campaign.sh, run_oscap.sh, run_micro.sh and
# run_profile.sh. Sourced, not run.

# need_cmd CMD PACKAGE: exits with the apt-get line when CMD is missing.
need_cmd() {
  if ! command -v "$1" >/dev/null 2>&1 && [[ ! -x $1 ]]; then
    echo "${0##*/}: '$1' is missing; install it with: sudo apt-get install $2" >&2
    exit 1
  fi
}

# need_gnu_time: GNU time (/usr/bin/time, for the peak RSS), not the shell keyword.
need_gnu_time() {
  if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    echo "${0##*/}: GNU time (/usr/bin/time) is missing; install it with: sudo apt-get install time" >&2
    exit 1
  fi
}

# median N...: the median of the numbers.
median() {
  printf '%s\n' "$@" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# calc EXPR: awk arithmetic, printed with %.Nf given as the first argument: calc 2 "a / b".
calc() { awk "BEGIN { printf \"%.$1f\", $2 }"; }

# run_timed CMD...: runs CMD with its stdout and stderr to $TIMED_LOG (default /dev/null), and sets
# TIMED_MS (wall time, ms, from the clock around GNU time), TIMED_KIB (peak RSS, KiB: GNU time's
# %M, the largest resident set of the process or of any of its children) and TIMED_CPU_MS (user +
# system CPU time, ms, GNU time's %U + %S: 10 ms resolution). Fails when CMD fails.
run_timed() {
  local rss_file t0 t1 status=0
  rss_file=$(mktemp)
  t0=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$rss_file" "$@" >"${TIMED_LOG:-/dev/null}" 2>&1 || status=$?
  t1=$(date +%s%N)
  TIMED_MS=$(( (t1 - t0) / 1000000 ))
  read -r TIMED_KIB TIMED_CPU_MS < <(tail -n 1 "$rss_file" | awk '{ printf "%s %.0f\n", $1, ($2 + $3) * 1000 }')
  rm -f "$rss_file"
  if ((status != 0)); then
    echo "${0##*/}: failed ($status): $*" >&2
    [[ -n ${TIMED_LOG:-} && -f ${TIMED_LOG:-} ]] && tail -n 20 "$TIMED_LOG" >&2
    return "$status"
  fi
}

# cpu_per_run K CMD...: runs CMD K times in one shell under GNU time and sets CPU_PER_RUN_MS to the
# average user + system time of one run (children included). For short commands, whose CPU time is
# below GNU time's 10 ms resolution when measured one by one.
cpu_per_run() {
  local k=$1 f
  shift
  f=$(mktemp)
  /usr/bin/time -f '%U %S' -o "$f" bash -c 'k=$1; shift; for ((i = 0; i < k; i++)); do "$@" >/dev/null 2>&1 || exit 1; done' _ "$k" "$@"
  CPU_PER_RUN_MS=$(tail -n 1 "$f" | awk -v k="$k" '{ printf "%.1f", ($1 + $2) * 1000 / k }')
  rm -f "$f"
}

# warn_if_busy: the load average says other work is running (timings will be noisy).
warn_if_busy() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" 'BEGIN { exit !(l > 0.7) }'; then
    echo "${0##*/}: warning: load average $load: other work is running, timings will be noisy" >&2
  fi
  BUSY_LOAD=$load
}

# machine_line BUILD_DIR: one line describing the machine and the build.
machine_line() {
  local build=$1 cpu compiler=unknown build_type=unknown cxx
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  if [[ -f $build/CMakeCache.txt ]]; then
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
    cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
    [[ -n $cxx ]] && compiler=$("$cxx" --version | head -n 1)
  fi
  echo "$(nproc) CPUs ($cpu), $(free -m | awk '/^Mem:/ { print $2 }') MiB RAM, $(uname -sr); $compiler, build type $build_type; finished $(date -u "+%Y-%m-%d %H:%M UTC"), load average at start ${BUSY_LOAD:-?}"
}

# pdf_pages FILE: the page count of a PDF (pdfinfo, from poppler-utils).
pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
