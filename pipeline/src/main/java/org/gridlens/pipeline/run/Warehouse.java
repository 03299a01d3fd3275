package org.gridlens.pipeline.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.GridLensException;

/**
 * The warehouse and exports roots of a run: where each dataset of a run date lives, and the only
 * way stages write, so every output is published atomically (complete or absent, never half).
 *
 * <p>A dataset is written to a hidden staging folder next to its final place, its part files are
 * renamed to names without Spark's random job id (so re-runs give identical trees), then swapped
 * in with renames. Spark, Hive and GridLens all ignore folders starting with '_' or '.', so
 * readers never see the staging data. Parquet footers are made canonical before the swap (see
 * {@link ParquetFooters}), so a re-run in another JVM writes the same bytes.
 */
public final class Warehouse {

  private static final Pattern PART = Pattern.compile("(part-\\d+)-[0-9a-f-]{36}(-c\\d+)?(.*)");

  private final SparkSession spark;
  private final String root;
  private final String exportsRoot;

  public Warehouse(SparkSession spark, String root, String exportsRoot) {
    this.spark = spark;
    this.root = trimSlash(root);
    this.exportsRoot = trimSlash(exportsRoot);
  }

  public String root() {
    return root;
  }

  /** {@code <warehouse>/<dataset>/run_date=D}. */
  public String path(String dataset, LocalDate date) {
    return root + "/" + dataset + "/run_date=" + date;
  }

  /** A file under {@code <warehouse>/<relative>}, e.g. {@code reports/ingest/D.json}. */
  public String file(String relative) {
    return root + "/" + relative;
  }

  /** A file under {@code <exports>/D/<relative>}. */
  public String exportFile(LocalDate date, String relative) {
    return exportsRoot + "/" + date + "/" + relative;
  }

  public String exportsRoot() {
    return exportsRoot;
  }

  /** True when the dataset was published for the date. */
  public boolean exists(String dataset, LocalDate date) {
    Path p = new Path(path(dataset, date));
    try {
      FileSystem fs = fs(p);
      return fs.exists(new Path(p, "_SUCCESS"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a published dataset; fails with the stage to run when it is absent. */
  public Dataset<Row> read(String dataset, LocalDate date) {
    if (!exists(dataset, date)) {
      throw GridLensException.stageFailed(
          "dataset " + dataset + " for " + date + " is missing at " + path(dataset, date)
              + "; run the stage that produces it first");
    }
    return spark.read().parquet(path(dataset, date));
  }

  /**
   * Writes {@code data} as the dataset's Parquet for the date, replacing what was there, and
   * returns the number of rows written. The caller orders the rows (stable sort) so the output
   * is deterministic.
   */
  public long publish(Dataset<Row> data, String dataset, LocalDate date, String... partitionBy) {
    String finalPath = path(dataset, date);
    String staging = root + "/" + dataset + "/_staging_run_date=" + date + "_" + UUID.randomUUID();
    var writer = data.write().mode(SaveMode.Overwrite);
    if (partitionBy.length > 0) {
      writer = writer.partitionBy(partitionBy);
    }
    writer.parquet(staging);
    try {
      Path stagingPath = new Path(staging);
      FileSystem fs = fs(stagingPath);
      renameParts(fs, stagingPath);
      swapIn(fs, stagingPath, new Path(finalPath));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + finalPath, e);
    }
    return spark.read().parquet(finalPath).count();
  }

  /** Removes a dataset's output for a date (for re-runs that must start clean). */
  public void delete(String dataset, LocalDate date) {
    Path p = new Path(path(dataset, date));
    try {
      fs(p).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a small text file atomically (write beside it, then rename over). */
  public void writeText(String file, String text) {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a small file atomically (write beside it, then rename over). */
  public void writeBytes(String file, byte[] bytes) {
    Path target = new Path(file);
    try {
      FileSystem fs = fs(target);
      Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
      }
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads a small text file; null when it does not exist. */
  public String readText(String file) {
    Path p = new Path(file);
    try {
      FileSystem fs = fs(p);
      if (!fs.exists(p)) {
        return null;
      }
      try (var in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public FileSystem fs(Path p) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return p.getFileSystem(conf);
  }

  private static void renameParts(FileSystem fs, Path dir) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isDirectory()) {
        renameParts(fs, st.getPath());
        continue;
      }
      Matcher m = PART.matcher(name);
      if (m.matches()) {
        String stable = m.group(1) + (m.group(2) == null ? "" : m.group(2)) + m.group(3);
        Path part = new Path(dir, stable);
        fs.rename(st.getPath(), part);
        if (stable.endsWith(".parquet")) {
          ParquetFooters.canonicalise(fs, part);
        }
      }
    }
  }

  private static void swapIn(FileSystem fs, Path staging, Path target) throws IOException {
    Path trash = null;
    if (fs.exists(target)) {
      trash = new Path(target.getParent(), "_trash_" + target.getName() + "_" + UUID.randomUUID());
      if (!fs.rename(target, trash)) {
        throw new IOException("cannot move old " + target + " aside");
      }
    }
    if (!fs.rename(staging, target)) {
      throw new IOException("cannot move " + staging + " to " + target);
    }
    if (trash != null) {
      fs.delete(trash, true);
    }
  }

  /** Lists the run dates published for a dataset, oldest first. */
  public List<LocalDate> dates(String dataset) {
    Path p = new Path(root + "/" + dataset);
    List<LocalDate> out = new ArrayList<>();
    try {
      FileSystem fs = fs(p);
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(p)) {
        String n = st.getPath().getName();
        if (st.isDirectory() && n.startsWith("run_date=")) {
          out.add(LocalDate.parse(n.substring("run_date=".length())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
