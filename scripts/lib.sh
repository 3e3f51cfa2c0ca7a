# Shared by the scripts: build once, then run a threadmark main class on JDK 25 directly,
# so that its exit code (0 ok, 1 regression, 2 bad input) reaches the caller unchanged.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The first JDK 25+ found where the Maven toolchains plugin would look, or $JAVA25.
find_java25() {
  local candidates=("${JAVA25:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java
                    "$HOME"/.sdkman/candidates/java/*/bin/java /opt/*/bin/java "$(command -v java || true)")
  local j v
  for j in "${candidates[@]}"; do
    [ -n "$j" ] && [ -x "$j" ] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  echo "no JDK 25 found; set JAVA25=/path/to/jdk-25/bin/java" >&2
  return 1
}

# Builds (quietly, fast when up to date) and runs MAIN_CLASS ARGS... from the report module.
run_main() {
  local main="$1"; shift
  local java cp
  java=$(find_java25) || exit 2
  mvn -q -B -f "$root/pom.xml" install -DskipTests >/dev/null || { echo "build failed" >&2; exit 2; }
  mvn -q -B -f "$root/pom.xml" -pl report dependency:build-classpath \
      -Dmdep.outputFile="$root/report/target/classpath.txt" >/dev/null || exit 2
  cp="$root/report/target/classes:$(cat "$root/report/target/classpath.txt")"
  exec "$java" -Djava.awt.headless=true --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -cp "$cp" "$main" "$@"
}
