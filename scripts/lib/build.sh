# Builds the jars on first use, and again whenever a source or pom is newer than the last build.
# Sets GRIDLENS_HOME, GRIDLENS_APP_JAR (the spark-submit jar) and GRIDLENS_LOCAL_CP (our classes + Spark).
GRIDLENS_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export GRIDLENS_HOME
gridlens_build() {
  local cp_file="$GRIDLENS_HOME/jobs/target/local-classpath.txt"
  if [ ! -f "$cp_file" ] || [ ! -f "$GRIDLENS_HOME/jobs/target/gridlens-jobs.jar" ] || \
     [ -n "$(find "$GRIDLENS_HOME/pom.xml" "$GRIDLENS_HOME/pipeline/pom.xml" "$GRIDLENS_HOME/jobs/pom.xml" \
               "$GRIDLENS_HOME/pipeline/src/main" "$GRIDLENS_HOME/jobs/src/main" -newer "$cp_file" -print -quit)" ]; then
    echo "gridlens: building the application (first use or sources changed)..." >&2
    (cd "$GRIDLENS_HOME" && mvn -B -q clean package -DskipTests) >&2 || { echo "gridlens: build failed" >&2; exit 1; }
  fi
  GRIDLENS_APP_JAR="$GRIDLENS_HOME/jobs/target/gridlens-jobs.jar"
  local thin
  thin=$(ls "$GRIDLENS_HOME"/jobs/target/gridlens-jobs-*.jar | grep -v -- '-tests\.jar$' | head -1)
  # geotools-wrapper carries unrelocated slf4j 1.7 classes: put it last so Spark's slf4j 2 wins
  local deps
  deps=$(tr ':' '\n' < "$cp_file" | awk '/geotools-wrapper/ {late = late ":" $0; next} {printf "%s%s", sep, $0; sep=":"} END {printf "%s", late}')
  GRIDLENS_LOCAL_CP="$thin:$deps"
  export GRIDLENS_APP_JAR GRIDLENS_LOCAL_CP
}
