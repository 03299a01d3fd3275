package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.run.RunManifest.GateResult;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.Targets;

/**
 * The data-quality gates {@code nightly} checks after a stage and before anything is exported (in
 * the spirit of Deequ's checks: completeness, uniqueness, size within bounds). Each gate is one
 * Spark aggregation over a published dataset; a failed gate fails the stage.
 *
 * <ul>
 *   <li>after {@code assign}: grid_assignment has exactly one row per clean customer, and the
 *       share of unassigned customers is at most {@code run.gates.max_unassigned_share};
 *   <li>after {@code view}: customer_view's customer_id is unique;
 *   <li>after {@code targets}, before the exports are published: (grid, offer, control, rank) is unique;
 *   <li>after every stage: each published dataset's row count is within
 *       {@code run.gates.row_count_band} of the previous successful run's manifest.
 * </ul>
 */
public final class QualityGates {

  private final Warehouse warehouse;
  private final LocalDate date;
  private final RunConfig.Gates conf;

  public QualityGates(Warehouse warehouse, LocalDate date, RunConfig.Gates conf) {
    this.warehouse = warehouse;
    this.date = date;
    this.conf = conf;
  }

  /** The gates of a stage, checked on its published outputs. */
  public List<GateResult> after(StepName stage, Map<String, Long> rows, Map<String, Long> previousRows) {
    List<GateResult> out = new ArrayList<>();
    if (!conf.enabled()) {
      return out;
    }
    switch (stage) {
      case ASSIGN -> out.addAll(assignment());
      case VIEW -> out.add(unique("customer_view.unique_customer_id", Datasets.CUSTOMER_VIEW, CustomerView.CUSTOMER_ID));
      // rank is 1-based within grid x offer x control group (schema/Targets), so control is part of the key
      case TARGETS -> out.add(unique("targets.unique_grid_offer_control_rank", Datasets.TARGETS,
          Targets.GRID_ID, Targets.OFFER_ID, Targets.CONTROL, Targets.RANK));
      default -> { }
    }
    out.addAll(rowCountBand(rows, previousRows));
    return out;
  }

  /** Every clean customer in exactly one grid, and few enough unassigned. */
  List<GateResult> assignment() {
    Dataset<Row> ga = warehouse.read(Datasets.GRID_ASSIGNMENT, date);
    Dataset<Row> customers = warehouse.read(Datasets.clean(Extract.CUSTOMERS), date).select(col(Customers.CUSTOMER_ID));
    Row a = ga.agg(
            count(lit(1)),
            countDistinct(col(GridAssignment.CUSTOMER_ID)),
            sum(when(col(GridAssignment.METHOD).equalTo(GridAssignment.METHOD_UNASSIGNED)
                .or(col(GridAssignment.GRID_ID).isNull()), 1).otherwise(0)))
        .first();
    long rows = a.getLong(0);
    long distinct = a.getLong(1);
    long unassigned = a.isNullAt(2) ? 0 : a.getLong(2);
    long nCustomers = customers.count();
    Dataset<Row> assignedIds = ga.select(col(GridAssignment.CUSTOMER_ID).as(Customers.CUSTOMER_ID));
    long missing = customers.join(assignedIds, customers.col(Customers.CUSTOMER_ID).equalTo(assignedIds.col(Customers.CUSTOMER_ID)), "left_anti").count();
    long extra = assignedIds.join(customers, assignedIds.col(Customers.CUSTOMER_ID).equalTo(customers.col(Customers.CUSTOMER_ID)), "left_anti").count();

    List<GateResult> out = new ArrayList<>();
    boolean exact = rows == distinct && missing == 0 && extra == 0 && rows == nCustomers;
    out.add(new GateResult(
        "grid_assignment.one_row_per_customer", exact,
        "rows=" + rows + " distinct=" + distinct + " clean_customers=" + nCustomers + " missing=" + missing + " unknown=" + extra,
        "rows = distinct = clean customers",
        exact ? null : "grid_assignment does not hold exactly one row per clean customer: " + (rows - distinct)
            + " duplicate rows, " + missing + " customers without a row, " + extra + " rows for unknown customers"));
    double share = nCustomers == 0 ? 0.0 : (double) unassigned / nCustomers;
    boolean ok = share <= conf.maxUnassignedShare();
    out.add(new GateResult(
        "grid_assignment.unassigned_share", ok, pct(share) + " (" + unassigned + " of " + nCustomers + ")",
        "<= " + pct(conf.maxUnassignedShare()) + " (run.gates.max_unassigned_share)",
        ok ? null : unassigned + " of " + nCustomers + " customers (" + pct(share) + ") have no grid, above run.gates.max_unassigned_share "
            + pct(conf.maxUnassignedShare())));
    return out;
  }

  /** The key columns identify a row. */
  GateResult unique(String name, String dataset, String... key) {
    Dataset<Row> df = warehouse.read(dataset, date);
    long rows = df.count();
    long distinct = df.select(java.util.Arrays.stream(key).map(k -> col(k)).toArray(org.apache.spark.sql.Column[]::new))
        .distinct().count();
    boolean ok = rows == distinct;
    String k = String.join(", ", key);
    return new GateResult(name, ok, "rows=" + rows + " distinct=" + distinct, "rows = distinct (" + k + ")",
        ok ? null : dataset + " has " + (rows - distinct) + " rows with a duplicate (" + k + ")");
  }

  /** Each dataset's row count against the previous good run. */
  List<GateResult> rowCountBand(Map<String, Long> rows, Map<String, Long> previous) {
    List<GateResult> out = new ArrayList<>();
    if (conf.rowCountBand() <= 0 || previous == null) {
      return out;
    }
    rows.forEach((ds, n) -> {
      Long before = previous.get(ds);
      if (before == null || before < conf.rowCountMinRows() || before == 0) {
        return;
      }
      double change = (double) (n - before) / before;
      boolean ok = Math.abs(change) <= conf.rowCountBand();
      out.add(new GateResult("row_count_band." + ds, ok, n + " rows (" + (change >= 0 ? "+" : "") + pct(change) + " vs " + before + ")",
          "within ±" + pct(conf.rowCountBand()) + " (run.gates.row_count_band)",
          ok ? null : ds + " has " + n + " rows, " + pct(change) + " against the previous run's " + before
              + ", outside run.gates.row_count_band ±" + pct(conf.rowCountBand())));
    });
    return out;
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.2f%%", x * 100);
  }
}
