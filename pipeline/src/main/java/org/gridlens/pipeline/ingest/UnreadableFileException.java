package org.gridlens.pipeline.ingest;

/** Raised inside a Spark task when an input file cannot be read to its end (I/O error, broken gzip). */
public final class UnreadableFileException extends RuntimeException {

  public UnreadableFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
