package org.gridlens.pipeline;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession every test in a JVM shares (local[2], UI off, 4 shuffle partitions never coalesced,
 * UTC, bound to 127.0.0.1). Never stopped by tests; it ends with the JVM.
 */
public abstract class SparkTestBase {

  private static final class Holder {
    static final SparkSession SPARK =
        SparkSession.builder()
            .master("local[2]")
            .appName("gridlens-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config(org.gridlens.pipeline.run.SparkSessions.COALESCE_PARTITIONS, "false")
            .config(org.gridlens.pipeline.run.SparkSessions.CACHE_COMPRESSED, "false")
            .config(org.gridlens.pipeline.run.SparkSessions.LOCAL_FILE_SYSTEM,
                org.gridlens.pipeline.run.NioLocalFileSystem.class.getName())
            .config(org.gridlens.pipeline.run.SparkSessions.HUGE_METHOD_LIMIT,
                org.gridlens.pipeline.run.SparkSessions.HOTSPOT_HUGE_METHOD_BYTES)
            .config("spark.default.parallelism", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .getOrCreate();
  }

  protected static SparkSession spark() {
    return Holder.SPARK;
  }
}
