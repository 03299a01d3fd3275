package org.gridlens.jobs;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.run.NightlyRun;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.RunManifest;
import org.gridlens.pipeline.run.SparkSessions;
import org.gridlens.pipeline.run.StepName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nightly}: every stage for one date in one SparkSession, resumable, locked, gated (docs/operations.md). */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run ingest, grids, assign, view, segment, score, uplift and targets for one date in one Spark session,",
      "with a run manifest (<warehouse>/_runs/D.json), a warehouse lock, data-quality gates and resume.",
      "A completed date is left alone unless --force; a failed one resumes at its first incomplete stage.",
      "Exit codes: 0 success, 2 usage, 3 bad input, 4 bad configuration, 5 failed stage or gate, 6 locked, 1 unexpected."
    })
public final class NightlyCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyCommand.class);

  @Mixin CommonOptions common;

  @Option(names = "--force", description = "Run again even if the date is complete (from --from, or from the start).")
  boolean force;

  @Option(
      names = "--from",
      paramLabel = "STAGE",
      converter = StageConverter.class,
      description = "Start at this stage instead of the first incomplete one: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Stages.class)
  StepName from;

  @Override
  public Integer call() {
    GridLensConfig config = common.config();
    boolean ownSession = !SparkSessions.active();
    SparkSession spark = SparkSessions.getOrCreate("gridlens nightly " + common.date(), config.run().shufflePartitions());
    try {
      RunManifest m =
          new NightlyRun(RunContext.of(spark, config, common.date()), new NightlyRun.Options(force, from, VersionProvider.version()))
              .run();
      LOG.info("nightly {}: {} (attempt {}); outputs under {} and {}", common.date(), m.status, m.attempt,
          config.paths().warehouse(), config.paths().exports());
      return ExitCodes.OK;
    } finally {
      if (ownSession) {
        spark.stop();
      }
    }
  }

  /** Stage ids for --from. */
  static final class Stages implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(StepName.values()).map(StepName::id).iterator();
    }
  }

  /** Parses a stage id; an unknown one is a usage error that lists the stages. */
  static final class StageConverter implements ITypeConverter<StepName> {
    @Override
    public StepName convert(String value) {
      try {
        return StepName.of(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
