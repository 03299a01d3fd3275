package org.gridlens.pipeline.run;

import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.config.GridLensConfig;

/**
 * Everything a {@link Step} needs for one run date: the session (created by the caller, never by
 * a step), the validated configuration, the date and the warehouse.
 *
 * @param runDate the last day of data the run covers; every window ends on it
 */
public record RunContext(SparkSession spark, GridLensConfig config, LocalDate runDate, Warehouse warehouse) {

  public static RunContext of(SparkSession spark, GridLensConfig config, LocalDate runDate) {
    return new RunContext(
        spark, config, runDate, new Warehouse(spark, config.paths().warehouse(), config.paths().exports()));
  }

  /** The input root (one folder per extract). */
  public String input() {
    return config.paths().input();
  }
}
