#!/usr/bin/env bash
# Builds the local base images DockerComposeTest runs the compose file on, on a machine where no
# image registry answers (nothing can be pulled). Each image is built only when the engine lacks it
# or what it was built from changed (a label keeps a hash of its inputs), so a second run costs
# nothing:
#   newswatch-test/debian:bookworm   Debian's minimal root filesystem (debootstrap --variant=minbase,
#                                    from Debian's mirror; the tarball is cached, about 4 min the first time)
#   newswatch-test/jre:jlink         that plus a runtime jlink'ed from the JDK running this script:
#                                    stands in for eclipse-temurin:21-jre (build arg JRE_IMAGE)
#   newswatch-test/kafka:<version>   that plus the Apache Kafka jars from Maven Central, configured from
#                                    KAFKA_* variables as the official apache/kafka image is (KAFKA_IMAGE)
#   newswatch-test/prometheus:debian Debian's prometheus package, standing in for prom/prometheus
# Usage: build-base-images.sh <folder with the broker's jars> <kafka version>
#        build-base-images.sh --without-kafka    (all but the Kafka image, which needs the jars Maven
#                                                 copies: .ci/run builds these while Maven runs)
# Needs root (debootstrap), a running engine, JAVA_HOME (jlink) and, the first time, Debian's mirror.
set -euo pipefail

if [ "${1:-}" = --without-kafka ]; then
  kafka_libs=""
  kafka_version=""
else
  kafka_libs=$1
  kafka_version=$2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${NEWSWATCH_DOCKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newswatch-docker}
mirror=${NEWSWATCH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$cache"
# One build at a time: a second run (the test while .ci/run's early build goes on) waits, then
# finds the images current instead of debootstrapping into the same folder.
exec 9>"$cache/.lock"
flock 9
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

have() { docker image inspect "$1" >/dev/null 2>&1; }
# True when image $1 was built from inputs hashing to $2.
current() { [ "$(docker image inspect -f '{{index .Config.Labels "newswatch.inputs"}}' "$1" 2>/dev/null)" = "$2" ]; }
say() { echo "build-base-images: $*" >&2; }

if ! have newswatch-test/debian:bookworm; then
  tarball=$cache/bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    say "debootstrap of Debian bookworm (minbase) from $mirror into $cache..."
    rm -rf "$cache/rootfs"
    debootstrap --variant=minbase bookworm "$cache/rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
      || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
    # What a container never reads: package caches and lists, documentation, translations.
    rm -rf "$cache/rootfs"/var/cache/apt/* "$cache/rootfs"/var/lib/apt/lists/* "$cache/rootfs"/usr/share/doc/* \
      "$cache/rootfs"/usr/share/man/* "$cache/rootfs"/usr/share/locale/* "$cache/rootfs"/usr/share/info/*
    tar -C "$cache/rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$cache/rootfs"
  fi
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' \
    "$tarball" newswatch-test/debian:bookworm >/dev/null
fi

modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
jre_inputs=$(cat "$here/jre.Dockerfile" "$JAVA_HOME/release" <(echo "$modules") | sha1sum | cut -c1-16)
if ! current newswatch-test/jre:jlink "$jre_inputs"; then
  say "jlink of a Java runtime from $JAVA_HOME..."
  mkdir -p "$work/jre"
  # The modules the services and Kafka use (java.desktop for java.beans, jdk.unsupported for
  # Lucene and the compression codecs, the management ones for metrics); jdk.httpserver serves the
  # test's fixture feeds and webhook.
  "$JAVA_HOME/bin/jlink" --output "$work/jre/java" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
    --add-modules "$modules"
  docker build -q --network none --label "newswatch.inputs=$jre_inputs" -t newswatch-test/jre:jlink -f "$here/jre.Dockerfile" "$work/jre" >/dev/null
fi

if [ -n "$kafka_libs" ]; then
  kafka_inputs=$(cat "$here/kafka.Dockerfile" "$here/kafka-run" "$here/kafka-ready" <(ls "$kafka_libs") <(echo "$jre_inputs") \
    | sha1sum | cut -c1-16)
  if ! current "newswatch-test/kafka:$kafka_version" "$kafka_inputs"; then
    say "the Kafka $kafka_version broker image from $kafka_libs..."
    mkdir -p "$work/kafka"
    cp -r "$kafka_libs" "$work/kafka/libs"
    cp "$here/kafka-run" "$here/kafka-ready" "$work/kafka/"
    docker build -q --network none --label "newswatch.inputs=$kafka_inputs" -t "newswatch-test/kafka:$kafka_version" -f "$here/kafka.Dockerfile" "$work/kafka" >/dev/null
  fi
fi

if ! have newswatch-test/prometheus:debian; then
  say "the Prometheus image from Debian's prometheus package..."
  mkdir -p "$work/prometheus"
  deb=$(ls "$cache"/prometheus_*.deb 2>/dev/null | head -n 1 || true)
  if [ -z "$deb" ]; then
    (cd "$cache" && apt-get download prometheus >/dev/null)
    deb=$(ls "$cache"/prometheus_*.deb | head -n 1)
  fi
  dpkg-deb -x "$deb" "$work/prometheus/root"
  cp "$work/prometheus/root/usr/bin/prometheus" "$work/prometheus/"
  rm -rf "$work/prometheus/root"
  docker build -q --network none -t newswatch-test/prometheus:debian -f "$here/prometheus.Dockerfile" "$work/prometheus" >/dev/null
fi
