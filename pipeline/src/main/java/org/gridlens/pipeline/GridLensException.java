package org.gridlens.pipeline;

/**
 * Base of every error GridLens raises on purpose; its {@link Kind} decides the process exit code
 * (mapped once, in the jobs module).
 */
public class GridLensException extends RuntimeException {

  /** What went wrong, from the operator's point of view. */
  public enum Kind {
    /** An input extract is missing, unreadable or too dirty. */
    BAD_INPUT,
    /** The configuration (file or command line) is invalid. */
    BAD_CONFIG,
    /** A stage failed for another reason (including a failed data-quality gate). */
    STAGE_FAILED,
    /** Another run holds the warehouse lock. */
    LOCKED
  }

  private final Kind kind;

  public GridLensException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public GridLensException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static GridLensException badInput(String message) {
    return new GridLensException(Kind.BAD_INPUT, message);
  }

  public static GridLensException stageFailed(String message) {
    return new GridLensException(Kind.STAGE_FAILED, message);
  }
}
