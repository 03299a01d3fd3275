package org.gridlens.pipeline.run;

import org.gridlens.pipeline.export.ExportFileSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.GridLensException;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

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

  /** The file beside a dataset's part files holding its row hash (readers skip '_' files). */
  public static final String ROW_HASH_FILE = "_ROW_HASH";
  /**
   * Present in a dataset's folder when every customer's rows sit in one file, sorted: its text is
   * the key column ({@link #markClustered}).
   */
  public static final String CLUSTERED_BY_FILE = "_CLUSTERED_BY";

  private static final Pattern PART = Pattern.compile("(part-\\d+)-[0-9a-f-]{36}(-c\\d+)?(.*)");

  private final SparkSession spark;
  private final String root;
  private final String exportsRoot;
  private final Consumer<String> onCommit;

  public Warehouse(SparkSession spark, String root, String exportsRoot) {
    this(spark, root, exportsRoot, dataset -> {});
  }

  private Warehouse(SparkSession spark, String root, String exportsRoot, Consumer<String> onCommit) {
    this.spark = spark;
    this.root = trimSlash(root);
    this.exportsRoot = trimSlash(exportsRoot);
    this.onCommit = onCommit;
  }

  /**
   * The same warehouse, telling {@code published} the name of every dataset it publishes
   * ({@code nightly} gives each stage its own, so it knows which stage published what even when
   * stages run side by side).
   */
  public Warehouse reportingTo(Consumer<String> published) {
    return new Warehouse(spark, root, exportsRoot, published);
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
    requireExists(dataset, date);
    String dir = path(dataset, date);
    StructType schema = writtenSchema(dir);
    return schema == null ? spark.read().parquet(dir) : spark.read().schema(schema).parquet(dir);
  }

  private void requireExists(String dataset, LocalDate date) {
    if (!exists(dataset, date)) {
      throw GridLensException.stageFailed(
          "dataset " + dataset + " for " + date + " is missing at " + path(dataset, date)
              + "; run the stage that produces it first");
    }
  }

  /**
   * The schema the dataset's files were written with, taken from one file's footer on the driver,
   * or null for Spark to infer it: Spark's inference reads the same footer entry, but in a job of
   * its own, about 0.1 s per dataset read (docs/benchmarks.md, "view"). A dataset with partition
   * folders, no data file or a file without Spark's schema is left to Spark.
   */
  private StructType writtenSchema(String dir) {
    try {
      Path p = new Path(dir);
      FileSystem fs = fs(p);
      Path first = null;
      for (FileStatus st : fs.listStatus(p)) {
        if (skipped(st.getPath())) {
          continue;
        }
        if (st.isDirectory()) {
          return null;
        }
        if (first == null || st.getPath().getName().compareTo(first.getName()) < 0) {
          first = st.getPath();
        }
      }
      String json = first == null ? null : ParquetFooters.sparkSchemaJson(fs, first);
      return json == null || !(DataType.fromJson(json) instanceof StructType s) ? null : s;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The number of rows of a published dataset for the date, summed from its Parquet files'
   * footers on the driver: a stage's input counts for its manifest without a Spark job per input
   * (a count was two stages after the read's own job, about 0.1 s; the view's six came to about
   * 2 % of its warm time at 1M, docs/benchmarks.md "view"). Files Spark's reader skips are
   * skipped ({@link #skipped}).
   */
  public long rows(String dataset, LocalDate date) {
    requireExists(dataset, date);
    Path dir = new Path(path(dataset, date));
    try {
      FileSystem fs = fs(dir);
      Path root = fs.makeQualified(dir);
      long rows = 0;
      var files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path f = fs.makeQualified(files.next().getPath());
        if (!hidden(root, f)) {
          rows += ParquetFooters.rowCount(fs, f);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the rows of " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Whether a file, or a folder it is in below {@code dir}, is one Spark's reader skips. */
  private static boolean hidden(Path dir, Path file) {
    for (Path p = file; p != null && !p.equals(dir); p = p.getParent()) {
      if (skipped(p)) {
        return true;
      }
    }
    return false;
  }

  /** A name Spark's file reader skips: markers like {@code _SUCCESS}, hidden {@code .} files. */
  private static boolean skipped(Path p) {
    return p.getName().startsWith("_") || p.getName().startsWith(".");
  }

  /**
   * Writes {@code data} as the dataset's Parquet for the date, replacing what was there, and
   * returns the number of rows written. The caller orders the rows (stable sort) so the output
   * is deterministic.
   */
  public long publish(Dataset<Row> data, String dataset, LocalDate date, String... partitionBy) {
    return publish(data, dataset, date, Map.of(), partitionBy);
  }

  /** {@link #publish} with Parquet writer options, e.g. {@link #withoutDictionary}. */
  public long publish(Dataset<Row> data, String dataset, LocalDate date, Map<String, String> writeOptions,
      String... partitionBy) {
    Staged s = stage(data, dataset, date, List.of(), writeOptions, partitionBy);
    commit(s);
    return s.rows();
  }

  /**
   * A dataset written to its hidden staging folder and not yet visible: {@link #commit} swaps it
   * in, {@link #discard} drops it. {@code metrics} holds the extra metrics asked of {@link #stage},
   * computed while the rows were written.
   */
  public record Staged(String dataset, LocalDate date, String staging, long rows, Map<String, Object> metrics) {}

  /**
   * Writes {@code data} to a hidden staging folder beside the dataset's place for the date. The
   * row count, the order-independent row hash ({@link PublishedOutputs#rowHash}, kept in the
   * folder's {@value #ROW_HASH_FILE} file for the manifest) and the caller's extra aggregate
   * {@code metrics} (named columns) are computed during the write itself, so nothing is read twice.
   */
  public Staged stage(Dataset<Row> data, String dataset, LocalDate date, List<Column> metrics, String... partitionBy) {
    return stage(data, dataset, date, metrics, Map.of(), partitionBy);
  }

  /** {@link #stage} with Parquet writer options, e.g. {@link #withoutDictionary}. */
  public Staged stage(Dataset<Row> data, String dataset, LocalDate date, List<Column> metrics,
      Map<String, String> writeOptions, String... partitionBy) {
    String staging = root + "/" + dataset + "/_staging_run_date=" + date + "_" + UUID.randomUUID();
    Observation observation = new Observation("publish " + dataset + " " + UUID.randomUUID());
    List<Column> all = new ArrayList<>(PublishedOutputs.rowHashMetrics());
    all.addAll(metrics);
    Dataset<Row> observed = data.withColumn(PublishedOutputs.HASH, PublishedOutputs.rowHashColumn(data.schema()))
        .observe(observation, all.get(0), all.subList(1, all.size()).toArray(new Column[0]))
        .drop(PublishedOutputs.HASH);
    var writer = observed.write().mode(SaveMode.Overwrite).options(writeOptions);
    if (partitionBy.length > 0) {
      writer = writer.partitionBy(partitionBy);
    }
    writer.parquet(staging);
    Map<String, Object> observedMetrics = observed(observation, staging);
    long rows = ((Number) observedMetrics.get(PublishedOutputs.ROWS)).longValue();
    try {
      Path stagingPath = new Path(staging);
      FileSystem fs = fs(stagingPath);
      renameParts(fs, stagingPath);
      writeBytes(staging + "/" + ROW_HASH_FILE, PublishedOutputs.rowHash(observedMetrics).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage " + path(dataset, date), e);
    }
    return new Staged(dataset, date, staging, rows, observedMetrics);
  }

  /**
   * Writer options that store {@code columns} without Parquet's dictionary encoding (per column,
   * {@code parquet.enable.dictionary#<column>}). For a column of many distinct values the
   * dictionary costs a hash lookup per value and saves little space: the clean VAS's volume_mb
   * (27M doubles at 1M customers) wrote 23 % faster without it, its files 6 % bigger
   * (docs/benchmarks.md, "ingest").
   */
  public static Map<String, String> withoutDictionary(List<String> columns) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String c : columns) {
      options.put("parquet.enable.dictionary#" + c, "false");
    }
    return options;
  }

  /**
   * Records that the staged dataset's rows were written hash-partitioned by {@code key}, one file
   * per partition, each sorted by the key: every value of the key sits in one file. Readers may
   * then aggregate per key file by file, without a shuffle ({@link #clusteredBy}).
   */
  public void markClustered(Staged s, String key) {
    writeBytes(s.staging() + "/" + CLUSTERED_BY_FILE, key.getBytes(StandardCharsets.UTF_8));
  }

  /** The key a published dataset was marked clustered by ({@link #markClustered}), or null. */
  public String clusteredBy(String dataset, LocalDate date) {
    String key = readText(path(dataset, date) + "/" + CLUSTERED_BY_FILE);
    return key == null ? null : key.strip();
  }

  /** Swaps a staged dataset in, replacing what was published for its date. */
  public void commit(Staged s) {
    String finalPath = path(s.dataset(), s.date());
    try {
      Path stagingPath = new Path(s.staging());
      swapIn(fs(stagingPath), stagingPath, new Path(finalPath));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + finalPath, e);
    }
    onCommit.accept(s.dataset());
  }

  /** Drops a staged dataset that will not be published; what was published stays. */
  public void discard(Staged s) {
    Path p = new Path(s.staging());
    try {
      fs(p).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p, e);
    }
  }

  /**
   * The observed metrics of a finished write. Spark reports them right after the action; a write
   * that ran but reported nothing within a minute is a Spark failure, said with the folder.
   */
  private static Map<String, Object> observed(Observation observation, String staging) {
    try {
      Row r = Await.result(observation.future(), Duration.create(60, TimeUnit.SECONDS));
      Map<String, Object> m = new LinkedHashMap<>();
      String[] names = r.schema().fieldNames();
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], r.get(i));
      }
      return m;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GridLensException.stageFailed("interrupted while writing " + staging);
    } catch (Exception e) { // TimeoutException, declared by Scala only
      throw GridLensException.stageFailed("Spark wrote " + staging + " but reported no row count: " + e);
    }
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

  /**
   * Writes a file for people into the exports (grid scores, lists): atomically, and without the
   * checksum side files Hadoop writes for its own files ({@link ExportFileSystem}).
   */
  public void writeExport(String file, byte[] bytes) {
    new ExportFileSystem(spark.sparkContext().hadoopConfiguration()).write(file, bytes);
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
