#!/usr/bin/env bash
# Installs PostgreSQL and the pgvector extension for the newest installed server major.
# Idempotent: does nothing when pgvector is already installed for that major. Runs as root without
# a terminal (CI). Uses Debian's postgresql-NN-pgvector package where the system's apt sources have
# one (Debian 13, Ubuntu 24.04); otherwise (Debian 12) builds pgvector from Debian's source package
# against postgresql-server-dev-NN, fetched from the mirror the machine's own apt sources name.
set -euo pipefail

# Debian release whose source package is built when the running system has no binary package.
SOURCE_SUITE="${PGVECTOR_SOURCE_SUITE:-trixie}"
export DEBIAN_FRONTEND=noninteractive

say() { echo "setup-pgvector: $*" >&2; }
fail() { say "$*"; exit 1; }

newest_major() {
  ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -n 1 || true
}

has_pgvector() {
  [[ -f "/usr/share/postgresql/$1/extension/vector.control" ]]
}

require_root() {
  [[ "$(id -u)" == 0 ]] || fail "$1 needs root: run it again as root (sudo $0)."
}

APT_UPDATED=""
apt_update_once() {
  if [[ -z "$APT_UPDATED" ]]; then
    say "apt-get update"
    apt-get -q update >&2
    APT_UPDATED=1
  fi
}

apt_install() {
  apt_update_once
  say "apt-get install $*"
  apt-get -q install -y --no-install-recommends "$@" >&2
}

# True when the configured apt sources offer a binary package of that name.
apt_has_package() {
  local candidate
  candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/{print $2}')"
  [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

# The Debian mirror the machine's own apt sources use (deb822 or one-line format), never a host of ours.
debian_mirror() {
  local mirror=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    # The first stanza that is not the security archive.
    mirror="$(awk 'BEGIN{RS=""} !/Suites:[^\n]*-security/ { if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { split(substr($0, RSTART, RLENGTH), f, /[ \t]+/); print f[2]; exit } }' /etc/apt/sources.list.d/debian.sources)"
  fi
  if [[ -z "$mirror" && -f /etc/apt/sources.list ]]; then
    mirror="$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)"
  fi
  [[ -n "$mirror" ]] || fail "could not read a Debian mirror from /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list."
  echo "$mirror"
}

WORK=""
build_from_source() {
  local major="$1" mirror tarball opts
  apt_install "postgresql-server-dev-$major" make gcc libc6-dev
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  local work="$WORK"
  mirror="$(debian_mirror)"
  mkdir -p "$work/lists/partial" "$work/sources"
  # apt downloads as its unprivileged _apt user where that user exists.
  if id _apt >/dev/null 2>&1; then chown -R _apt "$work"; fi
  # A private apt folder: the system's own sources are left untouched.
  echo "deb-src $mirror $SOURCE_SUITE main" > "$work/sources/pgvector.list"
  opts=(-q "-oDir::State::Lists=$work/lists" -oDir::Etc::SourceList=/dev/null "-oDir::Etc::SourceParts=$work/sources")
  say "fetching Debian's pgvector source package ($SOURCE_SUITE) from $mirror"
  apt-get "${opts[@]}" update >&2
  (cd "$work" && apt-get "${opts[@]}" source --download-only pgvector >&2)
  tarball="$(ls "$work"/pgvector_*.orig.tar.* | head -n 1)"
  mkdir "$work/src"
  tar -xf "$tarball" -C "$work/src" --strip-components=1
  say "building $(basename "$tarball") against PostgreSQL $major"
  # OPTFLAGS="" drops -march=native so the library runs on any machine of the architecture.
  make -C "$work/src" -s OPTFLAGS="" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" >&2
  make -C "$work/src" -s OPTFLAGS="" PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" install >&2
}

major="$(newest_major)"
if [[ -n "$major" ]] && has_pgvector "$major"; then
  say "pgvector is already installed for PostgreSQL $major; nothing to do."
  exit 0
fi

if [[ -z "$major" ]]; then
  require_root "Installing PostgreSQL"
  apt_install postgresql
  major="$(newest_major)"
  [[ -n "$major" ]] || fail "PostgreSQL was installed but no server was found in /usr/lib/postgresql."
  if has_pgvector "$major"; then
    say "pgvector is already installed for PostgreSQL $major; nothing to do."
    exit 0
  fi
fi

require_root "Installing pgvector"
say "PostgreSQL $major on Debian $(cat /etc/debian_version 2>/dev/null || echo unknown)"
apt_update_once
if apt_has_package "postgresql-$major-pgvector"; then
  apt_install "postgresql-$major-pgvector"
else
  say "no postgresql-$major-pgvector package in this system's apt sources: building from source"
  build_from_source "$major"
fi

has_pgvector "$major" || fail "pgvector did not install for PostgreSQL $major."
say "pgvector installed for PostgreSQL $major."
