# shellcheck shell=bash
# Start a throw-away PostgreSQL server for the test suite (sourced by .ci/run).
# Installs Debian's postgresql package when no server binaries are present (CI runs as root on Debian 12).
pg_bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
if [ -z "$pg_bin" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "ci: installing PostgreSQL from Debian packages ..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
fi
if [ -n "$pg_bin" ]; then
  pgdata=$(mktemp -d /tmp/opendata-pg.XXXXXX)
  pgport=${OPENDATA_PG_PORT:-55432}
  run_as=""
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd -r -m postgres
    chown postgres "$pgdata"; run_as="runuser -u postgres --"
  fi
  $run_as "$pg_bin/initdb" -D "$pgdata" -U opendata --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  $run_as "$pg_bin/pg_ctl" -D "$pgdata" -o "-p $pgport -k $pgdata -h 127.0.0.1" -l "$pgdata/log" -w start >/dev/null
  $run_as "$pg_bin/createdb" -h 127.0.0.1 -p "$pgport" -U opendata opendata_test
  export OPENDATA_TEST_DATABASE_URL="postgresql+psycopg://opendata@127.0.0.1:$pgport/opendata_test"
  echo "ci: PostgreSQL running on 127.0.0.1:$pgport ($OPENDATA_TEST_DATABASE_URL)"
  trap '$run_as "$pg_bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true' EXIT
else
  echo "ci: no PostgreSQL available; PostgreSQL tests will be skipped (visibly)"
fi
