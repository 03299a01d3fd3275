package org.gridlens.pipeline;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How a stage lays out a large dataset before publishing it, so re-runs write the same files
 * whatever the number of cores: hash partitions of the key, as many as {@code
 * spark.sql.shuffle.partitions} (set once from {@code run.shuffle_partitions}), each sorted by the
 * key. When a join below already hash-partitions by the key into that many partitions, Spark
 * keeps the join's partitions instead of shuffling again: the same layout, because GridLens
 * sessions never let adaptive execution merge partitions ({@code SparkSessions.COALESCE_PARTITIONS}).
 *
 * <p>Not a global {@code orderBy}: its range partitioner first runs a sampling job over the
 * whole input plan, so an expensive plan (the customer view's aggregations over 30M calls, the
 * home cells of the assignment) ran twice. At 1M customers that second pass was 40% of the view
 * stage (docs/benchmarks.md, "view"). Readers needing one global order sort what they read.
 */
public final class StableLayout {

  private StableLayout() {}

  /** {@code partitions} hash partitions of {@code key}, each sorted by the key, then {@code thenBy}. */
  public static Dataset<Row> byKey(Dataset<Row> data, int partitions, String key, String... thenBy) {
    Column[] order = Stream.concat(Stream.of(key), Arrays.stream(thenBy)).map(c -> col(c)).toArray(Column[]::new);
    return data.repartition(partitions, col(key)).sortWithinPartitions(order);
  }

  /**
   * As many partitions as the session's {@code spark.sql.shuffle.partitions}, which {@code
   * SparkSessions} sets from {@code run.shuffle_partitions}: for builders that see no run config.
   */
  public static Dataset<Row> byKey(Dataset<Row> data, String key) {
    int partitions = Integer.parseInt(data.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    return byKey(data, partitions, key);
  }
}
