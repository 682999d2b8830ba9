# CPU time of a server: user + system clock ticks of a process and all its descendants (every
# thread is counted in its process's /proc/PID/stat; Kamailio's children are separate processes).
# Sourced by bench/run.sh.

# descendants PID: PID and every process below it, one per line.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while (q != "" && q != root && q in parent && q != parent[q]) q = parent[q]; if (q == root) print p } }'
}

# cpu_ticks PID: utime + stime (fields 14 and 15 of /proc/PID/stat) summed over the tree.
cpu_ticks() {
  local total=0 p rest
  for p in $(descendants "$1"); do
    rest=$(cat /proc/"$p"/stat 2>/dev/null) || continue
    rest=${rest##*) }  # the command name may hold spaces: fields restart after ')'
    set -- $rest       # $1 is field 3 (state), so utime is $12 and stime $13
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
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
