package org.gridlens.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.ingest.IngestConfig.GeoBox;
import org.gridlens.pipeline.schema.Extract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading edge of ingest: finds an extract's files under the input root, checks every CSV
 * header and Parquet schema on the driver (so a bad header fails the job before any Spark work),
 * and turns the files into {@link ParsedRows}: CSV one Spark task per file, Parquet through
 * Spark's reader; both validated row by row by the same {@link RowValidator}.
 */
final class ExtractReader {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractReader.class);
  private static final String FILE_NAME = "_metadata.file_name";

  private final SparkSession spark;
  private final String inputRoot;
  private final IngestConfig config;
  private final LocalDate windowStart;
  private final LocalDate runDate;

  ExtractReader(SparkSession spark, String inputRoot, IngestConfig config, LocalDate runDate) {
    this.spark = spark;
    this.inputRoot = inputRoot.endsWith("/") ? inputRoot.substring(0, inputRoot.length() - 1) : inputRoot;
    this.config = config;
    this.runDate = runDate;
    this.windowStart = RowValidator.windowStart(runDate, config.windowMonths());
  }

  LocalDate windowStart() {
    return windowStart;
  }

  /**
   * The extract's data files sorted by relative path; empty when the folder is absent or empty and
   * the extract is optional. Fails (BAD_INPUT) for a required extract without files and for a file
   * of an unknown kind (a data file silently skipped would be rows silently lost).
   */
  List<InputFile> list(Extract e) {
    Path dir = new Path(inputRoot + "/" + e.id());
    List<InputFile> out = new ArrayList<>();
    boolean required = config.required().contains(e);
    try {
      FileSystem fs = dir.getFileSystem(hadoopConf());
      if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
        if (required) {
          throw GridLensException.badInput(
              "required extract " + e.id() + " is missing: no folder " + dir + " (set ingest.required to make it optional)");
        }
        return out;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        if (st.isDirectory()) {
          throw GridLensException.badInput(
              "unexpected folder " + e.id() + "/" + name + " in the " + e.id() + " extract (expected *.csv, *.csv.gz or *.parquet files)");
        }
        InputFile.Kind kind = InputFile.kindOf(name);
        if (kind == null) {
          throw GridLensException.badInput(
              "unexpected file " + e.id() + "/" + name + " (expected *.csv, *.csv.gz or *.parquet)");
        }
        out.add(new InputFile(e.id() + "/" + name, st.getPath().toString(), st.getLen(), kind));
      }
    } catch (IOException ex) {
      throw new GridLensException(
          GridLensException.Kind.BAD_INPUT, "cannot list " + dir + ": " + ex.getMessage(), ex);
    }
    if (out.isEmpty() && required) {
      throw GridLensException.badInput("required extract " + e.id() + " has no data files in " + dir);
    }
    out.sort(Comparator.comparing(InputFile::relative));
    return out;
  }

  /** Checks each file's header (CSV) or schema (Parquet) for the required contract columns. */
  void checkHeaders(Extract e, List<InputFile> files) {
    ExtractRules rules = ExtractRules.of(e);
    SourceConfig source = config.source(e);
    for (InputFile f : files) {
      HeaderMapping m;
      String[] header;
      if (f.kind() == InputFile.Kind.CSV) {
        Path p = new Path(f.uri());
        try (InputStream in = p.getFileSystem(hadoopConf()).open(p);
            CsvFileReader r = new CsvFileReader(f.relative(), in, source.charset(), source, rules, null)) {
          m = r.mapping();
          header = r.header();
        } catch (IOException ex) {
          throw new GridLensException(
              GridLensException.Kind.BAD_INPUT, "cannot read " + f.relative() + ": " + ex.getMessage(), ex);
        }
      } else {
        try {
          header = spark.read().parquet(f.uri()).columns();
        } catch (RuntimeException ex) {
          throw new GridLensException(
              GridLensException.Kind.BAD_INPUT, "cannot read " + f.relative() + ": " + firstLine(ex), ex);
        }
        m = HeaderMapping.resolve(header, source, rules);
      }
      if (!m.missingRequired().isEmpty()) {
        throw GridLensException.badInput(
            f.relative() + ": header lacks required column" + (m.missingRequired().size() > 1 ? "s " : " ")
                + String.join(", ", m.missingRequired()) + " (header: " + String.join(", ", header)
                + "; map operator names with ingest.sources." + e.id() + ".columns)");
      }
      if (!m.ambiguous().isEmpty()) {
        throw GridLensException.badInput(
            f.relative() + ": more than one header column maps to " + String.join(", ", m.ambiguous()));
      }
      if (!m.ignored().isEmpty()) {
        LOG.warn("{}: ignoring columns that are not in the {} contract: {}", f.relative(), e.id(), m.ignored());
      }
    }
  }

  /**
   * Every row of the files, validated row by row (per-row rules, then the reference rules when
   * {@code refs} is given), as {@link ParsedRows}. The raw line is kept for rejected rows, and for
   * clean rows only when the duplicate rule may still reject them (extracts with a key). Where a
   * clean row came from (file, line) is kept only when something still reads it: the duplicate
   * rule, or the sort that orders Parquet input ({@code IngestStep.stableOrder}); the clean rows
   * of an extract without a key read from CSV files alone are written in file order as they come.
   *
   * @param rejects when given, every task reading a CSV file records there the lines it rejected
   *     (for {@link #readRejected})
   */
  Dataset<Row> read(Extract e, List<InputFile> files, Broadcast<References> refs, RejectedLinesAccumulator rejects) {
    return read(e, files, refs, rejects, null);
  }

  /**
   * The rows {@link #read} rejected, read again: of the CSV files only those with a line in
   * {@code rejected}, and of those only these lines (every other line is passed over undecoded,
   * and nothing after the last); Parquet files whole. The rows come out as {@link #read} made them,
   * in the same order; the caller still keeps only the rejected ones.
   */
  Dataset<Row> readRejected(Extract e, List<InputFile> files, Broadcast<References> refs, RejectedLines rejected) {
    List<InputFile> some = new ArrayList<>();
    for (InputFile f : files) {
      if (f.kind() != InputFile.Kind.CSV || rejected.files().contains(f.relative())) {
        some.add(f);
      }
    }
    return read(e, some, refs, null, rejected);
  }

  private Dataset<Row> read(
      Extract e, List<InputFile> files, Broadcast<References> refs, RejectedLinesAccumulator rejects,
      RejectedLines only) {
    ExtractRules rules = ExtractRules.of(e);
    StructType schema = ParsedRows.schema(rules);
    RowChecks checks = new RowChecks(rules, config.source(e), config.area(), windowStart, runDate, javaTimeDates(), refs);
    List<InputFile> csv = new ArrayList<>();
    List<InputFile> parquet = new ArrayList<>();
    for (InputFile f : files) {
      (f.kind() == InputFile.Kind.CSV ? csv : parquet).add(f);
    }
    Dataset<Row> out = null;
    if (!csv.isEmpty()) {
      boolean cleanProvenance = !rules.key().isEmpty() || !parquet.isEmpty();
      out = readCsv(checks, csv, schema, cleanProvenance, rejects, only);
    }
    if (!parquet.isEmpty()) {
      Dataset<Row> p = readParquet(checks, parquet, schema);
      out = out == null ? p : out.unionByName(p);
    }
    return out == null ? spark.createDataFrame(Collections.emptyList(), schema) : out;
  }

  private Dataset<Row> readCsv(RowChecks checks, List<InputFile> files, StructType schema, boolean cleanProvenance,
      RejectedLinesAccumulator rejects, RejectedLines only) {
    // largest first, so the longest tasks start first; one file per task
    List<InputFile> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(InputFile::size).reversed().thenComparing(InputFile::relative));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = SerializableConfiguration.broadcast(spark.sparkContext(), hadoopConf());
    // plain strings (relative path, uri): Kryo cannot serialize records
    List<String[]> tasks = new ArrayList<>();
    for (InputFile f : bySize) {
      tasks.add(new String[] {f.relative(), f.uri()});
    }
    JavaRDD<Row> rows =
        jsc.parallelize(tasks, tasks.size())
            .flatMap(new CsvTask(checks, conf, cleanProvenance, rejects, only));
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Reads one CSV file in one task; the rows are produced lazily while the file streams. With
   * {@code rejects}, records every rejected line; with {@code only}, reads only those lines (the
   * task ships the whole set: it holds the lines of the files with rejects, a few bytes per
   * rejected line).
   */
  private static final class CsvTask implements FlatMapFunction<String[], Row> {
    private final RowChecks checks;
    private final Broadcast<SerializableConfiguration> conf;
    private final boolean cleanProvenance;
    private final RejectedLinesAccumulator rejects;
    private final RejectedLines only;

    CsvTask(RowChecks checks, Broadcast<SerializableConfiguration> conf, boolean cleanProvenance,
        RejectedLinesAccumulator rejects, RejectedLines only) {
      this.checks = checks;
      this.conf = conf;
      this.cleanProvenance = cleanProvenance;
      this.rejects = rejects;
      this.only = only;
    }

    @Override
    public Iterator<Row> call(String[] file) {
      String relative = file[0];
      RowValidator v = checks.validator();
      int n = checks.rules.fields().size();
      Finisher finish = checks.finisher(cleanProvenance);
      SourceConfig source = checks.source;
      CsvFileReader reader;
      try {
        Path p = new Path(file[1]);
        InputStream in = p.getFileSystem(conf.value().value()).open(p);
        reader = new CsvFileReader(relative, in, source.charset(), source, checks.rules, v);
        if (only != null) {
          reader.onlyLines(line -> only.contains(relative, line), only.last(relative));
        }
      } catch (IOException ex) {
        throw new UnreadableFileException("cannot read " + relative + ": " + ex.getMessage(), ex);
      }
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          boolean more;
          try {
            more = reader.hasNext();
          } catch (UncheckedIOException ex) {
            closeQuietly();
            throw new UnreadableFileException(ex.getMessage(), ex.getCause());
          }
          if (!more) {
            closeQuietly();
          }
          return more;
        }

        @Override
        public Row next() {
          ParsedLine p = finish.apply(reader.next());
          if (rejects != null && !p.verdict().ok()) {
            rejects.record(relative, p.order());
          }
          return ParsedRows.toRow(p, n);
        }

        private void closeQuietly() {
          try {
            reader.close();
          } catch (IOException ignored) {
            // the data is fully read (or already failed); a close error cannot lose rows
          }
        }
      };
    }
  }

  private Dataset<Row> readParquet(RowChecks checks, List<InputFile> files, StructType schema) {
    ExtractRules rules = checks.rules;
    SourceConfig source = checks.source;
    Map<String, String> relByName = new HashMap<>();
    String[] uris = new String[files.size()];
    for (int i = 0; i < files.size(); i++) {
      uris[i] = files.get(i).uri();
      relByName.put(new Path(files.get(i).uri()).getName(), files.get(i).relative());
    }
    Dataset<Row> df = spark.read().option("mergeSchema", "true").parquet(uris);
    Map<String, StructField> byContract = new HashMap<>();
    for (StructField f : df.schema().fields()) {
      byContract.putIfAbsent(source.columns().getOrDefault(f.name(), f.name()), f);
    }
    List<Column> text = new ArrayList<>();
    for (FieldRule r : rules.fields()) {
      StructField f = byContract.get(r.name());
      text.add(f == null ? lit(null).cast(DataTypes.StringType) : asText(col(quoteName(f.name())), f.dataType(), r, source));
    }
    Column[] all = Arrays.stream(df.columns()).map(c -> col(quoteName(c))).toArray(Column[]::new);
    Dataset<Row> flat =
        df.select(
            struct(text.toArray(new Column[0])).as("t"),
            to_json(struct(all)).as("raw"),
            col(FILE_NAME).as("file"),
            monotonically_increasing_id().as("ord"));
    ParquetTask validate = new ParquetTask(checks, relByName);
    return flat.mapPartitions(validate, Encoders.row(schema));
  }

  /** Validates Parquet rows (already turned into contract-ordered text) with the per-row rules. */
  private static final class ParquetTask implements MapPartitionsFunction<Row, Row> {
    private final RowChecks checks;
    private final Map<String, String> relByName;

    ParquetTask(RowChecks checks, Map<String, String> relByName) {
      this.checks = checks;
      this.relByName = relByName;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> it) {
      RowValidator v = checks.validator();
      int n = checks.rules.fields().size();
      Finisher finish = checks.finisher(true);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Row next() {
          Row r = it.next();
          Row t = r.getStruct(0);
          String[] values = new String[n];
          for (int i = 0; i < n; i++) {
            values[i] = t.isNullAt(i) ? null : t.getString(i);
          }
          String rel = relByName.getOrDefault(r.getString(2), r.getString(2));
          return ParsedRows.toRow(finish.apply(new ParsedLine(rel, null, r.getLong(3), r.getString(1), v.validate(values))), n);
        }
      };
    }
  }

  /**
   * What a task needs to check its rows, built on the driver and shipped with the task: the
   * per-row rules of the extract and, when {@code refs} is given, the reference rules.
   */
  private static final class RowChecks implements Serializable {
    private static final long serialVersionUID = 1L;
    final ExtractRules rules;
    final SourceConfig source;
    private final GeoBox area;
    private final LocalDate start;
    private final LocalDate end;
    private final boolean javaTime;
    private final Broadcast<References> refs;

    RowChecks(ExtractRules rules, SourceConfig source, GeoBox area, LocalDate start, LocalDate end, boolean javaTime,
        Broadcast<References> refs) {
      this.rules = rules;
      this.source = source;
      this.area = area;
      this.start = start;
      this.end = end;
      this.javaTime = javaTime;
      this.refs = refs;
    }

    RowValidator validator() {
      return new RowValidator(rules, source, area, start, end, javaTime);
    }

    Finisher finisher(boolean cleanProvenance) {
      return new Finisher(rules, refs, cleanProvenance);
    }
  }

  /**
   * The last per-row step inside a task: the reference rules, then dropping what nothing reads of
   * a clean row, so it is neither copied nor cached: its raw line when no later rule can reject
   * it (extracts without a key), and its file and line when {@code cleanProvenance} is false (at
   * 30M calls the file name alone was a quarter of the cached bytes).
   */
  private static final class Finisher {
    private final References.Check check;
    private final boolean keepCleanRaw;
    private final boolean cleanProvenance;

    Finisher(ExtractRules rules, Broadcast<References> refs, boolean cleanProvenance) {
      this.check = refs == null ? null : refs.value().forExtract(rules);
      this.keepCleanRaw = !rules.key().isEmpty();
      this.cleanProvenance = cleanProvenance;
    }

    ParsedLine apply(ParsedLine p) {
      Verdict v = check == null ? p.verdict() : check.apply(p.verdict());
      if (v.ok() && !keepCleanRaw) {
        return cleanProvenance
            ? new ParsedLine(p.sourceFile(), p.lineNumber(), p.order(), null, v)
            : new ParsedLine(null, null, p.order(), null, v);
      }
      return v == p.verdict() ? p : new ParsedLine(p.sourceFile(), p.lineNumber(), p.order(), p.rawLine(), v);
    }
  }

  /** A Parquet column as the text the CSV path would have seen, in the source's patterns. */
  private static Column asText(Column c, DataType type, FieldRule rule, SourceConfig source) {
    boolean dateLike = type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType)
        || type.equals(DataTypes.TimestampNTZType);
    if (dateLike) {
      String pattern =
          switch (rule.type()) {
            case MONTH -> source.monthFormat();
            case TIMESTAMP -> source.timestampFormat();
            default -> source.dateFormat();
          };
      return date_format(c, pattern);
    }
    if (rule.type() == FieldRule.Type.MONEY && !(type instanceof org.apache.spark.sql.types.DecimalType)) {
      // a double 12.3 must reach the validator as plain decimal text, never as 1.23E1
      return c.cast(DataTypes.createDecimalType(38, 10)).cast(DataTypes.StringType);
    }
    return c.cast(DataTypes.StringType);
  }

  private static String quoteName(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private boolean javaTimeDates() {
    return Boolean.parseBoolean(spark.conf().get("spark.sql.datetime.java8API.enabled", "false"));
  }

  private Configuration hadoopConf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
