# Sourced by ./mvnw and .ci/run: makes JAVA_HOME name a JDK 21 or newer, or stops with what to do.
# $JAVA_HOME wins if it is new enough; otherwise the newest JDK 21+ among the `javac` on PATH and the usual install
# places (Debian/Ubuntu /usr/lib/jvm, /usr/java, /opt, SDKMAN, IntelliJ's ~/.jdks, macOS). Nothing is downloaded.

patchbay_min_java=21

# The major version of the JDK at $1, or nothing if it is not a JDK.
patchbay_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

patchbay_pick_jdk() {
  candidate_major="$(patchbay_jdk_major "${JAVA_HOME:-/nonexistent}")"
  if [ -n "$candidate_major" ] && [ "$candidate_major" -ge "$patchbay_min_java" ]; then
    return 0
  fi
  best_home=""
  best_major=0
  javac_on_path="$(command -v javac 2>/dev/null || true)"
  restore_glob=""
  case "$-" in *f*) set +f; restore_glob=1 ;; esac
  for home in \
    "${javac_on_path:+$(dirname "$(dirname "$(readlink -f "$javac_on_path" 2>/dev/null || echo "$javac_on_path")")")}" \
    /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$home" ] && [ -d "$home" ] || continue
    major="$(patchbay_jdk_major "$home")"
    if [ -n "$major" ] && [ "$major" -ge "$patchbay_min_java" ] && [ "$major" -gt "$best_major" ]; then
      best_home="$home"
      best_major="$major"
    fi
  done
  [ -z "$restore_glob" ] || set -f
  if [ -z "$best_home" ]; then
    echo "Patchbay needs a JDK $patchbay_min_java or newer (Java 25 recommended) and found none:" >&2
    echo "  JAVA_HOME=${JAVA_HOME:-<unset>}, javac on PATH: ${javac_on_path:-<none>}, nothing in /usr/lib/jvm or the other usual places." >&2
    echo "Install one (e.g. Temurin 25) and set JAVA_HOME to it, then run this again." >&2
    return 1
  fi
  JAVA_HOME="$best_home"
  export JAVA_HOME
}

patchbay_pick_jdk || exit 1
