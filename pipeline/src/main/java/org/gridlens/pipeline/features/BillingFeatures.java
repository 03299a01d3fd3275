package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Schemas;

/** Billing features over the billing window's bills (docs/features.md, "billing"). */
final class BillingFeatures {

  private static final String X = "_x";
  private static final String LATE = "_late";
  private static final String DAYS_LATE = "_days_late";
  private static final String SUM_X = "_sum_x";
  private static final String SUM_XX = "_sum_xx";
  private static final String SUM_Y = "_sum_y";
  private static final String SUM_XY = "_sum_xy";
  private static final String SUM_VOICE = "_sum_voice";
  private static final String SUM_DATA = "_sum_data";
  private static final String SUM_SMS = "_sum_sms";
  private static final String SUM_VAS = "_sum_vas";
  private static final String LATE_DAYS = "_late_days";
  private static final String UNPAID = "_unpaid";
  private static final String METHOD = "_method";
  private static final String BILLS_OF = "_bills_";
  private static final String LATEST_OF = "_latest_";
  private static final String PM = "pm";
  private static final long METHOD_BITS_MASK = 0xFF;
  /** The method index of a value outside the contract's list. */
  static final long OTHER_METHOD = METHOD_BITS_MASK;

  private BillingFeatures() {}

  /**
   * The method's position in the contract's list ({@link #OTHER_METHOD} for any other value,
   * which clean data never has): one string match per bill.
   */
  static Column methodIndex(Column method) {
    Column index = lit(OTHER_METHOD);
    for (int i = Billing.PAYMENT_METHODS.size() - 1; i >= 0; i--) {
      index = when(method.equalTo(Billing.PAYMENT_METHODS.get(i)), lit((long) i)).otherwise(index);
    }
    return index;
  }

  /**
   * A method's rank as one long, so the most frequent method is the largest: bills first, then
   * the latest month (one bill per month: billing is keyed by month, so no two methods tie), then
   * the method's index. Null when the method has no bill.
   */
  static Column methodRank(Column bills, Column latestMonth, long index) {
    Column day = datediff(latestMonth, lit(LocalDate.EPOCH)).cast(DataTypes.LongType);
    return when(bills.gt(0),
        shiftleft(bills.cast(DataTypes.LongType), 32).plus(shiftleft(day, 8)).plus(lit(index)));
  }

  /** The method of a {@link #methodRank}; null for a value outside the contract's list. */
  static Column methodOf(Column rank) {
    Column index = rank.bitwiseAND(lit(METHOD_BITS_MASK));
    Column method = lit(null).cast(DataTypes.StringType);
    for (int i = Billing.PAYMENT_METHODS.size() - 1; i >= 0; i--) {
      method = when(index.equalTo(lit((long) i)), lit(Billing.PAYMENT_METHODS.get(i))).otherwise(method);
    }
    return method;
  }

  /** Every method index a bill can have: the contract's, then {@link #OTHER_METHOD}. */
  private static LongStream methodIndices() {
    return LongStream.concat(LongStream.range(0, Billing.PAYMENT_METHODS.size()), LongStream.of(OTHER_METHOD));
  }

  /** customer_id + billing features, for customers with at least one bill in the window. */
  static Dataset<Row> aggregate(Dataset<Row> billing, ViewWindows w) {
    Column month = col(Billing.BILL_MONTH);
    Column paid = col(Billing.PAID_DATE);
    Column due = col(Billing.DUE_DATE);
    Column runDate = lit(w.runDate());
    // late: paid after due, or still unpaid and past due at the run date
    Column late = paid.isNotNull().and(paid.gt(due)).or(paid.isNull().and(due.lt(runDate)));
    Column daysLate = when(paid.isNotNull(), datediff(paid, due)).otherwise(datediff(runDate, due));
    Column unpaid = paid.isNull().or(paid.gt(runDate));
    Column fee = col(Billing.TOTAL_FEE);
    // month index from the window's first month (both first days of a month): the slope is in
    // yuan per month; integer arithmetic, where months_between goes through time-zoned timestamps
    LocalDate from = w.billingFrom();
    Column x = year(month).minus(from.getYear()).multiply(12).plus(month(month).minus(from.getMonthValue()));

    Dataset<Row> bills =
        billing
            .filter(month.geq(lit(w.billingFrom())).and(month.leq(lit(w.billingTo()))))
            .select(
                col(Billing.CUSTOMER_ID),
                month,
                fee,
                col(Billing.VOICE_FEE),
                col(Billing.DATA_FEE),
                col(Billing.SMS_FEE),
                col(Billing.VAS_FEE),
                methodIndex(col(Billing.PAYMENT_METHOD)).as(METHOD),
                x.as(X),
                late.as(LATE),
                when(late, daysLate).as(DAYS_LATE),
                when(unpaid, fee).as(UNPAID));

    // One aggregation keyed by customer, combined map-side like any sum: the payment-method mode
    // from each method's number of bills and latest month (a count and a max per method of the
    // contract), every other figure a sum or the fee of the latest month. (A collect_list of the
    // methods was an object aggregation that sorted the whole window, and a first level per
    // (customer, method) shuffled every bill: 40 s and 15 s of the view at 1M customers.)
    // Fees summed as whole cents in longs: exact, so the slope does not depend on the order rows
    // arrive in, and without the BigDecimal a DECIMAL(22,2) sum costs per row (Shares).
    Column xc = col(X);
    List<Column> aggs = new ArrayList<>(List.of(
        Shares.sumCents(fee).as(SUM_Y),
        Shares.sumCents(col(Billing.VOICE_FEE)).as(SUM_VOICE),
        Shares.sumCents(col(Billing.DATA_FEE)).as(SUM_DATA),
        Shares.sumCents(col(Billing.SMS_FEE)).as(SUM_SMS),
        Shares.sumCents(col(Billing.VAS_FEE)).as(SUM_VAS),
        max_by(fee, month).as(CustomerView.LAST_MONTH_FEE),
        sum(xc).as(SUM_X),
        sum(xc.multiply(xc)).as(SUM_XX),
        sum(Shares.cents(fee).multiply(xc)).as(SUM_XY),
        sum(when(col(LATE), 1).otherwise(0)).as(CustomerView.LATE_PAYMENTS),
        sum(col(DAYS_LATE)).as(LATE_DAYS),
        Shares.sumCents(col(UNPAID)).as(CustomerView.AMOUNT_UNPAID)));
    List<Column> ranks = new ArrayList<>();
    for (long i : methodIndices().toArray()) {
      Column isMethod = col(METHOD).equalTo(lit(i));
      aggs.add(sum(when(isMethod, 1).otherwise(0)).as(BILLS_OF + i));
      aggs.add(max(when(isMethod, month)).as(LATEST_OF + i));
      ranks.add(methodRank(col(BILLS_OF + i), col(LATEST_OF + i), i));
    }
    Dataset<Row> agg =
        bills
            .groupBy(col(Billing.CUSTOMER_ID))
            .agg(count(lit(1)).as(CustomerView.MONTHS_BILLED), aggs.toArray(new Column[0]))
            .withColumn(PM, greatest(ranks.toArray(new Column[0])));

    Column n = col(CustomerView.MONTHS_BILLED).cast(DataTypes.DoubleType);
    Column sy = col(SUM_Y).cast(DataTypes.DoubleType).divide(100);
    Column slope =
        n.multiply(col(SUM_XY).cast(DataTypes.DoubleType).divide(100)).minus(col(SUM_X).multiply(sy))
            .divide(n.multiply(col(SUM_XX)).minus(col(SUM_X).multiply(col(SUM_X))));
    return agg.select(
        col(Billing.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID),
        Shares.ratio(sy, n).as(CustomerView.ARPU),
        col(CustomerView.LAST_MONTH_FEE).cast(Schemas.MONEY).as(CustomerView.LAST_MONTH_FEE),
        when(n.geq(2), slope).as(CustomerView.FEE_TREND),
        Shares.ratio(col(SUM_VOICE), col(SUM_Y)).as(CustomerView.VOICE_FEE_SHARE),
        Shares.ratio(col(SUM_DATA), col(SUM_Y)).as(CustomerView.DATA_FEE_SHARE),
        Shares.ratio(col(SUM_SMS), col(SUM_Y)).as(CustomerView.SMS_FEE_SHARE),
        Shares.ratio(col(SUM_VAS), col(SUM_Y)).as(CustomerView.VAS_FEE_SHARE),
        col(CustomerView.MONTHS_BILLED),
        methodOf(col(PM)).as(CustomerView.PAYMENT_METHOD),
        col(CustomerView.LATE_PAYMENTS).cast(DataTypes.LongType).as(CustomerView.LATE_PAYMENTS),
        Shares.ratio(col(LATE_DAYS), col(CustomerView.LATE_PAYMENTS)).as(CustomerView.MEAN_DAYS_LATE),
        Shares.centsToMoney(col(CustomerView.AMOUNT_UNPAID)).as(CustomerView.AMOUNT_UNPAID),
        Shares.centsToMoney(col(SUM_Y)).as(CustomerView.REVENUE));
  }
}
