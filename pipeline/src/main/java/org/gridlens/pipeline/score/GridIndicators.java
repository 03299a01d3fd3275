package org.gridlens.pipeline.score;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CellAssignment;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.GridScores;
import org.gridlens.pipeline.schema.GridTable;

/**
 * Raw indicator values per grid at both levels (a main grid aggregates every customer and cell of
 * its sub-grids), one row per grid of the grid layer, in the {@code grid_scores} column names
 * ({@code ind_<id>}). Definitions in docs/scoring.md.
 */
final class GridIndicators {

  static final String KEY = "_grid_key";
  private static final String STATUS_ACTIVE = "active";
  private static final String DROPPED = "dropped";
  private static final String ACTIVE = "_active";
  private static final String CALLS = "_calls";
  private static final String DROPS = "_drops";

  private final List<String> competitors;

  GridIndicators(List<String> competitors) {
    this.competitors = List.copyOf(competitors);
  }

  /** Columns of customer_view this class reads. */
  List<String> customerColumns() {
    List<String> c = new ArrayList<>(List.of(
        CustomerView.CUSTOMER_ID, CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID, CustomerView.STATUS,
        CustomerView.IS_NEW, CustomerView.IS_CHURNED, CustomerView.ARPU, CustomerView.FEE_TREND,
        CustomerView.REVENUE, CustomerView.VAS_FEE_TOTAL, CustomerView.DISTINCT_CONTACTS,
        CustomerView.ONNET_CONTACT_SHARE, CustomerView.COMPLAINTS, CustomerView.MEAN_RESOLUTION_HOURS,
        CustomerView.MEAN_SATISFACTION));
    for (String op : competitors) {
      c.add(CustomerView.contactShare(op));
    }
    return c;
  }

  Dataset<Row> apply(Dataset<Row> customerView, Dataset<Row> grids, Dataset<Row> cellAssignment, Dataset<Row> cdr) {
    Dataset<Row> customers = byBothLevels(
        customerView.filter(col(CustomerView.GRID_ID).isNotNull()),
        CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID)
        .withColumn(ACTIVE, col(CustomerView.STATUS).equalTo(lit(STATUS_ACTIVE)));
    Dataset<Row> market = customers.groupBy(col(KEY)).agg(customerAggregates().get(0),
        customerAggregates().subList(1, customerAggregates().size()).toArray(new Column[0]));

    // Calls are counted per cell first: the call records are read once (not once per level) and
    // only one row per cell meets the cell table and the level expansion. Counts are integers, so
    // adding them up per grid afterwards gives the same rates.
    Dataset<Row> perCell = cdr.groupBy(col(Cdr.CELL_ID))
        .agg(count(lit(1)).as(CALLS), sum(when(col(Cdr.END_STATUS).equalTo(lit(DROPPED)), 1).otherwise(0)).as(DROPS));
    Dataset<Row> calls = byBothLevels(
        perCell.join(cellAssignment.filter(col(CellAssignment.GRID_ID).isNotNull()), Cdr.CELL_ID),
        CellAssignment.GRID_ID, CellAssignment.MAIN_GRID_ID)
        .groupBy(col(KEY))
        .agg(ratio(sum(col(DROPS)), sum(col(CALLS))).as(GridScores.indicator(Indicator.DROPPED_CALL_RATE)));

    Dataset<Row> children = grids.filter(col(GridTable.PARENT_ID).isNotNull())
        .groupBy(col(GridTable.PARENT_ID).as(KEY))
        .agg(sum(col(GridTable.HOUSEHOLDS)).as("_child_households"),
            count(lit(1)).as("_children"), count(col(GridTable.HOUSEHOLDS)).as("_children_known"));

    Dataset<Row> g = grids.select(
        col(GridTable.GRID_ID), col(GridTable.NAME), col(GridTable.LEVEL), col(GridTable.PARENT_ID),
        col(GridTable.MANAGER), col(GridTable.GRID_KIND), col(GridTable.HOUSEHOLDS));
    Column households = coalesce(col(GridTable.HOUSEHOLDS),
        when(col("_children").equalTo(col("_children_known")), col("_child_households")));
    Column active = coalesce(col(GridScores.indicator(Indicator.ACTIVE_CUSTOMERS)), lit(0L));
    Dataset<Row> joined = g
        .join(children, g.col(GridTable.GRID_ID).equalTo(children.col(KEY)), "left").drop(KEY)
        .join(market, g.col(GridTable.GRID_ID).equalTo(market.col(KEY)), "left").drop(KEY)
        .join(calls, g.col(GridTable.GRID_ID).equalTo(calls.col(KEY)), "left").drop(KEY)
        .withColumn(GridScores.HOUSEHOLDS, households)
        .withColumn(GridScores.CUSTOMERS, coalesce(col(GridScores.CUSTOMERS), lit(0L)))
        .withColumn(GridScores.indicator(Indicator.ACTIVE_CUSTOMERS), active)
        .withColumn(GridScores.indicator(Indicator.PENETRATION),
            when(col(GridScores.HOUSEHOLDS).gt(0), active.divide(col(GridScores.HOUSEHOLDS))))
        .withColumn(GridScores.indicator(Indicator.UNCOVERED_HOUSEHOLDS),
            when(col(GridScores.HOUSEHOLDS).isNotNull(),
                org.apache.spark.sql.functions.greatest(col(GridScores.HOUSEHOLDS).minus(active), lit(0L))
                    .cast("double")));
    List<Column> out = new ArrayList<>(List.of(
        col(GridTable.GRID_ID).as(GridScores.GRID_ID), col(GridTable.NAME).as(GridScores.NAME),
        col(GridTable.LEVEL).as(GridScores.LEVEL), col(GridTable.PARENT_ID).as(GridScores.PARENT_ID),
        col(GridTable.MANAGER).as(GridScores.MANAGER), col(GridTable.GRID_KIND).as(GridScores.GRID_KIND),
        col(GridScores.HOUSEHOLDS).cast("long").as(GridScores.HOUSEHOLDS),
        col(GridScores.CUSTOMERS).cast("long").as(GridScores.CUSTOMERS)));
    for (Indicator i : Indicator.competitiveness(competitors)) {
      out.add(col(GridScores.indicator(i.id())).cast("double").as(GridScores.indicator(i.id())));
    }
    out.add(col(GridScores.indicator(Indicator.UNCOVERED_HOUSEHOLDS)));
    return joined.select(out.toArray(new Column[0]));
  }

  /** Each row twice: keyed by its sub-grid (when it is in one) and by its main grid. */
  private static Dataset<Row> byBothLevels(Dataset<Row> rows, String gridCol, String mainCol) {
    Dataset<Row> sub = rows.filter(col(gridCol).notEqual(col(mainCol))).withColumn(KEY, col(gridCol));
    Dataset<Row> main = rows.filter(col(mainCol).isNotNull()).withColumn(KEY, col(mainCol));
    return sub.unionByName(main);
  }

  private List<Column> customerAggregates() {
    Column active = col(ACTIVE);
    Column joins = sum(when(col(CustomerView.IS_NEW), 1).otherwise(0));
    Column closures = sum(when(col(CustomerView.IS_CHURNED), 1).otherwise(0));
    Column customers = count(lit(1));
    Column activeCount = sum(when(active, 1).otherwise(0));
    Column contacts = col(CustomerView.DISTINCT_CONTACTS);
    Column complaints = coalesce(col(CustomerView.COMPLAINTS), lit(0));
    List<Column> a = new ArrayList<>();
    a.add(customers.as(GridScores.CUSTOMERS));
    a.add(activeCount.as(GridScores.indicator(Indicator.ACTIVE_CUSTOMERS)));
    a.add(joins.minus(closures).as(GridScores.indicator(Indicator.NET_ADDS)));
    a.add(ratio(joins.minus(closures).multiply(100), customers).as(GridScores.indicator(Indicator.NET_ADD_RATE)));
    // churned customers over those the grid could lose: still active or gone in the window
    a.add(ratio(closures, activeCount.plus(closures)).as(GridScores.indicator(Indicator.CHURN_RATE)));
    a.add(avg(when(active, exact(col(CustomerView.ARPU)))).cast("double").as(GridScores.indicator(Indicator.ARPU)));
    a.add(avg(when(active, exact(col(CustomerView.FEE_TREND)))).cast("double")
        .as(GridScores.indicator(Indicator.ARPU_TREND)));
    a.add(sum(exact(col(CustomerView.REVENUE))).cast("double").as(GridScores.indicator(Indicator.REVENUE)));
    a.add(avg(when(active, when(coalesce(col(CustomerView.VAS_FEE_TOTAL), lit(0)).gt(0), 1.0).otherwise(0.0)))
        .as(GridScores.indicator(Indicator.VAS_PENETRATION)));
    a.add(weighted(col(CustomerView.ONNET_CONTACT_SHARE), contacts).as(GridScores.indicator(Indicator.ONNET_SHARE)));
    List<Column> shares = new ArrayList<>();
    for (String op : competitors) {
      Column s = weighted(col(CustomerView.contactShare(op)), contacts);
      shares.add(s);
      a.add(s.as(GridScores.indicator(Indicator.competitorShare(op))));
    }
    a.add((shares.isEmpty() ? lit(null).cast("double")
        : shares.size() == 1 ? shares.get(0)
        : org.apache.spark.sql.functions.greatest(shares.toArray(new Column[0])))
        .as(GridScores.indicator(Indicator.TOP_COMPETITOR_SHARE)));
    a.add(ratio(sum(complaints).multiply(1000), customers).as(GridScores.indicator(Indicator.COMPLAINTS_PER_1000)));
    a.add(weighted(col(CustomerView.MEAN_RESOLUTION_HOURS), complaints)
        .as(GridScores.indicator(Indicator.MEAN_RESOLUTION_HOURS)));
    a.add(weighted(col(CustomerView.MEAN_SATISFACTION), complaints).as(GridScores.indicator(Indicator.SATISFACTION)));
    return a;
  }

  /** Σ(value × weight) / Σ weight over rows where both are known; null when the weights sum to 0. */
  private static Column weighted(Column value, Column weight) {
    Column both = value.isNotNull().and(weight.isNotNull());
    return ratio(sum(when(both, exact(value).multiply(weight))), sum(when(both, weight)));
  }

  /**
   * Doubles summed in whatever order the shuffle delivers them differ in the last bits from run to
   * run; summing them as decimals is exact, so a re-run (or a resumed run) gives identical scores.
   */
  private static Column exact(Column value) {
    return value.cast(org.apache.spark.sql.types.DataTypes.createDecimalType(30, 12));
  }

  private static Column ratio(Column num, Column den) {
    return when(den.gt(0), num.cast("double").divide(den.cast("double")));
  }
}
