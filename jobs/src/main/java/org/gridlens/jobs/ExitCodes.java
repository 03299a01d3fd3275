package org.gridlens.jobs;

import org.gridlens.pipeline.GridLensException;
import picocli.CommandLine;

/**
 * The process exit codes, mapped in this one place (documented in README.md):
 * 0 success, 2 usage error, 3 bad input, 4 bad configuration, 5 failed stage or gate,
 * 6 warehouse locked by another run, 1 unexpected error.
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  public static final int OK = 0;
  public static final int UNEXPECTED = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  public static final int BAD_CONFIG = 4;
  public static final int STAGE_FAILED = 5;
  public static final int LOCKED = 6;

  @Override
  public int getExitCode(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof GridLensException g) {
        return of(g.kind());
      }
      c = c.getCause();
    }
    return UNEXPECTED;
  }

  public static int of(GridLensException.Kind kind) {
    return switch (kind) {
      case BAD_INPUT -> BAD_INPUT;
      case BAD_CONFIG -> BAD_CONFIG;
      case STAGE_FAILED -> STAGE_FAILED;
      case LOCKED -> LOCKED;
    };
  }
}
