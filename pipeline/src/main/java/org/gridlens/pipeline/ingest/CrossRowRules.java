package org.gridlens.pipeline.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;
import org.gridlens.pipeline.schema.Quarantine;
import org.gridlens.pipeline.schema.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule that needs other rows of the same extract: DUPLICATE_KEY (among the rows still clean,
 * the first by source file then line is kept). It runs after every per-row and reference rule
 * ({@link References}, applied while parsing), so it is last in {@link RejectReason} order. No
 * I/O: in and out are {@link ParsedRows}.
 *
 * <p>Two ways to the same verdicts. {@link #duplicates} finds the duplicate rows from the key,
 * file and line of the clean rows alone (one shuffle of those few columns), and {@link #mark}
 * looks them up by broadcast: the extract's rows keep their partitions and order and are never
 * shuffled. That needs the duplicates few enough to broadcast ({@link #BROADCAST_MAX_DUPLICATES});
 * with more, {@link #apply} ranks every row of the extract in a window partitioned by key.
 */
final class CrossRowRules {

  /**
   * Most duplicate rows {@link #mark} broadcasts (each a file name, a line and the kept row's
   * file and line: about 10 MB); an extract with more is the rare broken delivery that also fails
   * its reject threshold unless that is set very high.
   */
  static final long BROADCAST_MAX_DUPLICATES = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(CrossRowRules.class);
  private static final String RN = "_rn";
  private static final String STILL_CLEAN = "_still_clean";
  private static final String KEPT_FILE = "_kept_file";
  private static final String KEPT_LINE = "_kept_line";
  private static final String DUP_FILE = "_dup_file";
  private static final String DUP_ORDER = "_dup_order";

  private CrossRowRules() {}

  /**
   * The extract's rows with the rule applied. {@code byKey}: they were ranked whole by key, so they
   * come in {@code spark.sql.shuffle.partitions} hash partitions of the key; otherwise in the
   * partitions and order of {@code parsed}. {@code cached}: what this persisted, for the caller to
   * drop once the rows are written.
   */
  record Verdicts(Dataset<Row> rows, boolean byKey, List<Dataset<Row>> cached) {}

  /**
   * The rule on {@code parsed} (which the caller has cached: it is read more than once). Runs one
   * Spark job, counting the duplicates: up to {@code broadcastMax} of them are looked up by
   * broadcast ({@link #mark}), more rank the whole extract by key ({@link #apply(ExtractRules,
   * Dataset)}).
   */
  static Verdicts apply(ExtractRules rules, Dataset<Row> parsed, long broadcastMax) {
    if (rules.key().isEmpty()) {
      return new Verdicts(parsed, false, List.of());
    }
    Dataset<Row> dups = duplicates(parsed, rules.key()).persist(StorageLevel.MEMORY_AND_DISK());
    long n = dups.count();
    if (n <= broadcastMax) {
      return new Verdicts(mark(parsed, dups, rules.key()), false, List.of(dups));
    }
    LOG.warn("ingest {}: {} duplicate-key rows, more than {} to look up by broadcast: ranking the whole extract by key",
        rules.extract().id(), n, broadcastMax);
    dups.unpersist();
    Dataset<Row> ranked = apply(rules, parsed).persist(StorageLevel.MEMORY_AND_DISK());
    return new Verdicts(ranked, true, List.of(ranked));
  }

  /** The rule by a window over every row of the extract (one shuffle of the whole extract by key). */
  static Dataset<Row> apply(ExtractRules rules, Dataset<Row> parsed) {
    return rules.key().isEmpty() ? parsed : byWindow(parsed, rules.key());
  }

  /**
   * The duplicate rows among the clean rows of {@code parsed}: their (source file, order) as
   * {@code _dup_file}, {@code _dup_order}, with the file and line of the row kept for their key.
   * Only the key, file and line columns of the clean rows are shuffled.
   */
  static Dataset<Row> duplicates(Dataset<Row> parsed, List<String> key) {
    List<Column> keyColumns = columns(key);
    WindowSpec w = firstByFileAndLine(keyColumns);
    List<Column> keep = new ArrayList<>(keyColumns);
    keep.add(col(Quarantine.SOURCE_FILE));
    keep.add(col(Quarantine.LINE_NUMBER));
    keep.add(col(ParsedRows.ORDER));
    return parsed.filter(col(Quarantine.REASON).isNull())
        .select(keep.toArray(new Column[0]))
        .withColumns(ranks(w))
        .filter(col(RN).gt(1))
        .select(col(Quarantine.SOURCE_FILE).as(DUP_FILE), col(ParsedRows.ORDER).as(DUP_ORDER), col(KEPT_FILE),
            col(KEPT_LINE));
  }

  /**
   * {@code parsed} with the {@link #duplicates} marked, looked up by broadcast on (source file,
   * order): the rows keep the partitions and the order they came in.
   */
  static Dataset<Row> mark(Dataset<Row> parsed, Dataset<Row> duplicates, List<String> key) {
    Column at = col(Quarantine.SOURCE_FILE).equalTo(col(DUP_FILE)).and(col(ParsedRows.ORDER).equalTo(col(DUP_ORDER)));
    Dataset<Row> joined = parsed.join(broadcast(duplicates), at, "left");
    return withVerdict(joined, col(DUP_ORDER).isNotNull(), key)
        .select(columns(List.of(parsed.columns())).toArray(new Column[0]));
  }

  private static Dataset<Row> byWindow(Dataset<Row> rows, List<String> key) {
    List<Column> part = columns(key);
    // rejected rows form their own partitions: only rows still clean compete for a key. The flag is
    // a column of its own and the three window functions are added in one projection, so Spark
    // plans one exchange and one sort (an expression repeated per window made it three of each)
    part.add(col(STILL_CLEAN));
    WindowSpec w = firstByFileAndLine(part);
    Dataset<Row> ranked = rows.withColumn(STILL_CLEAN, col(Quarantine.REASON).isNull()).withColumns(ranks(w));
    return withVerdict(ranked, col(STILL_CLEAN).and(col(RN).gt(1)), key).drop(RN, KEPT_FILE, KEPT_LINE, STILL_CLEAN);
  }

  private static List<Column> columns(List<String> names) {
    List<Column> cols = new ArrayList<>();
    for (String n : names) {
      cols.add(col(n));
    }
    return cols;
  }

  /** Groups of {@code partition}, each ordered by (source file, line): the kept row comes first. */
  private static WindowSpec firstByFileAndLine(List<Column> partition) {
    return Window.partitionBy(partition.toArray(new Column[0])).orderBy(col(Quarantine.SOURCE_FILE), col(ParsedRows.ORDER));
  }

  /** Row number in the key's group, and the file and line of the group's first (kept) row. */
  private static Map<String, Column> ranks(WindowSpec w) {
    Map<String, Column> ranks = new LinkedHashMap<>();
    ranks.put(RN, row_number().over(w));
    ranks.put(KEPT_FILE, first(col(Quarantine.SOURCE_FILE)).over(w));
    ranks.put(KEPT_LINE, first(col(Quarantine.LINE_NUMBER)).over(w));
    return ranks;
  }

  /** Reason and detail of the rows where {@code dup} holds, from columns {@code _kept_file}, {@code _kept_line}. */
  private static Dataset<Row> withVerdict(Dataset<Row> rows, Column dup, List<String> key) {
    Column keyText = lit("");
    for (int i = 0; i < key.size(); i++) {
      keyText = concat(keyText, lit((i == 0 ? "" : ", ") + key.get(i) + "='"), col(key.get(i)).cast("string"), lit("'"));
    }
    return rows
        .withColumn(Quarantine.DETAIL,
            when(dup, concat(keyText, lit(": duplicate key, kept the row at "), col(KEPT_FILE),
                    lit(":"), coalesce(col(KEPT_LINE).cast("string"), lit("?"))))
                .otherwise(col(Quarantine.DETAIL)))
        .withColumn(Quarantine.REASON, when(dup, lit(RejectReason.DUPLICATE_KEY.name())).otherwise(col(Quarantine.REASON)));
  }
}
