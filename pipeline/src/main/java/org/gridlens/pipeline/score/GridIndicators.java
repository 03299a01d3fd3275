package org.gridlens.pipeline.score;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
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
    // Customers are added up per (sub-grid, main grid) first, then those partial sums per grid of
    // either level: each customer is aggregated once, not once per level. Every partial is an
    // exact sum (counts, DECIMAL), so the second step gives the same totals; the means are
    // finished from sum and count as Spark's avg does (DecimalMean).
    Dataset<Row> partial = customerView
        .filter(col(CustomerView.GRID_ID).isNotNull())
        .withColumn(ACTIVE, col(CustomerView.STATUS).equalTo(lit(STATUS_ACTIVE)))
        .groupBy(col(CustomerView.GRID_ID), col(CustomerView.MAIN_GRID_ID))
        .agg(partialSums().get(0), partialSums().subList(1, partialSums().size()).toArray(new Column[0]));
    Dataset<Row> market = byBothLevels(partial, CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID)
        .groupBy(col(KEY))
        .agg(totals().get(0), totals().subList(1, totals().size()).toArray(new Column[0]))
        .select(indicators().toArray(new Column[0]));

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

  /**
   * Each row twice: keyed by its sub-grid (when it is in one) and by its main grid. One pass that
   * emits both keys, not a union of two filtered copies: the optimizer pushes such filters below
   * an aggregation, so a union computed the partial sums once per level.
   */
  private static Dataset<Row> byBothLevels(Dataset<Row> rows, String gridCol, String mainCol) {
    Column sub = when(col(gridCol).notEqual(col(mainCol)), col(gridCol));
    Column main = when(col(mainCol).isNotNull(), col(mainCol));
    return rows.withColumn(KEY, explode(array(sub, main))).filter(col(KEY).isNotNull());
  }

  // partial sums per (sub-grid, main grid); each is added up again per grid by totals()
  private static final String P_CUSTOMERS = "_p_customers";
  private static final String P_ACTIVE = "_p_active";
  private static final String P_JOINS = "_p_joins";
  private static final String P_CLOSURES = "_p_closures";
  private static final String P_ARPU = "_p_arpu";
  private static final String P_ARPU_N = "_p_arpu_n";
  private static final String P_TREND = "_p_trend";
  private static final String P_TREND_N = "_p_trend_n";
  private static final String P_REVENUE = "_p_revenue";
  private static final String P_VAS = "_p_vas";
  private static final String P_COMPLAINTS = "_p_complaints";

  /** The (value, weight) pairs of the weighted means, by output indicator. */
  private List<String[]> weightedPairs() {
    List<String[]> w = new ArrayList<>();
    w.add(new String[] {Indicator.ONNET_SHARE, CustomerView.ONNET_CONTACT_SHARE, CustomerView.DISTINCT_CONTACTS});
    for (String op : competitors) {
      w.add(new String[] {Indicator.competitorShare(op), CustomerView.contactShare(op), CustomerView.DISTINCT_CONTACTS});
    }
    w.add(new String[] {Indicator.MEAN_RESOLUTION_HOURS, CustomerView.MEAN_RESOLUTION_HOURS, COMPLAINTS_OR_ZERO});
    w.add(new String[] {Indicator.SATISFACTION, CustomerView.MEAN_SATISFACTION, COMPLAINTS_OR_ZERO});
    return w;
  }

  private static final String COMPLAINTS_OR_ZERO = "_complaints_or_zero";

  private static Column weightColumn(String name) {
    return name.equals(COMPLAINTS_OR_ZERO) ? coalesce(col(CustomerView.COMPLAINTS), lit(0)) : col(name);
  }

  private static String weightedNum(String indicator) {
    return "_p_num_" + indicator;
  }

  private static String weightedDen(String indicator) {
    return "_p_den_" + indicator;
  }

  private List<Column> partialSums() {
    Column active = col(ACTIVE);
    List<Column> a = new ArrayList<>();
    a.add(count(lit(1)).as(P_CUSTOMERS));
    a.add(sum(when(active, 1).otherwise(0)).as(P_ACTIVE));
    a.add(sum(when(col(CustomerView.IS_NEW), 1).otherwise(0)).as(P_JOINS));
    a.add(sum(when(col(CustomerView.IS_CHURNED), 1).otherwise(0)).as(P_CLOSURES));
    Column arpu = when(active, exact(col(CustomerView.ARPU)));
    a.add(sum(arpu).as(P_ARPU));
    a.add(count(arpu).as(P_ARPU_N));
    Column trend = when(active, exact(col(CustomerView.FEE_TREND)));
    a.add(sum(trend).as(P_TREND));
    a.add(count(trend).as(P_TREND_N));
    a.add(sum(exact(col(CustomerView.REVENUE))).as(P_REVENUE));
    // active customers with VAS spend: the mean of a 1/0 flag over the active ones
    a.add(sum(when(active, when(coalesce(col(CustomerView.VAS_FEE_TOTAL), lit(0)).gt(0), 1).otherwise(0))).as(P_VAS));
    a.add(sum(coalesce(col(CustomerView.COMPLAINTS), lit(0))).as(P_COMPLAINTS));
    for (String[] w : weightedPairs()) {
      Column value = col(w[1]);
      Column weight = weightColumn(w[2]);
      Column both = value.isNotNull().and(weight.isNotNull());
      a.add(sum(when(both, exact(value).multiply(weight))).as(weightedNum(w[0])));
      a.add(sum(when(both, weight)).as(weightedDen(w[0])));
    }
    return a;
  }

  /** The partial sums added up per grid (same names). */
  private List<Column> totals() {
    List<Column> t = new ArrayList<>();
    for (String c : List.of(P_CUSTOMERS, P_ACTIVE, P_JOINS, P_CLOSURES, P_ARPU, P_ARPU_N, P_TREND, P_TREND_N,
        P_REVENUE, P_VAS, P_COMPLAINTS)) {
      t.add(sum(col(c)).as(c));
    }
    for (String[] w : weightedPairs()) {
      t.add(sum(col(weightedNum(w[0]))).as(weightedNum(w[0])));
      t.add(sum(col(weightedDen(w[0]))).as(weightedDen(w[0])));
    }
    return t;
  }

  /** The customer indicators of a grid from its totals (definitions in docs/scoring.md). */
  private List<Column> indicators() {
    Column customers = col(P_CUSTOMERS);
    Column activeCount = col(P_ACTIVE);
    Column joins = col(P_JOINS);
    Column closures = col(P_CLOSURES);
    List<Column> a = new ArrayList<>();
    a.add(col(KEY));
    a.add(customers.as(GridScores.CUSTOMERS));
    a.add(activeCount.as(GridScores.indicator(Indicator.ACTIVE_CUSTOMERS)));
    a.add(joins.minus(closures).as(GridScores.indicator(Indicator.NET_ADDS)));
    a.add(ratio(joins.minus(closures).multiply(100), customers).as(GridScores.indicator(Indicator.NET_ADD_RATE)));
    // churned customers over those the grid could lose: still active or gone in the window
    a.add(ratio(closures, activeCount.plus(closures)).as(GridScores.indicator(Indicator.CHURN_RATE)));
    a.add(DECIMAL_MEAN.apply(col(P_ARPU), col(P_ARPU_N)).as(GridScores.indicator(Indicator.ARPU)));
    a.add(DECIMAL_MEAN.apply(col(P_TREND), col(P_TREND_N)).as(GridScores.indicator(Indicator.ARPU_TREND)));
    a.add(col(P_REVENUE).cast("double").as(GridScores.indicator(Indicator.REVENUE)));
    // as avg over the active customers of 1.0 / 0.0: an exact count over a count, divided as doubles
    a.add(ratio(col(P_VAS), activeCount).as(GridScores.indicator(Indicator.VAS_PENETRATION)));
    List<Column> shares = new ArrayList<>();
    for (String[] w : weightedPairs()) {
      Column share = ratio(col(weightedNum(w[0])), col(weightedDen(w[0])));
      if (!w[0].equals(Indicator.ONNET_SHARE) && w[2].equals(CustomerView.DISTINCT_CONTACTS)) {
        shares.add(share);
      }
      a.add(share.as(GridScores.indicator(w[0])));
    }
    a.add((shares.isEmpty() ? lit(null).cast("double")
        : shares.size() == 1 ? shares.get(0)
        : org.apache.spark.sql.functions.greatest(shares.toArray(new Column[0])))
        .as(GridScores.indicator(Indicator.TOP_COMPETITOR_SHARE)));
    a.add(ratio(col(P_COMPLAINTS).multiply(1000), customers).as(GridScores.indicator(Indicator.COMPLAINTS_PER_1000)));
    return a;
  }

  private static final UserDefinedFunction DECIMAL_MEAN = udf(
      (UDF2<java.math.BigDecimal, Long, Double>) (sum, n) -> n == null ? null : DecimalMean.of(sum, n),
      DataTypes.DoubleType);

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
