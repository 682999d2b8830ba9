# bench/run.sh memory: sipline's resident memory with 1M htable items of 16-byte keys and
# integer (8-byte) values, loaded at start from SQLite; compared with the same daemon and an
# empty table. Sourced by bench/run.sh (inside the namespace, in $work).
entries=${MEMORY_ENTRIES:-1000000}

# make_db ROWS: Kamailio's htable schema; keys "key-000000000042" (16 bytes), value_type 1.
make_db() {
  rm -f "$work/htable.db"
  sqlite3 "$work/htable.db" <<SQL
CREATE TABLE htable (id INTEGER PRIMARY KEY NOT NULL, key_name VARCHAR(64) DEFAULT '' NOT NULL,
  key_type INTEGER DEFAULT 0 NOT NULL, value_type INTEGER DEFAULT 0 NOT NULL,
  key_value VARCHAR(128) DEFAULT '' NOT NULL, expires INTEGER DEFAULT 0 NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $1)
INSERT INTO htable (key_name, value_type, key_value)
  SELECT printf('key-%012d', i), 1, CAST(1000000000000 + i AS TEXT) FROM n WHERE i < $1;
SQL
}

# loaded_rss ROWS: starts sipline on a table of ROWS items, checks they are all there, and sets
# rss_kib_now to the daemon's RSS. (No $(...) around it: the daemon must stay this shell's child,
# so run.sh's exit trap stops it whatever happens.)
loaded_rss() {
  make_db "$1"
  start_sipline "$bench/memory.toml" 1
  local items
  items=$("$build/daemon/siplinectl/siplinectl" --socket "$work/sipline.sock" --json htable.stats |
    grep -o '"all": *[0-9]*' | grep -o '[0-9]*$')
  [ "$items" = "$1" ] || { echo "bench: htable holds ${items:-?} items, expected $1" >&2; exit 1; }
  sleep 1
  rss_kib_now=$(rss_kib "$server_pid")
  stop_server
}

loaded_rss 0
empty=$rss_kib_now
loaded_rss "$entries"
full=$rss_kib_now
echo "| figure | value |"
echo "|---|---|"
echo "| sipline RSS, empty table (16384 slots) | $((empty / 1024)) MiB |"
echo "| sipline RSS, $entries items (16-byte keys, integer values) | $((full / 1024)) MiB |"
echo "| per item | $(( (full - empty) * 1024 / entries )) bytes |"
