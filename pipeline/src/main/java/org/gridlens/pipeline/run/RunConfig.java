package org.gridlens.pipeline.run;

import org.gridlens.pipeline.config.ConfigNode;

/**
 * Typed configuration of the {@code run} section of conf/gridlens.yaml: Spark settings of every
 * job, and how {@code nightly} locks, verifies, gates and cleans up.
 *
 * @param shufflePartitions spark.sql.shuffle.partitions for every job
 * @param retentionDays run dates older than this many days before the run date are deleted after a
 *     successful nightly (the last good run always stays); 0 keeps everything
 * @param lockMaxAgeHours a lock older than this is stale even when its process may still be alive
 * @param verifyContent on resume, hash every byte of a completed stage's files (true) or only check
 *     the file list, sizes and Parquet footers (false)
 * @param gates the data-quality gates checked before exports are published
 * @param parallelStages how many stages {@code nightly} runs at once when they do not read each
 *     other's outputs ({@link StepName#reads}); 1 runs them one after the other
 */
public record RunConfig(
    int shufflePartitions, int retentionDays, int lockMaxAgeHours, boolean verifyContent, Gates gates,
    int parallelStages) {

  /**
   * Thresholds of the data-quality gates.
   *
   * @param enabled false switches every gate off (a documented escape hatch, logged as a warning)
   * @param maxUnassignedShare highest allowed share of clean customers without a grid
   * @param rowCountBand highest allowed relative change of a dataset's row count against the
   *     previous successful run's manifest (0.5 = within ±50 %); 0 switches the check off
   * @param rowCountMinRows the band only applies to datasets that had at least this many rows
   */
  public record Gates(boolean enabled, double maxUnassignedShare, double rowCountBand, long rowCountMinRows) {

    static Gates from(ConfigNode node) {
      node.allowOnly("enabled", "max_unassigned_share", "row_count_band", "row_count_min_rows");
      return new Gates(
          node.bool("enabled", true),
          node.number("max_unassigned_share", 0.05, 0.0, 1.0),
          node.number("row_count_band", 0.5, 0.0, 100.0),
          node.integer("row_count_min_rows", 100, 0, Integer.MAX_VALUE));
    }
  }

  public static RunConfig from(ConfigNode node) {
    node.allowOnly("shuffle_partitions", "retention_days", "lock_max_age_hours", "verify_content", "gates",
        "parallel_stages");
    return new RunConfig(
        node.integer("shuffle_partitions", 16, 1, 100_000),
        node.integer("retention_days", 14, 0, 36_500),
        node.integer("lock_max_age_hours", 12, 1, 24 * 365),
        node.bool("verify_content", true),
        Gates.from(node.child("gates")),
        node.integer("parallel_stages", 1, 1, 4));
  }
}
