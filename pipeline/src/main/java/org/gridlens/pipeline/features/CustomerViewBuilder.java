package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.StableLayout;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.geo.NightWindow;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Vas;

/**
 * Builds the unified customer view (统一客户视图): one row per customer of the clean master, with
 * the features of docs/features.md over the run date's windows. Each source is aggregated by
 * customer_id on its own and left-joined to the master, so no customer is ever dropped; absent
 * activity takes the dictionary's zero (counts, sums) or null (means, ratios). No I/O.
 */
public final class CustomerViewBuilder {

  /** The master's struct while the sources are joined ({@link #packed}). */
  private static final String MASTER = "_master";

  private final ViewConfig cfg;
  private final OperatorPrefixes ops;
  private final NightWindow night;
  private final ViewWindows windows;
  private final boolean callsClustered;

  /**
   * @param night the geo stage's night hours (conf geo.night_start/night_end): the home cell
   *     follows the same rule as the home-cell assignment
   */
  public CustomerViewBuilder(ViewConfig cfg, OperatorPrefixes ops, NightWindow night, LocalDate runDate) {
    this(cfg, ops, night, ViewWindows.of(runDate, cfg), false);
  }

  private CustomerViewBuilder(ViewConfig cfg, OperatorPrefixes ops, NightWindow night, ViewWindows windows,
      boolean callsClustered) {
    this.cfg = cfg;
    this.ops = ops;
    this.night = night;
    this.windows = windows;
    this.callsClustered = callsClustered;
  }

  /**
   * The same builder for a clean CDR whose files are clustered by customer (ingest's layout,
   * {@code Warehouse.clusteredBy}): the calls are summed up file by file, with no shuffle.
   */
  public CustomerViewBuilder withCallsClusteredByCustomer(boolean clustered) {
    return new CustomerViewBuilder(cfg, ops, night, windows, clustered);
  }

  public ViewWindows windows() {
    return windows;
  }

  /**
   * The view, laid out by {@link StableLayout} on customer_id (hash partitions, each sorted).
   * Inputs are the clean extracts and grid_assignment.
   */
  public Dataset<Row> apply(
      Dataset<Row> customers,
      Dataset<Row> billing,
      Dataset<Row> cdr,
      Dataset<Row> complaints,
      Dataset<Row> vas,
      Dataset<Row> assignment) {
    Schemas.require(customers, Datasets.clean(Extract.CUSTOMERS), Customers.CLEAN);
    Schemas.require(billing, Datasets.clean(Extract.BILLING), Billing.CLEAN);
    Schemas.require(cdr, Datasets.clean(Extract.CDR), Cdr.CLEAN);
    Schemas.require(complaints, Datasets.clean(Extract.COMPLAINTS), Complaints.CLEAN);
    Schemas.require(vas, Datasets.clean(Extract.VAS), Vas.CLEAN);
    Schemas.require(
        assignment, Datasets.GRID_ASSIGNMENT,
        GridAssignment.CUSTOMER_ID, GridAssignment.GRID_ID, GridAssignment.MAIN_GRID_ID, GridAssignment.METHOD);

    Dataset<Row> master =
        customers.select(
            col(Customers.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID),
            col(Customers.CUSTOMER_TYPE),
            col(Customers.INDUSTRY),
            col(Customers.GENDER),
            col(Customers.BIRTH_DATE),
            col(Customers.JOIN_DATE),
            col(Customers.PLAN_ID),
            col(Customers.PLAN_FEE),
            col(Customers.CHANNEL),
            col(Customers.STATUS),
            col(Customers.CLOSE_DATE));
    Dataset<Row> grid =
        assignment.select(
            col(GridAssignment.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID),
            col(GridAssignment.GRID_ID).as(CustomerView.GRID_ID),
            col(GridAssignment.MAIN_GRID_ID).as(CustomerView.MAIN_GRID_ID),
            col(GridAssignment.METHOD).as(CustomerView.ASSIGNMENT_METHOD));

    Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
    sources.put("_grid", grid);
    sources.put("_billing", BillingFeatures.aggregate(billing, windows));
    sources.put("_calls", CallFeatures.aggregate(cdr, windows, cfg, ops, night, callsClustered));
    sources.put("_complaints", ComplaintFeatures.aggregate(complaints, windows, cfg));
    sources.put("_vas", VasFeatures.aggregate(vas, windows, cfg));
    // each source joined by hashing it per partition, not by sorting both sides: every source has
    // at most one row per customer and the master streams through all five joins in its shuffle
    // partitions, so the only sort left is the layout's, at the end (sort-merge joins sorted the
    // master and each source, 1M rows each, once per join)
    Dataset<Row> joined = packed(master, MASTER);
    for (Map.Entry<String, Dataset<Row>> s : sources.entrySet()) {
      joined = joined.join(packed(s.getValue(), s.getKey()).hint("shuffle_hash"), CustomerView.CUSTOMER_ID, "left");
    }
    List<Column> unpacked = new ArrayList<>();
    unpacked.add(col(CustomerView.CUSTOMER_ID));
    unpacked.add(col(MASTER + ".*"));
    sources.keySet().forEach(s -> unpacked.add(col(s + ".*")));
    joined = joined.select(unpacked.toArray(new Column[0]));

    List<Column> out = new ArrayList<>();
    columns().forEach((name, expr) -> out.add(expr.as(name)));
    return StableLayout.byKey(joined.select(out.toArray(new Column[0])), CustomerView.CUSTOMER_ID);
  }

  /**
   * The master or a source as customer_id and one struct {@code name} of its other columns, as the
   * joins carry it. Each join copies the rows it outputs: a struct is copied as one block of
   * bytes, where the view's columns were copied one by one again at every join (five joins of 15
   * to 96 columns); the structs are unpacked once, after the last join.
   */
  private static Dataset<Row> packed(Dataset<Row> source, String name) {
    Column[] fields = Arrays.stream(source.columns())
        .filter(c -> !c.equals(CustomerView.CUSTOMER_ID))
        .map(c -> col(c))
        .toArray(Column[]::new);
    return source.select(col(CustomerView.CUSTOMER_ID), struct(fields).as(name));
  }

  /** Output columns in order, each with its expression over the joined sources. */
  private Map<String, Column> columns() {
    LocalDate run = windows.runDate();
    Map<String, Column> c = new LinkedHashMap<>();
    // --- profile
    c.put(CustomerView.CUSTOMER_ID, col(CustomerView.CUSTOMER_ID));
    c.put(CustomerView.CUSTOMER_TYPE, col(Customers.CUSTOMER_TYPE));
    c.put(CustomerView.INDUSTRY, col(Customers.INDUSTRY));
    c.put(CustomerView.GENDER, col(Customers.GENDER));
    Column age = wholeYears(col(Customers.BIRTH_DATE), run);
    c.put(CustomerView.AGE_YEARS, age);
    c.put(CustomerView.AGE_BAND, ageBand(age));
    c.put(CustomerView.JOIN_DATE, col(Customers.JOIN_DATE));
    c.put(CustomerView.TENURE_MONTHS, greatest(wholeMonths(col(Customers.JOIN_DATE), run), lit(0)));
    c.put(CustomerView.PLAN_ID, col(Customers.PLAN_ID));
    c.put(CustomerView.PLAN_FEE, col(Customers.PLAN_FEE).cast(Schemas.MONEY));
    c.put(CustomerView.CHANNEL, col(Customers.CHANNEL));
    c.put(CustomerView.STATUS, col(Customers.STATUS));
    c.put(CustomerView.CLOSE_DATE, col(Customers.CLOSE_DATE));
    c.put(CustomerView.GRID_ID, col(CustomerView.GRID_ID));
    c.put(CustomerView.MAIN_GRID_ID, col(CustomerView.MAIN_GRID_ID));
    c.put(CustomerView.ASSIGNMENT_METHOD,
        coalesce(col(CustomerView.ASSIGNMENT_METHOD), lit(GridAssignment.METHOD_UNASSIGNED)));
    // --- billing
    c.put(CustomerView.ARPU, col(CustomerView.ARPU));
    c.put(CustomerView.LAST_MONTH_FEE, col(CustomerView.LAST_MONTH_FEE));
    c.put(CustomerView.FEE_TREND, col(CustomerView.FEE_TREND));
    c.put(CustomerView.VOICE_FEE_SHARE, col(CustomerView.VOICE_FEE_SHARE));
    c.put(CustomerView.DATA_FEE_SHARE, col(CustomerView.DATA_FEE_SHARE));
    c.put(CustomerView.SMS_FEE_SHARE, col(CustomerView.SMS_FEE_SHARE));
    c.put(CustomerView.VAS_FEE_SHARE, col(CustomerView.VAS_FEE_SHARE));
    c.put(CustomerView.MONTHS_BILLED, zeroLong(CustomerView.MONTHS_BILLED));
    c.put(CustomerView.PAYMENT_METHOD, col(CustomerView.PAYMENT_METHOD));
    c.put(CustomerView.LATE_PAYMENTS, zeroLong(CustomerView.LATE_PAYMENTS));
    c.put(CustomerView.MEAN_DAYS_LATE, col(CustomerView.MEAN_DAYS_LATE));
    c.put(CustomerView.AMOUNT_UNPAID, zeroMoney(CustomerView.AMOUNT_UNPAID));
    c.put(CustomerView.REVENUE, zeroMoney(CustomerView.REVENUE));
    // --- calls
    c.put(CustomerView.MO_CALLS, zeroLong(CustomerView.MO_CALLS));
    c.put(CustomerView.MT_CALLS, zeroLong(CustomerView.MT_CALLS));
    c.put(CustomerView.MO_MINUTES, zeroDouble(CustomerView.MO_MINUTES));
    c.put(CustomerView.MT_MINUTES, zeroDouble(CustomerView.MT_MINUTES));
    c.put(CustomerView.ACTIVE_DAYS, zeroLong(CustomerView.ACTIVE_DAYS));
    c.put(CustomerView.CALLS_PER_ACTIVE_DAY, col(CustomerView.CALLS_PER_ACTIVE_DAY));
    c.put(CustomerView.DISTINCT_CONTACTS, zeroLong(CustomerView.DISTINCT_CONTACTS));
    c.put(CustomerView.CONTACT_ENTROPY, col(CustomerView.CONTACT_ENTROPY));
    c.put(CustomerView.TOP_CONTACT_SHARE, col(CustomerView.TOP_CONTACT_SHARE));
    c.put(CustomerView.OFFPEAK_SHARE, col(CustomerView.OFFPEAK_SHARE));
    c.put(CustomerView.LOCAL_SHARE, col(CustomerView.LOCAL_SHARE));
    c.put(CustomerView.LONG_DISTANCE_SHARE, col(CustomerView.LONG_DISTANCE_SHARE));
    c.put(CustomerView.IP_LONG_DISTANCE_SHARE, col(CustomerView.IP_LONG_DISTANCE_SHARE));
    c.put(CustomerView.ROAMING_SHARE, col(CustomerView.ROAMING_SHARE));
    c.put(CustomerView.INTERNATIONAL_SHARE, col(CustomerView.INTERNATIONAL_SHARE));
    c.put(CustomerView.FORWARDED_CALLS, zeroLong(CustomerView.FORWARDED_CALLS));
    c.put(CustomerView.DROPPED_CALL_RATE, col(CustomerView.DROPPED_CALL_RATE));
    c.put(CustomerView.FAILED_CALL_RATE, col(CustomerView.FAILED_CALL_RATE));
    c.put(CustomerView.DISTINCT_CELLS, zeroLong(CustomerView.DISTINCT_CELLS));
    c.put(CustomerView.HOME_CELL_ID, col(CustomerView.HOME_CELL_ID));
    c.put(CustomerView.ONNET_CONTACT_SHARE, col(CustomerView.ONNET_CONTACT_SHARE));
    for (String op : ops.competitors()) {
      c.put(CustomerView.contactShare(op), col(CustomerView.contactShare(op)));
    }
    c.put(CustomerView.TOP_COMPETITOR_SHARE, col(CustomerView.TOP_COMPETITOR_SHARE));
    // --- complaints
    c.put(CustomerView.COMPLAINTS, zeroLong(CustomerView.COMPLAINTS));
    for (String cat : cfg.complaintCategories()) {
      c.put(CustomerView.complaintsOf(cat), zeroLong(CustomerView.complaintsOf(cat)));
    }
    c.put(CustomerView.MEAN_RESOLUTION_HOURS, col(CustomerView.MEAN_RESOLUTION_HOURS));
    c.put(CustomerView.MAX_RESOLUTION_HOURS, col(CustomerView.MAX_RESOLUTION_HOURS));
    c.put(CustomerView.OPEN_COMPLAINTS, zeroLong(CustomerView.OPEN_COMPLAINTS));
    c.put(CustomerView.MEAN_SATISFACTION, col(CustomerView.MEAN_SATISFACTION));
    // --- VAS
    c.put(CustomerView.SMS_COUNT, zeroLong(CustomerView.SMS_COUNT));
    c.put(CustomerView.DATA_VOLUME_MB, zeroDouble(CustomerView.DATA_VOLUME_MB));
    for (String s : cfg.vasServices()) {
      c.put(CustomerView.vasUsage(s), zeroLong(CustomerView.vasUsage(s)));
      c.put(CustomerView.vasFee(s), zeroMoney(CustomerView.vasFee(s)));
    }
    c.put(CustomerView.VAS_SERVICES_USED, zeroLong(CustomerView.VAS_SERVICES_USED));
    c.put(CustomerView.VAS_FEE_TOTAL, zeroMoney(CustomerView.VAS_FEE_TOTAL));
    // --- flags
    Column from = lit(windows.flagsFrom());
    Column runDate = lit(run);
    Column join = col(Customers.JOIN_DATE);
    Column close = col(Customers.CLOSE_DATE);
    c.put(CustomerView.IS_NEW, join.geq(from).and(join.leq(runDate)));
    c.put(CustomerView.IS_CHURNED,
        coalesce(close.geq(from).and(close.leq(runDate)), lit(false))
            .or(close.isNull().and(col(Customers.STATUS).equalTo(Customers.STATUS_CLOSED))));
    c.put(CustomerView.IS_SILENT,
        coalesce(col(CallFeatures.CALLS), lit(0L)).equalTo(0)
            .and(coalesce(col(VasFeatures.ROWS), lit(0L)).equalTo(0)));
    return c;
  }

  /** Names of the output columns, in order (depends on the configured lists). */
  public List<String> columnNames() {
    return new ArrayList<>(columns().keySet());
  }

  private static Column zeroLong(String name) {
    return coalesce(col(name).cast(DataTypes.LongType), lit(0L));
  }

  private static Column zeroDouble(String name) {
    return coalesce(col(name).cast(DataTypes.DoubleType), lit(0.0));
  }

  private static Column zeroMoney(String name) {
    return coalesce(col(name).cast(Schemas.MONEY), lit(0).cast(Schemas.MONEY));
  }

  /** Completed years from {@code d} to the run date (a 29 February birthday counts on 1 March). */
  static Column wholeYears(Column d, LocalDate run) {
    Column notYet = lit(run.getMonthValue()).lt(month(d))
        .or(lit(run.getMonthValue()).equalTo(month(d)).and(lit(run.getDayOfMonth()).lt(dayofmonth(d))));
    return lit(run.getYear()).minus(year(d)).minus(when(notYet, 1).otherwise(0));
  }

  /** Completed months from {@code d} to the run date, as java.time.Period counts them. */
  static Column wholeMonths(Column d, LocalDate run) {
    Column months = lit(run.getYear()).minus(year(d)).multiply(12).plus(lit(run.getMonthValue()).minus(month(d)));
    return months.minus(when(lit(run.getDayOfMonth()).lt(dayofmonth(d)), 1).otherwise(0));
  }

  private static Column ageBand(Column age) {
    return when(age.isNull(), lit("unknown"))
        .when(age.lt(25), lit("under_25"))
        .when(age.lt(35), lit("25_34"))
        .when(age.lt(45), lit("35_44"))
        .when(age.lt(55), lit("45_54"))
        .when(age.lt(65), lit("55_64"))
        .otherwise(lit("65_plus"));
  }
}
