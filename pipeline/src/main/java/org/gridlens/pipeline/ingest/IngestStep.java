package org.gridlens.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.StableLayout;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Quarantine;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ingest} stage: turns one run date's raw extracts into clean typed Parquet plus a
 * quarantine of every rejected row with its reason, and writes the data-quality report.
 *
 * <p>Order of work, chosen so a failure never leaves half an output: (1) list every extract's
 * files and check every header on the driver; (2) per extract, customers and cells first (the
 * others check references against them), parse and validate, and stage the clean rows and then
 * the quarantine (counted while written; an extract with a key is parsed once and cached, one
 * without is parsed in full for the clean rows and only its rejected lines again for the
 * quarantine); (3) check every extract's reject ratio; only then (4) publish clean and
 * quarantine per extract (each publish is atomic) and (5) the report.
 */
public final class IngestStep implements Step {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStep.class);

  /** Customers and cells first: the other extracts' reference checks read their clean ids. */
  static final List<Extract> ORDER =
      List.of(Extract.CUSTOMERS, Extract.CELLS, Extract.BILLING, Extract.CDR, Extract.COMPLAINTS, Extract.VAS);

  private static final String NULLS = "_gl_nulls_";
  private static final String REASON = "_gl_reason_";

  @Override
  public StepName name() {
    return StepName.INGEST;
  }

  @Override
  public StepResult run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    IngestConfig cfg = ctx.config().ingest();
    Warehouse wh = ctx.warehouse();
    LocalDate date = ctx.runDate();
    ExtractReader reader = new ExtractReader(spark, ctx.input(), cfg, date);

    Map<Extract, List<InputFile>> files = new EnumMap<>(Extract.class);
    for (Extract e : ORDER) {
      List<InputFile> f = reader.list(e);
      reader.checkHeaders(e, f);
      files.put(e, f);
      LOG.info("ingest {}: {} file(s), {} bytes", e.id(), f.size(), f.stream().mapToLong(InputFile::size).sum());
    }

    List<Warehouse.Staged> staged = new ArrayList<>();
    Map<Extract, ExtractCounts> counts = new EnumMap<>(Extract.class);
    List<Dataset<Row>> cached = new ArrayList<>();
    boolean committed = false;
    Broadcast<References> references = null;
    try {
      String[] customerIds = null;
      String[] cellIds = null;
      for (Extract e : ORDER) {
        ExtractRules rules = ExtractRules.of(e);
        List<InputFile> extractFiles = files.get(e);
        boolean referencing = rules.customerRef() != null || rules.cellRef() != null;
        if (referencing && references == null) { // customers and cells come first in ORDER
          references = JavaSparkContext.fromSparkContext(spark.sparkContext())
              .broadcast(new References(customerIds, cellIds));
        }
        // An extract with a key is read three times (duplicate keys, clean, quarantine): its parsed
        // rows are cached once, uncompressed (SparkSessions.CACHE_COMPRESSED). A key-less one (cdr,
        // vas: nine rows in ten of a city) is parsed once in full, for the clean rows, which
        // records the lines it rejected; the quarantine pass then reads only the files with
        // rejects and validates only those lines (docs/ingest.md, "What is read twice").
        Broadcast<References> refs = referencing ? references : null;
        RejectedLinesAccumulator rejected = null;
        if (rules.key().isEmpty()) {
          rejected = new RejectedLinesAccumulator();
          spark.sparkContext().register(rejected);
        }
        Dataset<Row> parsed = reader.read(e, extractFiles, refs, rejected);
        if (!rules.key().isEmpty()) {
          parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK());
          cached.add(parsed);
        }
        spark.sparkContext().setJobDescription("ingest " + e.id() + ": parse, validate, find duplicate keys");
        CrossRowRules.Verdicts verdicts = CrossRowRules.apply(rules, parsed, CrossRowRules.BROADCAST_MAX_DUPLICATES);
        cached.addAll(verdicts.cached());
        Dataset<Row> rows = verdicts.rows();
        boolean byKey = verdicts.byKey();
        // both outputs are written to staging while their counts are taken; only when every
        // extract is under its reject threshold are they swapped in
        Dataset<Row> cleanRows = rules.clusterBy() == null
            ? stableOrder(clean(rows), byKey, extractFiles).select(columns(rules.columnNames()))
            : clustered(clean(rows).select(columns(rules.columnNames())), rules, extractFiles,
                ctx.config().run().shufflePartitions());
        spark.sparkContext().setJobDescription("ingest " + e.id() + ": parse, validate, write clean");
        Warehouse.Staged cleanOut =
            wh.stage(Schemas.conform(cleanRows, rules.clean()), Datasets.clean(e), date, nullCounts(rules),
                Warehouse.withoutDictionary(rules.withoutDictionary()));
        staged.add(cleanOut);
        if (rules.clusterBy() != null) {
          wh.markClustered(cleanOut, rules.clusterBy());
        }
        Dataset<Row> rejectedRows =
            rejected == null ? rows : reader.readRejected(e, extractFiles, refs, rejected.value());
        Dataset<Row> quarantine = stableOrder(rejectedRows.filter(col(Quarantine.REASON).isNotNull()), byKey, extractFiles)
            .select(columns(Quarantine.SCHEMA.fieldNames()));
        spark.sparkContext().setJobDescription("ingest " + e.id() + ": write quarantine");
        Warehouse.Staged quarantineOut =
            wh.stage(Schemas.conform(quarantine, Quarantine.SCHEMA), Datasets.quarantine(e), date, reasonCounts());
        staged.add(quarantineOut);
        spark.sparkContext().setJobDescription(null);
        ExtractCounts c = counts(e, rules, cleanOut, quarantineOut, extractFiles.size(), cfg.maxRejectRatio(e));
        counts.put(e, c);
        LOG.info("ingest {}: read {}, clean {}, quarantined {} ({})", e.id(), c.read(), c.clean(), c.quarantined(),
            c.quarantinedByReason());
        if (c.overThreshold()) {
          throw GridLensException.badInput(String.format(java.util.Locale.ROOT,
              "ingest %s: %d of %d rows rejected (%.2f%%), above max_reject_ratio %.2f%% (%s); nothing was published",
              e.id(), c.quarantined(), c.read(), 100 * c.rejectRatio(), 100 * c.maxRejectRatio(),
              c.quarantinedByReason()));
        }
        if (e == Extract.CUSTOMERS) {
          customerIds = ids(rows, Customers.CUSTOMER_ID);
        } else if (e == Extract.CELLS) {
          cellIds = ids(rows, Cells.CELL_ID);
        }
        cached.forEach(Dataset::unpersist);
        cached.clear();
      }

      StepResult.Builder result = StepResult.builder();
      staged.forEach(wh::commit);
      committed = true;
      for (Extract e : ORDER) {
        ExtractCounts c = counts.get(e);
        result.input(e.id(), c.read()).output(Datasets.clean(e), c.clean()).output(Datasets.quarantine(e), c.quarantined())
            .rejects(c.quarantined());
      }

      String previous = previousReport(wh, date);
      String json = QualityReport.json(date, reader.windowStart(), new ArrayList<>(counts.values()), previous);
      wh.writeText(wh.file(reportPath(date)), json);
      LOG.info("\n{}", QualityReport.table(json));
      for (ExtractCounts c : counts.values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", c.read());
        m.put("clean", c.clean());
        m.put("quarantined", c.quarantined());
        Map<String, Long> by = new LinkedHashMap<>();
        c.quarantinedByReason().forEach((r, n) -> by.put(r.name(), n));
        m.put("quarantined_by_reason", by);
        result.metric(c.extract().id(), m);
      }
      result.metric("report", reportPath(date));
      return result.build();
    } catch (Exception ex) { // Spark throws its (checked) SparkException undeclared
      throw unreadable(ex);
    } finally {
      spark.sparkContext().setJobDescription(null);
      if (!committed) {
        staged.forEach(s -> discardQuietly(wh, s));
      }
      cached.forEach(Dataset::unpersist);
      if (references != null) {
        references.destroy();
      }
    }
  }

  static String reportPath(LocalDate date) {
    return "reports/ingest/" + date + ".json";
  }

  /**
   * Rows in an order that depends only on the input and the configuration, never on the number of
   * cores (the clean rows of a clustered extract: {@link #clustered}). CSV-only extracts: their
   * partitions are exactly the input files (one task per file, in a fixed order, rows in line
   * order; the broadcast lookups of references and duplicates keep it), so they are left as they
   * are — a global sort would be a shuffle of the biggest extracts for nothing. Parquet input is
   * split by Spark by size and cores, so its rows are hash-partitioned by file and sorted within.
   * {@code byKey}: the duplicate rule ranked the whole extract by key, which hash-partitioned it
   * into {@code spark.sql.shuffle.partitions} partitions, so each partition is sorted by (source
   * file, line) — no second shuffle.
   */
  private static Dataset<Row> stableOrder(Dataset<Row> rows, boolean byKey, List<InputFile> files) {
    if (byKey) {
      return rows.sortWithinPartitions(col(Quarantine.SOURCE_FILE), col(ParsedRows.ORDER));
    }
    if (files.stream().allMatch(f -> f.kind() == InputFile.Kind.CSV)) {
      return rows;
    }
    // each file's rows in one partition, in file order: hash partitions need no sample (a range
    // partitioner's bounds come from a sample seeded by the RDD's id, which moves with every job
    // run before, so the files' contents would too)
    return rows.repartition(col(Quarantine.SOURCE_FILE))
        .sortWithinPartitions(col(Quarantine.SOURCE_FILE), col(ParsedRows.ORDER));
  }

  /** Input bytes per file of a clustered extract's clean output (see {@link #clustered}). */
  static final long CLUSTER_INPUT_BYTES_PER_FILE = 64L << 20;

  /**
   * The clean rows clustered by {@link ExtractRules#clusterBy}: hash partitions of the key, one
   * Parquet file each, every file sorted by the key, the dated column and then every other column
   * (so the order, and the bytes, depend only on the rows). At least {@code run.shuffle_partitions}
   * files, more for big inputs (one per 64 MiB of input files), so a reader's task per file stays
   * small.
   */
  static Dataset<Row> clustered(Dataset<Row> clean, ExtractRules rules, List<InputFile> files, int minPartitions) {
    long bytes = files.stream().mapToLong(InputFile::size).sum();
    long bySize = (bytes + CLUSTER_INPUT_BYTES_PER_FILE - 1) / CLUSTER_INPUT_BYTES_PER_FILE;
    int partitions = (int) Math.max(minPartitions, Math.min(100_000, bySize));
    String key = rules.clusterBy();
    // then the dated column (a customer's calls in time order), then the rest
    List<String> thenBy = new ArrayList<>();
    if (rules.windowColumn() != null) {
      thenBy.add(rules.windowColumn());
    }
    for (String c : rules.columnNames()) {
      if (!c.equals(key) && !thenBy.contains(c)) {
        thenBy.add(c);
      }
    }
    return StableLayout.byKey(clean, partitions, key, thenBy.toArray(new String[0]));
  }

  /** The clean ids of customers or cells, for the reference rules of the extracts read after them. */
  private static String[] ids(Dataset<Row> rows, String column) {
    return clean(rows).select(col(column)).as(Encoders.STRING()).collectAsList().toArray(new String[0]);
  }

  private static Dataset<Row> clean(Dataset<Row> rows) {
    return rows.filter(col(Quarantine.REASON).isNull());
  }

  /** Per optional clean column, the number of rows where it is null, named by the column. */
  private static List<Column> nullCounts(ExtractRules rules) {
    List<Column> aggs = new ArrayList<>();
    for (String c : optionalColumns(rules)) {
      aggs.add(sum(when(col(c).isNull(), lit(1L)).otherwise(lit(0L))).as(NULLS + c));
    }
    return aggs;
  }

  /** Per reject reason, the number of quarantined rows with it. */
  private static List<Column> reasonCounts() {
    List<Column> aggs = new ArrayList<>();
    for (RejectReason r : RejectReason.values()) {
      aggs.add(sum(when(col(Quarantine.REASON).equalTo(r.name()), lit(1L)).otherwise(lit(0L))).as(REASON + r.name()));
    }
    return aggs;
  }

  private static List<String> optionalColumns(ExtractRules rules) {
    List<String> optional = new ArrayList<>();
    for (StructField f : rules.clean().fields()) {
      if (f.nullable()) {
        optional.add(f.name());
      }
    }
    return optional;
  }

  /** What the two staged writes measured: rows per reason, and nulls per optional column among clean rows. */
  private static ExtractCounts counts(Extract e, ExtractRules rules, Warehouse.Staged clean, Warehouse.Staged quarantine,
      int nFiles, double max) {
    Map<RejectReason, Long> by = new EnumMap<>(RejectReason.class);
    for (RejectReason r : RejectReason.values()) {
      long n = metric(quarantine, REASON + r.name());
      if (n > 0) {
        by.put(r, n);
      }
    }
    Map<String, Double> nullRates = new LinkedHashMap<>();
    for (String c : optionalColumns(rules)) {
      nullRates.put(c, clean.rows() == 0 ? 0.0 : (double) metric(clean, NULLS + c) / clean.rows());
    }
    return new ExtractCounts(e, nFiles, clean.rows() + quarantine.rows(), clean.rows(), new LinkedHashMap<>(by), nullRates, max);
  }

  /** A count among a staged write's metrics; a sum over no rows is null, i.e. 0. */
  private static long metric(Warehouse.Staged s, String name) {
    Object v = s.metrics().get(name);
    return v == null ? 0L : ((Number) v).longValue();
  }

  /** Drops a staged output of a failed ingest; a folder left behind is cleared by the next run. */
  private static void discardQuietly(Warehouse wh, Warehouse.Staged s) {
    try {
      wh.discard(s);
    } catch (RuntimeException ex) {
      LOG.warn("cannot remove staged {}: {}", s.staging(), ex.getMessage());
    }
  }

  /** The latest report of a run date before {@code date}, or null. */
  private static String previousReport(Warehouse wh, LocalDate date) {
    Path dir = new Path(wh.file("reports/ingest"));
    try {
      FileSystem fs = wh.fs(dir);
      if (!fs.exists(dir)) {
        return null;
      }
      LocalDate best = null;
      for (FileStatus st : fs.listStatus(dir)) {
        String n = st.getPath().getName();
        if (!n.endsWith(".json") || n.startsWith(".")) {
          continue;
        }
        try {
          LocalDate d = LocalDate.parse(n.substring(0, n.length() - ".json".length()));
          if (d.isBefore(date) && (best == null || d.isAfter(best))) {
            best = d;
          }
        } catch (java.time.format.DateTimeParseException ignored) {
          // not a report of ours
        }
      }
      return best == null ? null : wh.readText(wh.file(reportPath(best)));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static Column[] columns(String[] names) {
    Column[] c = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      c[i] = col(names[i]);
    }
    return c;
  }

  /** A file that broke while Spark read it is bad input, named by its path; anything else passes. */
  private static RuntimeException unreadable(Exception ex) {
    if (ex instanceof GridLensException g) {
      return g;
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UnreadableFileException) {
        return new GridLensException(GridLensException.Kind.BAD_INPUT, t.getMessage(), ex);
      }
      String m = t.getMessage();
      if (m != null && m.contains(UnreadableFileException.class.getSimpleName())) {
        int i = m.indexOf("cannot read ");
        String line = i < 0 ? m : m.substring(i).lines().findFirst().orElse(m);
        return new GridLensException(GridLensException.Kind.BAD_INPUT, line, ex);
      }
    }
    return ex instanceof RuntimeException r ? r : new GridLensException(GridLensException.Kind.STAGE_FAILED, "ingest failed: " + ex.getMessage(), ex);
  }
}
