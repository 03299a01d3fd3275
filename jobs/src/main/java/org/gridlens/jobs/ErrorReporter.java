package org.gridlens.jobs;

import org.gridlens.pipeline.GridLensException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a failed job into a one-line reason on stderr (and the log) plus its exit code. Expected
 * failures (bad input, bad config, failed gate, locked) print no stack trace; unexpected ones log
 * it for the engineer on call.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    GridLensException known = find(ex);
    String job = cl.getCommandName();
    if (known != null) {
      LOG.error("{} failed: {}", job, known.getMessage());
      cl.getErr().println("gridlens " + job + ": " + known.getMessage());
    } else {
      LOG.error("{} failed unexpectedly", job, ex);
      cl.getErr().println("gridlens " + job + ": unexpected error: " + ex);
    }
    return cl.getExitCodeExceptionMapper().getExitCode(ex);
  }

  private static GridLensException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof GridLensException g) {
        return g;
      }
    }
    return null;
  }
}
