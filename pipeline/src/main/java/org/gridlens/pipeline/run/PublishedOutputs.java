package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.run.RunManifest.DatasetFingerprint;
import org.gridlens.pipeline.run.RunManifest.FileFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage left in the warehouse for a run date: finds the datasets it published, takes their
 * fingerprints for the manifest, verifies them again on resume (a file lost, truncated, rewritten
 * or with a broken Parquet footer makes the stage incomplete), and clears the hidden staging and
 * trash folders a killed run leaves behind.
 */
final class PublishedOutputs {

  private static final Logger LOG = LoggerFactory.getLogger(PublishedOutputs.class);
  static final String HASH = "_gl_row_hash";
  static final String ROWS = "_gl_rows";
  private static final String HASH_HIGH = "_gl_row_hash_high";
  private static final String HASH_LOW = "_gl_row_hash_low";

  private final Warehouse warehouse;
  private final LocalDate date;

  PublishedOutputs(Warehouse warehouse, LocalDate date) {
    this.warehouse = warehouse;
    this.date = date;
  }

  /** Fingerprints of the given datasets (those that exist for the date). */
  Map<String, DatasetFingerprint> fingerprint(Collection<String> datasets, boolean content) {
    Map<String, DatasetFingerprint> out = new LinkedHashMap<>();
    for (String ds : new TreeSet<>(datasets)) {
      if (ds.contains("..") || !warehouse.exists(ds, date)) {
        continue;
      }
      List<FileFingerprint> files = files(ds, content);
      long rows = files.stream().mapToLong(FileFingerprint::rows).sum();
      out.put(ds, new DatasetFingerprint(rows, rowHash(ds), files));
    }
    return out;
  }

  /** Why a completed dataset can no longer be trusted, or empty when it is as recorded. */
  Optional<String> verify(String dataset, DatasetFingerprint recorded, boolean content) {
    if (!warehouse.exists(dataset, date)) {
      return Optional.of(dataset + " is missing");
    }
    List<FileFingerprint> now;
    try {
      now = files(dataset, content && recorded.files().stream().allMatch(f -> f.sha256() != null));
    } catch (RuntimeException e) {
      return Optional.of(dataset + " is unreadable: " + e.getMessage());
    }
    Map<String, FileFingerprint> byName = new LinkedHashMap<>();
    now.forEach(f -> byName.put(f.name(), f));
    for (FileFingerprint f : recorded.files()) {
      FileFingerprint g = byName.remove(f.name());
      if (g == null) {
        return Optional.of(dataset + ": file " + f.name() + " is missing");
      }
      if (g.size() != f.size() || g.rows() != f.rows()) {
        return Optional.of(dataset + ": file " + f.name() + " has " + g.size() + " bytes / " + g.rows()
            + " rows, the manifest says " + f.size() + " / " + f.rows());
      }
      if (f.sha256() != null && g.sha256() != null && !f.sha256().equals(g.sha256())) {
        return Optional.of(dataset + ": file " + f.name() + " changed since it was written (SHA-256 differs)");
      }
    }
    if (!byName.isEmpty()) {
      return Optional.of(dataset + ": unexpected files " + byName.keySet());
    }
    return Optional.empty();
  }

  /** Deletes hidden staging/trash folders of this date that a killed run left behind. */
  int clearLeftovers() {
    int n = 0;
    try {
      Path root = new Path(warehouse.root());
      FileSystem fs = warehouse.fs(root);
      if (fs.exists(root)) {
        n = clear(fs, root, 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  private int clear(FileSystem fs, Path dir, int depth) throws IOException {
    int n = 0;
    String staging = "_staging_run_date=" + date + "_";
    String trash = "_trash_run_date=" + date + "_";
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (!st.isDirectory()) {
        continue;
      }
      if (name.startsWith(staging) || name.startsWith(trash)) {
        LOG.warn("removing {} left behind by an interrupted run", st.getPath());
        fs.delete(st.getPath(), true);
        n++;
      } else if (!name.startsWith("_") && !name.startsWith(".") && !name.startsWith("run_date=") && depth < 3) {
        n += clear(fs, st.getPath(), depth + 1);
      }
    }
    return n;
  }

  private List<FileFingerprint> files(String dataset, boolean content) {
    Path dir = new Path(warehouse.path(dataset, date));
    List<FileFingerprint> out = new ArrayList<>();
    try {
      FileSystem fs = warehouse.fs(dir);
      Configuration conf = fs.getConf();
      collect(fs, conf, dir, "", content, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  private static void collect(FileSystem fs, Configuration conf, Path dir, String prefix, boolean content,
      List<FileFingerprint> out) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        continue;
      }
      if (st.isDirectory()) {
        collect(fs, conf, st.getPath(), prefix + n + "/", content, out);
        continue;
      }
      long rows;
      try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(st, conf))) {
        rows = r.getRecordCount();
      } catch (IOException | RuntimeException e) {
        throw new UncheckedIOException(new IOException(prefix + n + " is not a readable Parquet file (" + e.getMessage() + ")", e));
      }
      out.add(new FileFingerprint(prefix + n, st.getLen(), rows, content ? sha256(fs, st.getPath()) : null));
    }
  }

  private static String sha256(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int k; (k = in.read(buf)) > 0; ) {
        md.update(buf, 0, k);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Order-independent hash of the rows, so two runs can be compared however their files are split:
   * the one {@link Warehouse#stage} computed while writing, else computed from the files.
   */
  private String rowHash(String dataset) {
    try {
      String kept = warehouse.readText(warehouse.path(dataset, date) + "/" + Warehouse.ROW_HASH_FILE);
      return kept != null ? kept.strip() : rowHash(warehouse.read(dataset, date));
    } catch (RuntimeException e) {
      LOG.warn("no row hash for {}: {}", dataset, e.getMessage());
      return null;
    }
  }

  /** The sum over rows of {@code xxhash64} of the whole row, as a decimal string. */
  static String rowHash(Dataset<Row> df) {
    List<Column> m = rowHashMetrics();
    Row r = df.withColumn(HASH, rowHashColumn(df.schema())).agg(m.get(0), m.subList(1, m.size()).toArray(new Column[0])).first();
    return rowHash(Map.<String, Object>of(HASH_HIGH, r.isNullAt(1) ? 0L : r.getLong(1), HASH_LOW, r.isNullAt(2) ? 0L : r.getLong(2)));
  }

  /** {@code xxhash64} of every column of a row of {@code schema}. */
  static Column rowHashColumn(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      // Spark refuses to hash maps; their sorted entries hash the same content
      cols.add(f.dataType() instanceof MapType ? array_sort(map_entries(col(f.name()))) : col(f.name()));
    }
    return xxhash64(cols.toArray(new Column[0]));
  }

  /**
   * The aggregates behind the row hash, over a column {@link #HASH} holding {@link #rowHashColumn}:
   * the row count, then the exact sum of the signed 64-bit hashes as two long sums (high words,
   * signed, and low words, unsigned) that cannot overflow below 2^31 rows — a DECIMAL sum made a
   * BigDecimal per row, most of the fingerprints' time at 61M rows.
   */
  static List<Column> rowHashMetrics() {
    Column h = col(HASH);
    return List.of(count(lit(1)).as(ROWS), sum(shiftright(h, 32)).as(HASH_HIGH),
        sum(h.bitwiseAND(lit(0xFFFFFFFFL))).as(HASH_LOW));
  }

  /** The row hash from the {@link #rowHashMetrics} (sums are null over no rows). */
  static String rowHash(Map<String, Object> metrics) {
    Object hi = metrics.get(HASH_HIGH);
    Object lo = metrics.get(HASH_LOW);
    if (hi == null) {
      return "0";
    }
    return BigInteger.valueOf((Long) hi).shiftLeft(32).add(BigInteger.valueOf((Long) lo)).toString();
  }
}
