#!/usr/bin/env bash
# Build the project's local base images without any container registry:
# debootstrap a minimal Debian root (bookworm; trixie for Valkey) from the Debian mirror
# this machine's apt already uses, then `docker import` it.
#
#   bash .ci/docker/build-images.sh            # all images
#   bash .ci/docker/build-images.sh redis      # only redis-ha/redis:7
#   bash .ci/docker/build-images.sh jre        # only redis-ha/jre:17
#   bash .ci/docker/build-images.sh valkey     # only redis-ha/valkey:8
#   REDISHA_REBUILD=1 bash .ci/docker/build-images.sh   # ignore image + tarball cache
#
# Images:
#   redis-ha/redis:7  redis-server, redis-sentinel, redis-cli (Debian's redis 7.0)
#   redis-ha/jre:17   openjdk-17-jre-headless, curl, ca-certificates
#   redis-ha/valkey:8 Debian trixie's Valkey 8.1 (valkey-server, valkey-sentinel, valkey-cli), also
#                     as redis-server/redis-sentinel/redis-cli, the names the test kit and
#                     docker-compose.yml start (trixie has no valkey-redis-compat package; symlinks,
#                     as Valkey's own `make install` makes them)
# An image that already exists is not rebuilt. The root-fs tarballs (and the .debs
# debootstrap downloaded) are cached under ${REDISHA_IMAGE_CACHE:-/var/cache/redis-ha-images},
# so re-importing after the docker data root was wiped is fast too.
# Needs a running engine (install-engine.sh). Mirror: REDISHA_DEBIAN_MIRROR overrides
# the one read from /etc/apt/sources.list{,.d/*.list,.d/*.sources}; a suite apt does not list
# (trixie on a bookworm machine) is fetched from the mirror of the machine's own suite.
# Suites: REDISHA_DEBIAN_SUITE (redis, jre; bookworm), REDISHA_VALKEY_DEBIAN_SUITE (valkey; trixie).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap)"
docker_ready || die "docker engine not answering; run .ci/docker/install-engine.sh first"
command -v debootstrap >/dev/null 2>&1 || die "debootstrap missing; run .ci/docker/install-engine.sh first"

# set per image below; build_image and debian_mirror read it
SUITE=

# First Debian mirror URI apt uses for $SUITE itself (not -updates/-security), else the one
# it uses for this machine's own suite: one Debian mirror serves every suite.
debian_mirror() {
  if [ -n "${REDISHA_DEBIAN_MIRROR:-}" ]; then echo "$REDISHA_DEBIAN_MIRROR"; return; fi
  local uri host_suite
  uri=$(apt_mirror_for "$SUITE")
  if [ -z "$uri" ]; then
    host_suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$host_suite" ] && uri=$(apt_mirror_for "$host_suite")
  fi
  [ -n "$uri" ] || die "no apt source for suite $SUITE found in /etc/apt; set REDISHA_DEBIAN_MIRROR"
  echo "$uri"
}

# apt_mirror_for SUITE: the first URI apt lists for exactly SUITE, or nothing
apt_mirror_for() {
  local SUITE=$1 f uri
  shopt -s nullglob
  # one-line format: deb [opts] URI SUITE COMPONENTS...
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    uri=$(awk -v s="$SUITE" '
      $1=="deb" { i=2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                  if ($(i+1)==s) { print $i; exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  # deb822 format: stanzas with Types/URIs/Suites
  for f in /etc/apt/sources.list.d/*.sources; do
    uri=$(awk -v s="$SUITE" '
      function flush() { if (deb && enabled && uri != "" && suites ~ ("(^| )" s "( |$)")) { print uri; found=1; exit } }
      BEGIN { RS=""; FS="\n" }
      { deb=0; enabled=1; uri=""; suites=""
        for (i=1; i<=NF; i++) {
          line=$i; if (line ~ /^#/) continue
          if (line ~ /^Types:/ && line ~ /(^|[ :])deb( |$)/) deb=1
          if (line ~ /^Enabled:[ ]*no/) enabled=0
          if (line ~ /^URIs:/) { sub(/^URIs:[ ]*/, "", line); split(line, u, " "); uri=u[1] }
          if (line ~ /^Suites:/) { sub(/^Suites:[ ]*/, "", line); suites=line }
        }
        flush() }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  return 0
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# build_image TAG CACHE_NAME INCLUDES VERIFY_CMD ROOTFS_HOOK [--change ...]...
# ROOTFS_HOOK: a function run with the root fs directory after debootstrap, or - for none
build_image() {
  local tag=$1 name=$2 includes=$3 verify=$4 hook=$5; shift 5
  local t0; t0=$(now_ms)
  local key tarball recipe="minbase-v1"
  [ "$hook" = - ] || recipe="$recipe|$hook"
  # the recipe's key: a changed package list, suite or hook gives a new tarball and image
  key=$(printf '%s|%s|%s' "$SUITE" "$includes" "$recipe" | sha256sum | cut -c1-12)
  if [ -z "${REDISHA_REBUILD:-}" ] && image_exists "$tag" &&
     [ "$(docker image inspect -f '{{index .Config.Labels "redis-ha.rootfs-key"}}' "$tag")" = "$key" ]; then
    log "$tag already present ($(docker image inspect -f '{{.Size}}' "$tag" | numfmt --to=iec)); skipping [$(elapsed "$t0")]"
    return 0
  fi
  tarball="$REDISHA_IMAGE_CACHE/$name-$SUITE-$key.tar"
  mkdir -p "$REDISHA_IMAGE_CACHE/debs"

  if [ -n "${REDISHA_REBUILD:-}" ] || [ ! -s "$tarball" ]; then
    local mirror root
    mirror=$(debian_mirror)
    root=$(mktemp -d "$REDISHA_IMAGE_CACHE/rootfs-$name.XXXXXX")
    # if debootstrap dies half way it can leave proc/sys mounted in the target
    # shellcheck disable=SC2064
    trap "cleanup_root '$root'" EXIT
    log "debootstrap $SUITE ($includes) from $mirror -> $root"
    if ! debootstrap --variant=minbase --include="$includes" \
          --cache-dir="$REDISHA_IMAGE_CACHE/debs" \
          "$SUITE" "$root" "$mirror" > "$REDISHA_IMAGE_CACHE/$name-debootstrap.log" 2>&1; then
      tail -n 30 "$REDISHA_IMAGE_CACHE/$name-debootstrap.log" >&2
      die "debootstrap failed for $tag (log: $REDISHA_IMAGE_CACHE/$name-debootstrap.log)"
    fi
    log "debootstrap done [$(elapsed "$t0")]"
    [ "$hook" = - ] || "$hook" "$root"
    # slim down: apt lists/caches, docs, man pages
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
           "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
           "$root"/usr/share/info/* "$root"/var/log/*.log "$root"/var/log/apt/* \
           "$root"/tmp/* "$root"/var/tmp/*
    # apt inside the image should use the same mirror
    echo "deb $mirror $SUITE main" > "$root/etc/apt/sources.list"
    tar --numeric-owner --xattrs -C "$root" -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    cleanup_root "$root"; trap - EXIT
    log "cached root fs $tarball ($(du -h "$tarball" | cut -f1)) [$(elapsed "$t0")]"
  else
    log "using cached root fs $tarball"
  fi

  local old_id
  old_id=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
  docker import "$@" --change "LABEL redis-ha.rootfs-key=$key" "$tarball" "$tag" >/dev/null
  # drop the image this tag pointed to before, unless something still uses it
  if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]; then
    docker rmi "$old_id" >/dev/null 2>&1 || true
  fi
  log "imported $tag [$(elapsed "$t0")]"
  log "verify: docker run --rm --network host $tag $verify"
  # shellcheck disable=SC2086
  docker run --rm --network host "$tag" $verify
  log "built $tag ($(docker image inspect -f '{{.Size}}' "$tag" | numfmt --to=iec)) in $(elapsed "$t0")"
}

cleanup_root() {
  local root=$1 m
  [ -d "$root" ] || return 0
  # unmount anything debootstrap left mounted below the target, deepest first
  for m in $(awk -v r="$root" '$2 ~ "^"r"/" {print $2}' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  rm -rf --one-file-system "$root"
}

# Valkey answers to the Redis names: as redis-sentinel it starts in Sentinel mode, like redis-server --sentinel.
# Bump the -vN when this changes, so that cached root fs tarballs are rebuilt.
valkey_redis_names_v1() {
  local root=$1 tool
  for tool in server sentinel cli check-aof check-rdb benchmark; do
    [ -e "$root/usr/bin/valkey-$tool" ] && ln -sf "valkey-$tool" "$root/usr/bin/redis-$tool"
  done
  return 0
}

common_changes=(
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV LANG=C.UTF-8'
)

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(redis jre valkey)
T0=$(now_ms)
for t in "${targets[@]}"; do
  SUITE="${REDISHA_DEBIAN_SUITE:-bookworm}"
  case "$t" in
    redis)
      build_image redis-ha/redis:7 redis "redis-server,redis-sentinel" "redis-server --version" - \
        "${common_changes[@]}" \
        --change 'EXPOSE 6379 26379' \
        --change 'CMD ["redis-server", "--bind", "127.0.0.1", "--protected-mode", "no"]'
      ;;
    jre)
      build_image redis-ha/jre:17 jre "openjdk-17-jre-headless,ca-certificates,curl" "java -version" - \
        "${common_changes[@]}" \
        --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
        --change 'CMD ["java", "-version"]'
      ;;
    valkey)
      SUITE="${REDISHA_VALKEY_DEBIAN_SUITE:-trixie}"
      build_image redis-ha/valkey:8 valkey "valkey-server,valkey-sentinel" "redis-server --version" \
        valkey_redis_names_v1 \
        "${common_changes[@]}" \
        --change 'EXPOSE 6379 26379' \
        --change 'CMD ["redis-server", "--bind", "127.0.0.1", "--protected-mode", "no"]'
      ;;
    *) die "unknown image '$t' (known: redis jre valkey)" ;;
  esac
done
log "all done in $(elapsed "$T0")"
