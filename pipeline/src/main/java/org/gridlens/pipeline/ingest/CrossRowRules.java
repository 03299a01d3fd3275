package org.gridlens.pipeline.ingest;

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
import org.gridlens.pipeline.schema.Quarantine;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * The rule that needs other rows of the same extract: DUPLICATE_KEY (among the rows still clean,
 * the first by source file then line is kept). It runs after every per-row and reference rule
 * ({@link References}, applied while parsing), so it is last in {@link RejectReason} order. No
 * I/O: in and out are {@link ParsedRows}.
 */
final class CrossRowRules {

  private static final String RN = "_rn";
  private static final String STILL_CLEAN = "_still_clean";
  private static final String KEPT_FILE = "_kept_file";
  private static final String KEPT_LINE = "_kept_line";

  private CrossRowRules() {}

  static Dataset<Row> apply(ExtractRules rules, Dataset<Row> parsed) {
    return rules.key().isEmpty() ? parsed : duplicates(parsed, rules.key());
  }

  private static Dataset<Row> duplicates(Dataset<Row> rows, List<String> key) {
    List<Column> part = new ArrayList<>();
    for (String k : key) {
      part.add(col(k));
    }
    // rejected rows form their own partitions: only rows still clean compete for a key. The flag is
    // a column of its own and the three window functions are added in one projection, so Spark
    // plans one exchange and one sort (an expression repeated per window made it three of each)
    part.add(col(STILL_CLEAN));
    WindowSpec w =
        Window.partitionBy(part.toArray(new Column[0])).orderBy(col(Quarantine.SOURCE_FILE), col(ParsedRows.ORDER));
    Column dup = col(STILL_CLEAN).and(col(RN).gt(1));
    Column keyText = lit("");
    for (int i = 0; i < key.size(); i++) {
      keyText = concat(keyText, lit((i == 0 ? "" : ", ") + key.get(i) + "='"), col(key.get(i)).cast("string"), lit("'"));
    }
    Map<String, Column> ranks = new LinkedHashMap<>();
    ranks.put(RN, row_number().over(w));
    ranks.put(KEPT_FILE, first(col(Quarantine.SOURCE_FILE)).over(w));
    ranks.put(KEPT_LINE, first(col(Quarantine.LINE_NUMBER)).over(w));
    return rows
        .withColumn(STILL_CLEAN, col(Quarantine.REASON).isNull())
        .withColumns(ranks)
        .withColumn(Quarantine.DETAIL,
            when(dup, concat(keyText, lit(": duplicate key, kept the row at "), col(KEPT_FILE),
                    lit(":"), coalesce(col(KEPT_LINE).cast("string"), lit("?"))))
                .otherwise(col(Quarantine.DETAIL)))
        .withColumn(Quarantine.REASON, when(dup, lit(RejectReason.DUPLICATE_KEY.name())).otherwise(col(Quarantine.REASON)))
        .drop(RN, KEPT_FILE, KEPT_LINE, STILL_CLEAN);
  }
}
