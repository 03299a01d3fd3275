package org.gridlens.pipeline.run;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the session a job runs in. Under spark-submit the master and resources come from
 * spark-submit; started any other way (scripts/gridlens, tests) it runs embedded in local mode,
 * bound to 127.0.0.1. Settings every GridLens job relies on are set here, once.
 */
public final class SparkSessions {

  /**
   * Off in every GridLens session: adaptive execution would merge small shuffle partitions by
   * their compressed sizes, which depend on how the input was split (the number of cores), and
   * the optimizer drops a {@link org.gridlens.pipeline.StableLayout} repartition when a join below
   * already hash-partitions by the same key. Off, every published layout is exactly
   * {@code run.shuffle_partitions} hash partitions of its key, whatever the cluster.
   */
  public static final String COALESCE_PARTITIONS = "spark.sql.adaptive.coalescePartitions.enabled";

  /**
   * Adaptive execution itself: left at Spark's default (on), except while the view plans its call
   * features, whose RDD would otherwise run its shuffle as soon as it is taken (CallFeatures).
   */
  public static final String ADAPTIVE_EXECUTION = "spark.sql.adaptive.enabled";

  /**
   * Off in every GridLens session: the caches GridLens keeps (ingest's parsed rows, segment's
   * feature vectors, uplift's prepared view, targets' decisions) are read once or twice and then
   * dropped, and Spark's compressed columnar cache spends its time choosing an encoding per column
   * and batch (a quarter of ingest's CPU, docs/benchmarks.md) to save memory these caches do not
   * need: they are stored MEMORY_AND_DISK and sized by one stage's input.
   */
  public static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

  /**
   * The {@code file:} file system of an embedded session: {@link NioLocalFileSystem}, which sets
   * file permissions without starting a {@code chmod} process per file.
   */
  public static final String LOCAL_FILE_SYSTEM = "spark.hadoop.fs.file.impl";

  /**
   * HotSpot's own limit in every GridLens session (unless spark-submit sets it): the JIT never
   * compiles a method of more than 8000 bytes of bytecode, so a whole-stage-codegen function past
   * it runs interpreted for the whole stage. Spark's default (65535) lets such a stage run anyway;
   * at 8000 Spark runs that subtree without whole-stage codegen instead, each operator's
   * expressions still compiled (Spark's configuration docs suggest 8000 on HotSpot). The customer
   * view's last join and projection of about 85 columns make a 9,129-byte {@code processNext}:
   * written straight to Parquet, 16 % of the plan's CPU went to running it interpreted; the view
   * stage and score (13,110 bytes) measured the same either way (docs/benchmarks.md, "view").
   */
  public static final String HUGE_METHOD_LIMIT = "spark.sql.codegen.hugeMethodLimit";

  /** HotSpot's {@code HugeMethodLimit}: the largest method, in bytecode bytes, its JIT compiles. */
  public static final String HOTSPOT_HUGE_METHOD_BYTES = "8000";

  /**
   * Spark's widest plan node, in fields, still run inside whole-stage generated code; wider nodes
   * run operator by operator, each operator's expressions still compiled.
   */
  public static final String CODEGEN_MAX_FIELDS = "spark.sql.codegen.maxFields";

  private SparkSessions() {}

  /**
   * Runs {@code action} with the session settings changed to {@code settings}, then puts back what
   * was set before (or unsets). Spark reads these settings when it plans a query, that is when an
   * action runs or a plan's RDD is taken, so the change holds for what {@code action} plans.
   * The settings belong to the session: a job planned beside it in the same session would see
   * them too (the stages that use this, view and its calls, never run beside another stage).
   */
  public static <T> T withSettings(SparkSession spark, Map<String, String> settings, Supplier<T> action) {
    RuntimeConfig conf = spark.conf();
    Map<String, String> before = new HashMap<>();
    settings.forEach((k, v) -> {
      before.put(k, conf.getOption(k).isDefined() ? conf.get(k) : null);
      conf.set(k, v);
    });
    try {
      return action.get();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          conf.unset(k);
        } else {
          conf.set(k, v);
        }
      });
    }
  }

  /** Whether a session already exists in this JVM (then a job must not stop it). */
  public static boolean active() {
    return SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
  }

  /**
   * Whether the session runs inside this JVM with GridLens on the JVM's own class path (started by
   * {@code scripts/gridlens} or a test, in local mode): then Hadoop, which loads file systems by
   * name, finds {@link NioLocalFileSystem}. Under spark-submit the application jar has a class
   * loader of its own, and on a cluster the executors may not have the class at all.
   */
  static boolean embedded(String master) {
    if (!master.startsWith("local")) {
      return false;
    }
    try {
      Class.forName(NioLocalFileSystem.class.getName(), false, ClassLoader.getSystemClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  public static SparkSession getOrCreate(String appName, int shufflePartitions) {
    SparkConf conf = new SparkConf(true);
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      b.master("local[*]")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.ui.showConsoleProgress", "false");
    }
    if (embedded(conf.get("spark.master", "local[*]")) && !conf.contains(LOCAL_FILE_SYSTEM)) {
      b.config(LOCAL_FILE_SYSTEM, NioLocalFileSystem.class.getName());
    }
    if (!conf.contains(HUGE_METHOD_LIMIT)) {
      b.config(HUGE_METHOD_LIMIT, HOTSPOT_HUGE_METHOD_BYTES);
    }
    return b.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
        .config(COALESCE_PARTITIONS, "false")
        .config(CACHE_COMPRESSED, "false")
        // prepared JTS geometries in broadcast spatial indexes are not Java-serializable
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.sql.parquet.compression.codec", "snappy")
        .getOrCreate();
  }
}
