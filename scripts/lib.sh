# Shared by the scripts: run a threadmark command from the one runnable jar on JDK 25, so that
# its exit code (0 ok, 1 regression, 2 bad input, 3 sweep stopped) reaches the caller unchanged.
# The jar is rebuilt (mvn package, never install) only when a source file is newer than it.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/threadmark.jar"

# The first JDK 25+ found where the Maven toolchains plugin would look, or $JAVA25. A JDK's
# release file says its version without starting a JVM.
find_java25() {
  local candidates=("${JAVA25:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java
                    "$HOME"/.sdkman/candidates/java/*/bin/java /opt/*/bin/java "$(command -v java || true)")
  local j v
  for j in "${candidates[@]}"; do
    [ -n "$j" ] && [ -x "$j" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$j")/../release" 2>/dev/null)
    [ -n "$v" ] || v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  echo "no JDK 25 found; set JAVA25=/path/to/jdk-25/bin/java" >&2
  return 1
}

# True when the jar is missing or a source, template, resource or pom is newer than it.
jar_stale() {
  [ -f "$jar" ] || return 0
  [ -n "$(find "$root" \( -name target -o -name .git -o -name results -o -name .github \) -prune -o -type f \
            \( -name '*.java' -o -name pom.xml -o -name '*.ftlh' -o -path '*/src/main/resources/*' \) \
            -newer "$jar" -print -quit)" ]
}

# Maven quietly, in batch mode, without colour: nothing of it reaches stdout, and no escape codes
# (Maven 3.8's jansi prints a colour reset on exit even with -B unless told not to).
build_jar() {
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" \
    mvn -q -B -Dstyle.color=never -f "$root/pom.xml" package -DskipTests >&2 || { echo "build failed" >&2; exit 2; }
}

# threadmark COMMAND ARGS... in a JVM tuned to start fast (~1.3 s instead of ~3 s for a report):
# C1 only, and a class-data archive of the jar's classes made on the first run and kept next to
# the jar. The JVM does not rewrite an archive whose jar has changed, so a stale one is removed
# here. JVM warnings go to stderr, never into the command's output; the archive's own notes (a
# page of "skipping class" lines when it is made) are off. Only for commands that read results:
# a sweep passes its JVM's flags to every JMH fork, so it runs in a plain JVM (run_sweep).
run_cli() {
  local java jsa="$root/cli/target/threadmark.jsa"
  java=$(find_java25) || exit 2
  if jar_stale; then build_jar; fi
  if [ "$jsa" -ot "$jar" ]; then rm -f "$jsa"; fi
  exec "$java" -Djava.awt.headless=true -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -XX:SharedArchiveFile="$jsa" -XX:+AutoCreateSharedArchive -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr -Xlog:aot*=off:stderr \
    -jar "$jar" "$@"
}

# threadmark sweep ARGS... with the flags the forks should inherit (the host's own exports come
# from the jar's manifest); returns the sweep's exit code.
run_sweep() {
  local java
  java=$(find_java25) || exit 2
  if jar_stale; then build_jar; fi
  "$java" --sun-misc-unsafe-memory-access=allow -jar "$jar" sweep "$@"
}
