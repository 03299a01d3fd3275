package org.gridlens.jobs;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.run.Pipeline;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.SparkSessions;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * Runs one stage for one run date. Subclasses only name their stage (and may add options that
 * become configuration overrides).
 */
public abstract class StageCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StageCommand.class);

  @Mixin protected CommonOptions common;

  protected abstract StepName stage();

  /** Hook for stage-specific options: adjust the configuration before the run. */
  protected GridLensConfig adjust(GridLensConfig config) {
    return config;
  }

  @Override
  public Integer call() {
    GridLensConfig config = adjust(common.config());
    boolean ownSession = !SparkSessions.active();
    SparkSession spark =
        SparkSessions.getOrCreate("gridlens " + stage().id() + " " + common.date(), config.run().shufflePartitions());
    try {
      long t0 = System.nanoTime();
      LOG.info("stage {} for {}: start", stage().id(), common.date());
      StepResult r = Pipeline.step(stage()).run(RunContext.of(spark, config, common.date()));
      LOG.info(
          "stage {} for {}: done in {} s; in {} out {} rejects {}",
          stage().id(), common.date(), String.format("%.1f", (System.nanoTime() - t0) / 1e9),
          r.inputRows(), r.outputRows(), r.rejects());
      return ExitCodes.OK;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }
}
