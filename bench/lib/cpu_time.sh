# CPU time of a server: the process and all its descendants (Kamailio forks its workers,
# timers and main; sipline's threads are tasks of its one process). Sourced by bench/run.sh.

# descendants PID: PID and every process below it, one per line.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while (q != "" && q != root && q in parent && q != parent[q]) q = parent[q]; if (q == root) print p } }'
}

# cpu_sample PID: "RUNTIME_NS USER_TICKS SYSTEM_TICKS" summed over the tree. The run time is the
# scheduler's own count in nanoseconds (first field of /proc/PID/task/TID/schedstat), exact
# where clock ticks are samples; the ticks (utime and stime, fields 14 and 15 of
# /proc/PID/stat) only tell how it splits between user and kernel. Without schedstat
# (a kernel without CONFIG_SCHED_INFO), the ticks stand in for the run time.
cpu_sample() {
  local runtime=0 user=0 system=0 p rest ns
  for p in $(descendants "$1"); do
    rest=$(cat /proc/"$p"/stat 2>/dev/null) || continue
    rest=${rest##*) }  # the command name may hold spaces: fields restart after ')'
    set -- $rest       # $1 is field 3 (state), so utime is $12 and stime $13
    user=$((user + ${12})) system=$((system + ${13}))
    ns=$(cat /proc/"$p"/task/*/schedstat 2>/dev/null | awk '{ r += $1 } END { printf "%.0f", r }')
    runtime=$((runtime + ${ns:-0}))
  done
  [ -r /proc/self/schedstat ] || runtime=$(( (user + system) * 1000000000 / $(getconf CLK_TCK) ))
  echo "$runtime $user $system"
}

# cpu_counters: "STEAL TOTAL" clock ticks of all CPUs from /proc/stat: the time the hypervisor
# gave to other guests, and all time. A step with much steal ran on a crowded host: its
# figures are slower than the machine is.
cpu_counters() {
  awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print $9, total; exit }' /proc/stat
}

# rss_kib PID: resident memory of the tree (Kamailio's shared memory counted once per process
# that touched it, so only meaningful for sipline's single process).
rss_kib() {
  local total=0 p kib
  for p in $(descendants "$1"); do
    kib=$(awk '/^VmRSS/ {print $2}' /proc/"$p"/status 2>/dev/null) || continue
    total=$((total + ${kib:-0}))
  done
  echo "$total"
}
