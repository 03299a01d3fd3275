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
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Quarantine;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * The rules that need other rows, applied in {@link RejectReason} order to rows that passed every
 * per-row rule: UNKNOWN_CUSTOMER and UNKNOWN_CELL (anti-match against the clean customer / cell
 * ids, broadcast), then DUPLICATE_KEY (among the rows still clean, the first by source file then
 * line is kept). No I/O: in and out are {@link ParsedRows}.
 */
final class CrossRowRules {

  private static final String REF = "_ref";
  private static final String RN = "_rn";
  private static final String KEPT_FILE = "_kept_file";
  private static final String KEPT_LINE = "_kept_line";

  private CrossRowRules() {}

  /**
   * @param customerIds clean customer ids (one column {@link Customers#CUSTOMER_ID}, unique); may be
   *     null when the extract references no customer
   * @param cellIds clean cell ids (one column {@link Cells#CELL_ID}, unique); may be null likewise
   */
  static Dataset<Row> apply(ExtractRules rules, Dataset<Row> parsed, Dataset<Row> customerIds, Dataset<Row> cellIds) {
    Dataset<Row> out = parsed;
    if (rules.customerRef() != null) {
      out = reference(out, rules.customerRef(), customerIds.select(col(Customers.CUSTOMER_ID).as(REF)),
          RejectReason.UNKNOWN_CUSTOMER, "not in the clean customers");
    }
    if (rules.cellRef() != null) {
      out = reference(out, rules.cellRef(), cellIds.select(col(Cells.CELL_ID).as(REF)),
          RejectReason.UNKNOWN_CELL, "not in the clean cells");
    }
    if (!rules.key().isEmpty()) {
      out = duplicates(out, rules.key());
    }
    return out;
  }

  private static Dataset<Row> reference(
      Dataset<Row> rows, String column, Dataset<Row> known, RejectReason reason, String what) {
    Dataset<Row> joined = rows.join(broadcast(known), rows.col(column).equalTo(known.col(REF)), "left");
    Column fails = col(Quarantine.REASON).isNull().and(col(REF).isNull());
    return joined
        .withColumn(Quarantine.DETAIL,
            when(fails, concat(lit(column + "='"), col(column), lit("': " + what))).otherwise(col(Quarantine.DETAIL)))
        .withColumn(Quarantine.REASON, when(fails, lit(reason.name())).otherwise(col(Quarantine.REASON)))
        .drop(REF);
  }

  private static Dataset<Row> duplicates(Dataset<Row> rows, List<String> key) {
    List<Column> part = new ArrayList<>();
    for (String k : key) {
      part.add(col(k));
    }
    // rejected rows form their own partitions: only rows still clean compete for a key
    part.add(col(Quarantine.REASON).isNull());
    WindowSpec w =
        Window.partitionBy(part.toArray(new Column[0])).orderBy(col(Quarantine.SOURCE_FILE), col(ParsedRows.ORDER));
    Column dup = col(Quarantine.REASON).isNull().and(col(RN).gt(1));
    Column keyText = lit("");
    for (int i = 0; i < key.size(); i++) {
      keyText = concat(keyText, lit((i == 0 ? "" : ", ") + key.get(i) + "='"), col(key.get(i)).cast("string"), lit("'"));
    }
    return rows
        .withColumn(RN, row_number().over(w))
        .withColumn(KEPT_FILE, first(col(Quarantine.SOURCE_FILE)).over(w))
        .withColumn(KEPT_LINE, first(col(Quarantine.LINE_NUMBER)).over(w))
        .withColumn(Quarantine.DETAIL,
            when(dup, concat(keyText, lit(": duplicate key, kept the row at "), col(KEPT_FILE),
                    lit(":"), coalesce(col(KEPT_LINE).cast("string"), lit("?"))))
                .otherwise(col(Quarantine.DETAIL)))
        .withColumn(Quarantine.REASON, when(dup, lit(RejectReason.DUPLICATE_KEY.name())).otherwise(col(Quarantine.REASON)))
        .drop(RN, KEPT_FILE, KEPT_LINE);
  }
}
