package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.schema.Cdr;

/**
 * Each customer's home cell: the cell with the most CDR records (calls made or received) in the
 * night hours over the last {@code days} days ending on the run date; ties go to the smallest
 * cell_id. Output columns: {@link Cdr#CUSTOMER_ID}, {@link #HOME_CELL_ID}, {@link #NIGHT_CALLS}.
 */
public final class HomeCells {

  public static final String HOME_CELL_ID = "home_cell_id";
  public static final String NIGHT_CALLS = "night_calls";

  private final NightWindow night;
  private final LocalDate runDate;
  private final int days;

  public HomeCells(NightWindow night, LocalDate runDate, int days) {
    this.night = night;
    this.runDate = runDate;
    this.days = days;
  }

  public Dataset<Row> apply(Dataset<Row> cdr) {
    Column start = col(Cdr.START_TIME);
    // TIMESTAMP_NTZ literals: local wall-clock bounds, independent of the session time zone
    Column inWindow =
        start.geq(lit(runDate.minusDays(days - 1L).atStartOfDay()))
            .and(start.lt(lit(runDate.plusDays(1).atStartOfDay())));
    Dataset<Row> perCell =
        cdr.filter(inWindow.and(night.contains(start)))
            .groupBy(col(Cdr.CUSTOMER_ID), col(Cdr.CELL_ID))
            .agg(count(lit(1)).as(NIGHT_CALLS));
    // min over (-calls, cell_id) = most calls, then the smallest cell_id
    Dataset<Row> best =
        perCell
            .groupBy(col(Cdr.CUSTOMER_ID))
            .agg(min(struct(col(NIGHT_CALLS).multiply(-1).as("neg"), col(Cdr.CELL_ID).as("cell"))).as("best"));
    return best.select(
        col(Cdr.CUSTOMER_ID),
        col("best.cell").as(HOME_CELL_ID),
        col("best.neg").multiply(-1).as(NIGHT_CALLS));
  }
}
