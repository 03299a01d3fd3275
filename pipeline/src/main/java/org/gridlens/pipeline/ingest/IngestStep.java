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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.gridlens.pipeline.GridLensException;
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
 * files and check every header on the driver; (2) parse and validate each extract once, cached,
 * customers and cells first (the others check references against them); (3) count, and check every
 * extract's reject ratio; only then (4) publish clean and quarantine per extract (each publish is
 * atomic) and (5) the report.
 */
public final class IngestStep implements Step {

  private static final Logger LOG = LoggerFactory.getLogger(IngestStep.class);

  /** Customers and cells first: the other extracts' reference checks read their clean ids. */
  static final List<Extract> ORDER =
      List.of(Extract.CUSTOMERS, Extract.CELLS, Extract.BILLING, Extract.CDR, Extract.COMPLAINTS, Extract.VAS);

  private static final String N = "_n";
  private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

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

    Map<Extract, Dataset<Row>> labelled = new EnumMap<>(Extract.class);
    List<ExtractCounts> counts = new ArrayList<>();
    // The parsed rows are cached once and read twice (counts, then publish). Spark's default
    // compressed columnar cache spent a quarter of the stage's CPU choosing encodings (profile in
    // docs/benchmarks.md); for a cache read twice and dropped the plain one is cheaper.
    String compressedCache = spark.conf().get(CACHE_COMPRESSED, "true");
    spark.conf().set(CACHE_COMPRESSED, "false");
    try {
      Dataset<Row> customerIds = null;
      Dataset<Row> cellIds = null;
      for (Extract e : ORDER) {
        ExtractRules rules = ExtractRules.of(e);
        Dataset<Row> rows =
            CrossRowRules.apply(rules, reader.read(e, files.get(e)), customerIds, cellIds)
                .persist(StorageLevel.MEMORY_AND_DISK());
        labelled.put(e, rows);
        ExtractCounts c = measure(e, rules, rows, files.get(e).size(), cfg.maxRejectRatio(e));
        counts.add(c);
        LOG.info("ingest {}: read {}, clean {}, quarantined {} ({})", e.id(), c.read(), c.clean(), c.quarantined(),
            c.quarantinedByReason());
        if (c.overThreshold()) {
          throw GridLensException.badInput(String.format(java.util.Locale.ROOT,
              "ingest %s: %d of %d rows rejected (%.2f%%), above max_reject_ratio %.2f%% (%s); nothing was published",
              e.id(), c.quarantined(), c.read(), 100 * c.rejectRatio(), 100 * c.maxRejectRatio(),
              c.quarantinedByReason()));
        }
        if (e == Extract.CUSTOMERS) {
          customerIds = clean(rows).select(col(Customers.CUSTOMER_ID));
        } else if (e == Extract.CELLS) {
          cellIds = clean(rows).select(col(Cells.CELL_ID));
        }
      }

      StepResult.Builder result = StepResult.builder();
      for (Extract e : ORDER) {
        ExtractRules rules = ExtractRules.of(e);
        Dataset<Row> rows = labelled.get(e);
        Dataset<Row> cleanRows = stableOrder(clean(rows), rules, files.get(e)).select(columns(rules.columnNames()));
        Dataset<Row> quarantine = stableOrder(rows.filter(col(Quarantine.REASON).isNotNull()), rules, files.get(e))
            .select(columns(Quarantine.SCHEMA.fieldNames()));
        long nClean = wh.publish(Schemas.conform(cleanRows, rules.clean()), Datasets.clean(e), date);
        long nQuarantine = wh.publish(Schemas.conform(quarantine, Quarantine.SCHEMA), Datasets.quarantine(e), date);
        ExtractCounts c = counts.stream().filter(x -> x.extract() == e).findFirst().orElseThrow();
        result.input(e.id(), c.read()).output(Datasets.clean(e), nClean).output(Datasets.quarantine(e), nQuarantine)
            .rejects(nQuarantine);
      }

      String previous = previousReport(wh, date);
      String json = QualityReport.json(date, reader.windowStart(), counts, previous);
      wh.writeText(wh.file(reportPath(date)), json);
      LOG.info("\n{}", QualityReport.table(json));
      for (ExtractCounts c : counts) {
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
      labelled.values().forEach(Dataset::unpersist);
      spark.conf().set(CACHE_COMPRESSED, compressedCache);
    }
  }

  static String reportPath(LocalDate date) {
    return "reports/ingest/" + date + ".json";
  }

  /**
   * Rows in an order that depends only on the input: sorted by (source file, line). CSV-only
   * extracts without a key skip the sort: their partitions are exactly the input files (one task
   * per file, in a fixed order, rows in line order; the broadcast joins keep it), so the output is
   * already independent of the number of cores, and a global sort would be a shuffle of the
   * biggest extracts (cdr, vas) for nothing.
   */
  private static Dataset<Row> stableOrder(Dataset<Row> rows, ExtractRules rules, List<InputFile> files) {
    boolean csvOnly = files.stream().allMatch(f -> f.kind() == InputFile.Kind.CSV);
    if (rules.key().isEmpty() && csvOnly) {
      return rows;
    }
    return rows.orderBy(col(Quarantine.SOURCE_FILE), col(ParsedRows.ORDER));
  }

  private static Dataset<Row> clean(Dataset<Row> rows) {
    return rows.filter(col(Quarantine.REASON).isNull());
  }

  /** One pass over the cached rows: count per reason, and nulls per optional column among clean rows. */
  private static ExtractCounts measure(Extract e, ExtractRules rules, Dataset<Row> rows, int nFiles, double max) {
    List<String> optional = new ArrayList<>();
    for (StructField f : rules.clean().fields()) {
      if (f.nullable()) {
        optional.add(f.name());
      }
    }
    List<Column> aggs = new ArrayList<>();
    for (String c : optional) {
      aggs.add(sum(when(col(c).isNull(), lit(1L)).otherwise(lit(0L))).as(c));
    }
    Dataset<Row> g = rows.groupBy(col(Quarantine.REASON)).agg(count(lit(1)).as(N), aggs.toArray(new Column[0]));
    long read = 0;
    long clean = 0;
    Map<RejectReason, Long> by = new EnumMap<>(RejectReason.class);
    Map<String, Double> nullRates = new LinkedHashMap<>();
    Row cleanRow = null;
    for (Row r : g.collectAsList()) {
      long n = r.getLong(r.fieldIndex(N));
      read += n;
      if (r.isNullAt(0)) {
        clean = n;
        cleanRow = r;
      } else {
        by.put(RejectReason.valueOf(r.getString(0)), n);
      }
    }
    for (String c : optional) {
      long nulls = cleanRow == null || cleanRow.isNullAt(cleanRow.fieldIndex(c)) ? 0 : cleanRow.getLong(cleanRow.fieldIndex(c));
      nullRates.put(c, clean == 0 ? 0.0 : (double) nulls / clean);
    }
    return new ExtractCounts(e, nFiles, read, clean, new LinkedHashMap<>(by), nullRates, max);
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
