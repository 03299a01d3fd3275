package org.gridlens.pipeline.uplift;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.GridScores;
import org.gridlens.pipeline.schema.GridTable;
import org.gridlens.pipeline.schema.UpliftScores;

/**
 * Per grid of either level (a main grid counts all its sub-grids' customers): the projected
 * monthly gain of a campaign to its top N customers (each offered their best offer) and of
 * offering every eligible customer every offer, the ARPU after the campaign and the gain as a
 * share of current monthly revenue. Dataset {@code grid_uplift}; definitions in docs/uplift.md.
 */
public final class GridUplift {

  private static final String KEY = "_grid_key";
  private static final String BEST = "_best_gain";
  private static final String ALL = "_all_gain";

  private final int topN;

  public GridUplift(int topN) {
    this.topN = topN;
  }

  public Dataset<Row> apply(Dataset<Row> uplift, Dataset<Row> view, Dataset<Row> grids) {
    Dataset<Row> perCustomer = uplift.filter(col(UpliftScores.ELIGIBLE))
        .groupBy(col(UpliftScores.CUSTOMER_ID), col(UpliftScores.GRID_ID), col(UpliftScores.MAIN_GRID_ID))
        .agg(max(col(UpliftScores.EXPECTED_GAIN)).as(BEST), sum(col(UpliftScores.EXPECTED_GAIN)).as(ALL));
    // Both keys in one pass: a union of two filtered copies had the optimizer push the filters
    // below the per-customer aggregation, which then read and shuffled the 5M uplift rows twice.
    // The sums per grid below run in the window's order (gain, customer id), so how the rows
    // reach it does not change a bit of them.
    Dataset<Row> keyed = perCustomer.filter(col(UpliftScores.GRID_ID).isNotNull())
        .withColumn(KEY, explode(array(
            when(col(UpliftScores.GRID_ID).notEqual(col(UpliftScores.MAIN_GRID_ID)), col(UpliftScores.GRID_ID)),
            when(col(UpliftScores.MAIN_GRID_ID).isNotNull(), col(UpliftScores.MAIN_GRID_ID)))))
        .filter(col(KEY).isNotNull());
    Column order = row_number().over(
        Window.partitionBy(col(KEY)).orderBy(col(BEST).desc(), col(UpliftScores.CUSTOMER_ID)));
    Dataset<Row> gains = keyed.withColumn("_pos", order).groupBy(col(KEY)).agg(
        count(lit(1)).as(GridScores.ELIGIBLE_CUSTOMERS),
        sum(when(col("_pos").leq(topN), col(BEST)).otherwise(0.0)).as(GridScores.PROJECTED_GAIN_TOP),
        sum(col(ALL)).as(GridScores.PROJECTED_GAIN_ALL));

    // (kept as a union: these double sums meet in shuffle order, so the plan stays as it was)
    Dataset<Row> revenue = byBothLevels(
        view.filter(col(CustomerView.GRID_ID).isNotNull()
            .and(col(CustomerView.STATUS).equalTo(lit("active")))),
        CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID)
        .groupBy(col(KEY))
        .agg(sum(coalesce(col(CustomerView.ARPU).cast("double"), lit(0.0))).as(GridScores.MONTHLY_REVENUE),
            count(lit(1)).as("_active"));

    Dataset<Row> g = grids.select(col(GridTable.GRID_ID), col(GridTable.LEVEL));
    Column top = coalesce(col(GridScores.PROJECTED_GAIN_TOP), lit(0.0));
    Column rev = coalesce(col(GridScores.MONTHLY_REVENUE), lit(0.0));
    return g.join(gains, g.col(GridTable.GRID_ID).equalTo(gains.col(KEY)), "left").drop(KEY)
        .join(revenue, g.col(GridTable.GRID_ID).equalTo(revenue.col(KEY)), "left").drop(KEY)
        .select(
            col(GridTable.GRID_ID).as(GridScores.GRID_ID),
            col(GridTable.LEVEL).as(GridScores.LEVEL),
            coalesce(col(GridScores.ELIGIBLE_CUSTOMERS), lit(0L)).as(GridScores.ELIGIBLE_CUSTOMERS),
            round(rev).as(GridScores.MONTHLY_REVENUE),
            round(top).as(GridScores.PROJECTED_GAIN_TOP),
            round(coalesce(col(GridScores.PROJECTED_GAIN_ALL), lit(0.0))).as(GridScores.PROJECTED_GAIN_ALL),
            round(when(col("_active").gt(0), rev.plus(top).divide(col("_active"))))
                .as(GridScores.ARPU_AFTER_GAIN),
            round(when(rev.gt(0), top.divide(rev).multiply(100))).as(GridScores.GAIN_PCT_OF_REVENUE))
        .orderBy(col(GridScores.GRID_ID))
        .coalesce(1);
  }

  private static Column round(Column c) {
    return org.apache.spark.sql.functions.round(c, 4);
  }

  /** Each row twice: keyed by its sub-grid (when it is in one) and by its main grid. */
  private static Dataset<Row> byBothLevels(Dataset<Row> rows, String gridCol, String mainCol) {
    Dataset<Row> sub = rows.filter(col(gridCol).notEqual(col(mainCol))).withColumn(KEY, col(gridCol));
    Dataset<Row> main = rows.filter(col(mainCol).isNotNull()).withColumn(KEY, col(mainCol));
    return sub.unionByName(main);
  }
}
