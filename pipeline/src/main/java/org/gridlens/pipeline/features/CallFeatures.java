package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.geo.NightWindow;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Call features (docs/features.md, "calls"). The CDR window is shuffled once by customer_id;
 * three aggregations then run on that one exchange without further shuffles: per customer (counts,
 * minutes, shares), per customer and contact (distinct contacts, entropy, top share, operator
 * shares) and per customer and cell (mobility, home cell).
 */
final class CallFeatures {

  static final String LOCAL = "local";
  static final String LONG_DISTANCE = "long_distance";
  static final String IP_LONG_DISTANCE = "ip_long_distance";
  static final String ROAMING = "roaming";
  static final String INTERNATIONAL = "international";
  static final String NORMAL = "normal";
  static final String DROPPED = "dropped";
  static final String FAILED = "failed";

  /** Calls in the window (MO + MT, every end status); kept for the flags (silent). */
  static final String CALLS = "_calls";

  private static final String OFFPEAK = "_offpeak";
  private static final String NIGHT = "_night";
  private static final String DAY = "_day";
  private static final String MO_SECONDS = "_mo_s";
  private static final String MT_SECONDS = "_mt_s";
  private static final String N = "_n";
  private static final String N_LN_N = "_nlnn";
  private static final String TOP = "_top";
  private static final String OPERATOR = "_operator";
  private static final String NIGHT_CALLS = "_night_calls";
  private static final String HOME_NIGHT = "_home_night";
  private static final String C = "c";

  private CallFeatures() {}

  static Dataset<Row> aggregate(
      Dataset<Row> cdr, ViewWindows w, ViewConfig cfg, OperatorPrefixes ops, NightWindow night) {
    Column t = col(Cdr.START_TIME);
    Dataset<Row> calls =
        cdr.filter(t.geq(lit(w.cdrFrom().atStartOfDay())).and(t.lt(lit(w.end()))))
            .select(
                col(Cdr.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID),
                col(Cdr.DIRECTION),
                col(Cdr.OTHER_PARTY),
                col(Cdr.DURATION_S),
                col(Cdr.CELL_ID),
                col(Cdr.CALL_TYPE),
                col(Cdr.END_STATUS),
                col(Cdr.FORWARDED),
                cfg.offpeak().contains(t).as(OFFPEAK),
                night.contains(t).as(NIGHT),
                to_date(t).as(DAY))
            // one shuffle: the three aggregations below are clustered by customer_id already
            .repartition(col(CustomerView.CUSTOMER_ID));

    Dataset<Row> perCustomer = perCustomer(calls, w);
    Dataset<Row> perContact = perContact(calls, ops);
    Dataset<Row> perCell = perCell(calls);
    return perCustomer
        .join(perContact, CustomerView.CUSTOMER_ID, "left")
        .join(perCell, CustomerView.CUSTOMER_ID, "left");
  }

  private static Column countIf(Column cond) {
    return sum(when(cond, 1).otherwise(0));
  }

  /** Days one bitmask word holds: 2^0 .. 2^61, each exact as a double and as a long. */
  static final int DAYS_PER_WORD = 62;
  /** Above this many words the active days fall back to count_distinct. */
  static final int MAX_DAY_WORDS = 4;

  /**
   * Distinct active days as a bitmask of day indexes OR-ed per customer, then counted: the same
   * number as {@code count_distinct(day)}, but a plain aggregation keyed by customer. Spark plans
   * a distinct aggregate next to the others as an aggregation keyed by (customer, day) carrying
   * every other aggregate's buffer: at 30M calls that map was the view's hottest code.
   */
  static Column activeDays(Column day, ViewWindows w) {
    long days = java.time.temporal.ChronoUnit.DAYS.between(w.cdrFrom(), w.runDate()) + 1;
    int words = (int) ((days + DAYS_PER_WORD - 1) / DAYS_PER_WORD);
    if (words > MAX_DAY_WORDS) {
      return count_distinct(day);
    }
    Column index = datediff(day, lit(w.cdrFrom()));
    Column total = null;
    for (int j = 0; j < words; j++) {
      Column bit = pow(lit(2.0), index.minus(j * DAYS_PER_WORD)).cast(DataTypes.LongType);
      Column inWord = index.geq(j * DAYS_PER_WORD).and(index.lt((j + 1) * DAYS_PER_WORD));
      Column count = bit_count(bit_or(when(inWord, bit).otherwise(lit(0L))));
      total = total == null ? count : total.plus(count);
    }
    return total.cast(DataTypes.LongType);
  }

  private static Dataset<Row> perCustomer(Dataset<Row> calls, ViewWindows w) {
    Column mo = col(Cdr.DIRECTION).equalTo(Cdr.DIRECTION_MO);
    Column mt = col(Cdr.DIRECTION).equalTo(Cdr.DIRECTION_MT);
    Column type = col(Cdr.CALL_TYPE);
    Column status = col(Cdr.END_STATUS);
    Dataset<Row> agg =
        calls
            .groupBy(col(CustomerView.CUSTOMER_ID))
            .agg(
                count(lit(1)).as(CALLS),
                countIf(mo).as(CustomerView.MO_CALLS),
                countIf(mt).as(CustomerView.MT_CALLS),
                sum(when(mo, col(Cdr.DURATION_S)).otherwise(0)).as(MO_SECONDS),
                sum(when(mt, col(Cdr.DURATION_S)).otherwise(0)).as(MT_SECONDS),
                activeDays(col(DAY), w).as(CustomerView.ACTIVE_DAYS),
                countIf(col(OFFPEAK)).as(OFFPEAK),
                countIf(type.equalTo(LOCAL)).as(LOCAL),
                countIf(type.equalTo(LONG_DISTANCE)).as(LONG_DISTANCE),
                countIf(type.equalTo(IP_LONG_DISTANCE)).as(IP_LONG_DISTANCE),
                countIf(type.equalTo(ROAMING)).as(ROAMING),
                countIf(type.equalTo(INTERNATIONAL)).as(INTERNATIONAL),
                countIf(col(Cdr.FORWARDED)).as(CustomerView.FORWARDED_CALLS),
                countIf(status.equalTo(NORMAL)).as(NORMAL),
                countIf(status.equalTo(DROPPED)).as(DROPPED),
                countIf(status.equalTo(FAILED)).as(FAILED));
    Column n = col(CALLS);
    return agg.select(
        col(CustomerView.CUSTOMER_ID),
        n,
        col(CustomerView.MO_CALLS).cast(DataTypes.LongType).as(CustomerView.MO_CALLS),
        col(CustomerView.MT_CALLS).cast(DataTypes.LongType).as(CustomerView.MT_CALLS),
        col(MO_SECONDS).cast(DataTypes.DoubleType).divide(60).as(CustomerView.MO_MINUTES),
        col(MT_SECONDS).cast(DataTypes.DoubleType).divide(60).as(CustomerView.MT_MINUTES),
        col(CustomerView.ACTIVE_DAYS),
        Shares.ratio(n, col(CustomerView.ACTIVE_DAYS)).as(CustomerView.CALLS_PER_ACTIVE_DAY),
        Shares.ratio(col(OFFPEAK), n).as(CustomerView.OFFPEAK_SHARE),
        Shares.ratio(col(LOCAL), n).as(CustomerView.LOCAL_SHARE),
        Shares.ratio(col(LONG_DISTANCE), n).as(CustomerView.LONG_DISTANCE_SHARE),
        Shares.ratio(col(IP_LONG_DISTANCE), n).as(CustomerView.IP_LONG_DISTANCE_SHARE),
        Shares.ratio(col(ROAMING), n).as(CustomerView.ROAMING_SHARE),
        Shares.ratio(col(INTERNATIONAL), n).as(CustomerView.INTERNATIONAL_SHARE),
        col(CustomerView.FORWARDED_CALLS).cast(DataTypes.LongType).as(CustomerView.FORWARDED_CALLS),
        // drop rate over established calls (normal + dropped), failure rate over all attempts
        Shares.ratio(col(DROPPED), col(NORMAL).plus(col(DROPPED))).as(CustomerView.DROPPED_CALL_RATE),
        Shares.ratio(col(FAILED), n).as(CustomerView.FAILED_CALL_RATE));
  }

  /**
   * The operator of each distinct contact comes from {@link OperatorPrefixes#operatorOf}, the
   * single source of truth, through a UDF: it runs once per (customer, contact), not per call, and
   * keeps the number normalisation (+86, 0086, separators) in one place.
   */
  private static Dataset<Row> perContact(Dataset<Row> calls, OperatorPrefixes ops) {
    UserDefinedFunction operatorOf =
        udf((UDF1<String, String>) ops::operatorOf, DataTypes.StringType).asNonNullable();
    Column n = col(N).cast(DataTypes.DoubleType);
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(col(N)).as(N));
    // summed as a long of 1e-9 units: a double sum depends on the order the shuffle delivers the
    // contacts in (and a DECIMAL(30,12) sum costs a BigDecimal per contact)
    aggs.add(Shares.fromFixed(Shares.sumFixed(n.multiply(log(n)), 1e9), 1e9).as(N_LN_N));
    aggs.add(max(col(N)).as(TOP));
    aggs.add(countIf(col(OPERATOR).equalTo(ops.home())).as(ops.home()));
    for (String op : ops.competitors()) {
      aggs.add(countIf(col(OPERATOR).equalTo(op)).as(op));
    }
    Dataset<Row> agg =
        calls
            .groupBy(col(CustomerView.CUSTOMER_ID), col(Cdr.OTHER_PARTY))
            .agg(count(lit(1)).as(N))
            .withColumn(OPERATOR, operatorOf.apply(col(Cdr.OTHER_PARTY)))
            .groupBy(col(CustomerView.CUSTOMER_ID))
            .agg(count(lit(1)).as(CustomerView.DISTINCT_CONTACTS), aggs.toArray(new Column[0]));

    Column total = col(N).cast(DataTypes.DoubleType);
    Column contacts = col(CustomerView.DISTINCT_CONTACTS);
    List<Column> out = new ArrayList<>();
    out.add(col(CustomerView.CUSTOMER_ID));
    out.add(contacts);
    // H = -sum p ln p = ln N - (sum n ln n) / N; rounded so the floating sum's order never shows
    out.add(round(log(total).minus(col(N_LN_N).divide(total)), 9).as(CustomerView.CONTACT_ENTROPY));
    out.add(Shares.ratio(col(TOP), total).as(CustomerView.TOP_CONTACT_SHARE));
    out.add(Shares.ratio(col(ops.home()), contacts).as(CustomerView.ONNET_CONTACT_SHARE));
    List<Column> competitorShares = new ArrayList<>();
    for (String op : ops.competitors()) {
      Column share = Shares.ratio(col(op), contacts);
      competitorShares.add(share);
      out.add(share.as(CustomerView.contactShare(op)));
    }
    out.add(
        (competitorShares.size() == 1
                ? competitorShares.get(0)
                : greatest(competitorShares.toArray(new Column[0])))
            .as(CustomerView.TOP_COMPETITOR_SHARE));
    return agg.select(out.toArray(new Column[0]));
  }

  /**
   * Distinct cells and the home cell, by the geo stage's rule (geo/HomeCells): the cell with the
   * most calls in the night window, ties to the smallest cell_id; none without night calls.
   */
  private static Dataset<Row> perCell(Dataset<Row> calls) {
    Column cell = col(Cdr.CELL_ID);
    Column night = col(NIGHT_CALLS);
    return calls
        .groupBy(col(CustomerView.CUSTOMER_ID), cell)
        .agg(countIf(col(NIGHT)).as(NIGHT_CALLS))
        .groupBy(col(CustomerView.CUSTOMER_ID))
        .agg(
            count(lit(1)).as(CustomerView.DISTINCT_CELLS),
            // min over (-count, cell_id): the largest count first, then the smallest cell_id
            min(when(night.gt(0), struct(functions.negate(night).as(N), cell.as(C)))).as(HOME_NIGHT))
        .select(
            col(CustomerView.CUSTOMER_ID),
            col(CustomerView.DISTINCT_CELLS),
            col(HOME_NIGHT).getField(C).as(CustomerView.HOME_CELL_ID));
  }
}
