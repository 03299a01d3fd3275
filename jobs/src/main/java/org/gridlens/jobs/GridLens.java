package org.gridlens.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code gridlens <job> [options]} locally, or
 * {@code spark-submit --class org.gridlens.jobs.GridLens gridlens-jobs.jar <job> [options]}.
 */
@Command(
    name = "gridlens",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Grid marketing analytics on Apache Spark.",
    subcommands = {
      StageCommands.Ingest.class,
      StageCommands.Grids.class,
      StageCommands.Assign.class,
      StageCommands.View.class,
      StageCommands.Segment.class,
      StageCommands.Score.class,
      StageCommands.Uplift.class,
      TargetsCommand.class,
      NightlyCommand.class,
      GenerateCommand.class,
    })
public final class GridLens implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new GridLens());
    cl.setExitCodeExceptionMapper(new ExitCodes());
    cl.setExecutionExceptionHandler(new ErrorReporter());
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
