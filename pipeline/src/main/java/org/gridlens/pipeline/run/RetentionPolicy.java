package org.gridlens.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the outputs of old run dates after a successful nightly: every dataset's
 * {@code run_date=X} folder and the exports folder {@code <exports>/X} for X older than
 * {@code run.retention_days} before the run date. The last good run (the newest date whose manifest
 * says succeeded) always stays, and so do the manifests themselves (a few KB each: the audit trail).
 */
public final class RetentionPolicy {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPolicy.class);

  private final Warehouse warehouse;
  private final int retentionDays;

  public RetentionPolicy(Warehouse warehouse, int retentionDays) {
    this.warehouse = warehouse;
    this.retentionDays = retentionDays;
  }

  /** Applies the policy for a run of {@code runDate}; returns the dates whose outputs were deleted. */
  public List<LocalDate> apply(LocalDate runDate, LocalDate lastGood) {
    List<LocalDate> deleted = new ArrayList<>();
    if (retentionDays <= 0) {
      return deleted;
    }
    LocalDate cutoff = runDate.minusDays(retentionDays);
    try {
      Set<LocalDate> gone = new TreeSet<>();
      Path root = new Path(warehouse.root());
      FileSystem fs = warehouse.fs(root);
      if (fs.exists(root)) {
        sweep(fs, root, 0, cutoff, lastGood, gone);
      }
      Path exports = new Path(warehouse.exportsRoot());
      if (fs.exists(exports)) {
        for (FileStatus st : fs.listStatus(exports)) {
          LocalDate d = parse(st.getPath().getName());
          if (st.isDirectory() && expired(d, cutoff, lastGood)) {
            fs.delete(st.getPath(), true);
            gone.add(d);
          }
        }
      }
      deleted.addAll(gone);
    } catch (IOException e) {
      throw new UncheckedIOException("retention: " + e.getMessage(), e);
    }
    if (!deleted.isEmpty()) {
      LOG.info("retention: deleted the outputs of {} run date(s) before {}: {}", deleted.size(), cutoff, deleted);
    }
    return deleted;
  }

  private void sweep(FileSystem fs, Path dir, int depth, LocalDate cutoff, LocalDate lastGood, Set<LocalDate> gone)
      throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (!st.isDirectory() || n.startsWith("_") || n.startsWith(".")) {
        continue;
      }
      if (n.startsWith("run_date=")) {
        LocalDate d = parse(n.substring("run_date=".length()));
        if (expired(d, cutoff, lastGood)) {
          fs.delete(st.getPath(), true);
          gone.add(d);
        }
      } else if (depth < 3) {
        sweep(fs, st.getPath(), depth + 1, cutoff, lastGood, gone);
      }
    }
  }

  private static boolean expired(LocalDate d, LocalDate cutoff, LocalDate lastGood) {
    return d != null && d.isBefore(cutoff) && !d.equals(lastGood);
  }

  private static LocalDate parse(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
