# Sourced by ./newswatch and .ci/run: sets JAVA_HOME (and PATH) to a JDK 21 or newer.
# Order: JAVA_HOME if it is 21+, then `java` on PATH if 21+, then the newest JDK under /usr/lib/jvm.
# Returns non-zero with one line on stderr saying what to install when there is none.

newswatch_java_major() {
  # Prints the feature release of the java binary $1 (8 for "1.8.0_x", 21 for "21.0.2"), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9][0-9]*\).*/\2/p' | head -n 1
}

newswatch_is_jdk21() {
  # True when folder $1 holds a JDK (java and javac) of release 21 or newer.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(newswatch_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

newswatch_find_java() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && newswatch_is_jdk21 "$JAVA_HOME"; then
    best="$JAVA_HOME"
  elif command -v java >/dev/null 2>&1; then
    # java on PATH may be a symlink chain (/usr/bin/java -> /etc/alternatives/java -> .../bin/java).
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if newswatch_is_jdk21 "$candidate"; then
      best="$candidate"
    fi
  fi
  # The folder Debian and the Temurin packages install into; overridable to test this script.
  local jvm_root="${NEWSWATCH_JVM_ROOT:-/usr/lib/jvm}"
  if [ -z "$best" ] && [ -d "$jvm_root" ]; then
    for candidate in "$jvm_root"/*; do
      [ -L "$candidate" ] && continue
      newswatch_is_jdk21 "$candidate" || continue
      major=$(newswatch_java_major "$candidate/bin/java")
      if [ "$major" -gt "$best_major" ]; then
        best="$candidate"
        best_major="$major"
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "newswatch needs a JDK 21 or newer: install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME to it" >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

newswatch_quiet_maven() {
  # Maven's own libraries use sun.misc.Unsafe, which JDK 23+ warns about on every start.
  if [ "$(newswatch_java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
