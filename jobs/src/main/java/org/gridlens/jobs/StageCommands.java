package org.gridlens.jobs;

import org.gridlens.pipeline.run.StepName;
import picocli.CommandLine.Command;

/** The single-stage jobs; each is {@link StageCommand} bound to its stage. */
final class StageCommands {

  private StageCommands() {}

  @Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Validate the run date's extracts into clean Parquet, quarantine and a data-quality report.")
  static final class Ingest extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.INGEST;
    }
  }

  @Command(name = "grids", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Read, reproject and validate the grid layer; write the grid table and a topology report.")
  static final class Grids extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.GRIDS;
    }
  }

  @Command(name = "assign", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Assign every customer (and cell) to exactly one grid.")
  static final class Assign extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.ASSIGN;
    }
  }

  @Command(name = "view", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Build the unified customer view: one row per customer with every feature.")
  static final class View extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.VIEW;
    }
  }

  @Command(name = "segment", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Cluster each grid's customers into labelled segments (Smile k-means inside Spark).")
  static final class Segment extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.SEGMENT;
    }
  }

  @Command(name = "score", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Score every grid's competitiveness, rank grids and choose a strategy.")
  static final class Score extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.SCORE;
    }
  }

  @Command(name = "uplift", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Fit a propensity model per offer and project each customer's expected ARPU gain.")
  static final class Uplift extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.UPLIFT;
    }
  }

  @Command(name = "targets", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Rank target customers per grid and offer; write Parquet and one masked CSV per grid.")
  static final class Targets extends StageCommand {
    @Override
    protected StepName stage() {
      return StepName.TARGETS;
    }
  }
}
