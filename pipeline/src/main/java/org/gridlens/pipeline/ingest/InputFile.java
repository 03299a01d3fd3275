package org.gridlens.pipeline.ingest;

import java.io.Serializable;
import java.util.Locale;

/**
 * One data file of an extract.
 *
 * @param relative path relative to the input root, e.g. {@code cdr/part-00003.csv.gz}; the name the
 *     quarantine and the duplicate rule use
 * @param uri the file's full Hadoop path
 */
public record InputFile(String relative, String uri, long size, Kind kind) implements Serializable {

  /** How a file is read, from its name. */
  public enum Kind {
    CSV,
    PARQUET
  }

  /** The kind a file name implies, or null for a name that is not a data file of the contract. */
  public static Kind kindOf(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
      return Kind.CSV;
    }
    if (n.endsWith(".parquet")) {
      return Kind.PARQUET;
    }
    return null;
  }
}
