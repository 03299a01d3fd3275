package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_timestamp_ntz;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Vas;

/**
 * A seeded synthetic city in the CLEAN schemas, built with Spark column expressions, for the
 * view benchmark when no generated city is available. Volumes per customer: 3 bills, about
 * {@code callsPerCustomer} calls over 20 contacts and 8 cells, 10 VAS rows, 0.2 complaints.
 */
final class SyntheticCity {

  private final SparkSession spark;
  private final long customers;
  private final int callsPerCustomer;

  SyntheticCity(SparkSession spark, long customers, int callsPerCustomer) {
    this.spark = spark;
    this.customers = customers;
    this.callsPerCustomer = callsPerCustomer;
  }

  /** A deterministic pseudo-random integer in [0, n) from the row id and a salt. */
  private static Column rnd(Column id, int salt, int n) {
    return pmod(xxhash64(id, lit(salt)), lit((long) n)).cast(DataTypes.IntegerType);
  }

  private static Column cid(Column idx) {
    return format_string("C%08d", idx);
  }

  private static Column number(Column seed) {
    String[] prefixes = {"138", "139", "186", "130", "133", "189", "192", "010"};
    Column p = lit(prefixes[0]);
    Column k = pmod(seed, lit((long) prefixes.length));
    for (int i = prefixes.length - 1; i >= 0; i--) {
      p = when(k.equalTo(i), lit(prefixes[i])).otherwise(p);
    }
    return concat(p, format_string("%08d", pmod(seed, lit(100_000_000L))));
  }

  private static Column pick(Column k, String... values) {
    Column v = lit(values[0]);
    for (int i = values.length - 1; i > 0; i--) {
      v = when(k.equalTo(i), lit(values[i])).otherwise(v);
    }
    return v;
  }

  Dataset<Row> customers() {
    Column id = col("id");
    return spark.range(customers).select(
        cid(id).as(Customers.CUSTOMER_ID),
        concat(lit("138"), format_string("%08d", id)).as(Customers.MSISDN),
        lit(null).cast(DataTypes.StringType).as(Customers.ID_NUMBER),
        lit(null).cast(DataTypes.StringType).as(Customers.NAME),
        pick(rnd(id, 1, 3), "M", "F", "U").as(Customers.GENDER),
        date_add(lit(LocalDate.of(1945, 1, 1)), rnd(id, 2, 60 * 365)).as(Customers.BIRTH_DATE),
        pick(rnd(id, 3, 10), "enterprise", "individual", "individual", "individual", "individual",
            "individual", "individual", "individual", "individual", "individual").as(Customers.CUSTOMER_TYPE),
        lit(null).cast(DataTypes.StringType).as(Customers.INDUSTRY),
        pick(rnd(id, 4, 4), "P18", "P58", "P88", "P128").as(Customers.PLAN_ID),
        lit(58).cast(Schemas.MONEY).as(Customers.PLAN_FEE),
        date_add(lit(LocalDate.of(2010, 1, 1)), rnd(id, 5, 6140)).as(Customers.JOIN_DATE),
        pick(rnd(id, 6, 3), "store", "online", "agent").as(Customers.CHANNEL),
        pick(rnd(id, 7, 50), "closed", "active", "active", "suspended").as(Customers.STATUS),
        lit(null).cast(DataTypes.DateType).as(Customers.CLOSE_DATE),
        lit(null).cast(DataTypes.StringType).as(Customers.ADDRESS),
        lit(null).cast(DataTypes.DoubleType).as(Customers.LON),
        lit(null).cast(DataTypes.DoubleType).as(Customers.LAT),
        lit(null).cast(DataTypes.StringType).as(Customers.GRID_ID));
  }

  Dataset<Row> billing() {
    Column id = col("id");
    Column c = floor(id.divide(3));
    Column m = pmod(id, lit(3L)).cast(DataTypes.IntegerType);
    Column month = org.apache.spark.sql.functions.add_months(lit(LocalDate.of(2026, 8, 1)), m);
    Column fee = rnd(id, 11, 20000).cast(DataTypes.DoubleType).divide(100).cast(Schemas.MONEY);
    Column part = fee.divide(4).cast(Schemas.MONEY);
    Column due = date_add(org.apache.spark.sql.functions.add_months(month, 1), 14);
    return spark.range(customers * 3).select(
        cid(c).as(Billing.CUSTOMER_ID), month.as(Billing.BILL_MONTH), fee.as(Billing.TOTAL_FEE),
        part.as(Billing.VOICE_FEE), part.as(Billing.DATA_FEE), part.as(Billing.SMS_FEE), part.as(Billing.VAS_FEE),
        due.as(Billing.DUE_DATE),
        when(rnd(id, 12, 10).gt(0), date_add(due, rnd(id, 13, 10).minus(7))).as(Billing.PAID_DATE),
        pick(rnd(id, 14, 5), "bank_debit", "wechat", "alipay", "cash", "card").as(Billing.PAYMENT_METHOD));
  }

  Dataset<Row> cdr() {
    Column id = col("id");
    Column c = floor(id.divide(callsPerCustomer));
    Column day = rnd(id, 21, 92);
    Column date = date_add(lit(LocalDate.of(2026, 8, 1)), day);
    Column start = make_timestamp_ntz(
        org.apache.spark.sql.functions.year(date), org.apache.spark.sql.functions.month(date),
        org.apache.spark.sql.functions.dayofmonth(date), rnd(id, 22, 24), rnd(id, 23, 60),
        rnd(id, 24, 60).cast(DataTypes.createDecimalType(8, 6)));
    return spark.range(customers * callsPerCustomer).select(
        cid(c).as(Cdr.CUSTOMER_ID),
        pick(rnd(id, 25, 2), "MO", "MT").as(Cdr.DIRECTION),
        number(xxhash64(c, rnd(id, 26, 20))).as(Cdr.OTHER_PARTY),
        start.as(Cdr.START_TIME),
        rnd(id, 27, 600).as(Cdr.DURATION_S),
        format_string("CELL%05d", pmod(xxhash64(c, rnd(id, 28, 8)), lit(5000L))).as(Cdr.CELL_ID),
        pick(rnd(id, 29, 10), "local", "local", "local", "local", "local", "long_distance", "ip_long_distance",
            "roaming", "international", "local").as(Cdr.CALL_TYPE),
        pick(rnd(id, 30, 50), "dropped", "failed", "normal").as(Cdr.END_STATUS),
        rnd(id, 31, 40).equalTo(0).as(Cdr.FORWARDED));
  }

  Dataset<Row> complaints() {
    Column id = col("id");
    Column opened = make_timestamp_ntz(lit(2026), lit(8).plus(rnd(id, 41, 3)), lit(1).plus(rnd(id, 42, 28)),
        rnd(id, 43, 24), lit(0), lit(0).cast(DataTypes.createDecimalType(8, 6)));
    return spark.range(customers / 5).select(
        format_string("K%09d", id).as(Complaints.COMPLAINT_ID),
        cid(pmod(xxhash64(id, lit(44)), lit(customers))).as(Complaints.CUSTOMER_ID),
        opened.as(Complaints.OPENED_AT),
        pick(rnd(id, 45, 6), "network", "billing", "service", "product", "other", "fraud").as(Complaints.CATEGORY),
        lit("hotline").as(Complaints.CHANNEL),
        when(rnd(id, 46, 4).gt(0), org.apache.spark.sql.functions.timestamp_add("HOUR", rnd(id, 47, 200), opened))
            .as(Complaints.RESOLVED_AT),
        when(rnd(id, 48, 3).gt(0), lit(1).plus(rnd(id, 49, 5))).as(Complaints.SATISFACTION));
  }

  Dataset<Row> vas() {
    Column id = col("id");
    Column c = floor(id.divide(10));
    return spark.range(customers * 10).select(
        cid(c).as(Vas.CUSTOMER_ID),
        date_add(lit(LocalDate.of(2026, 8, 1)), rnd(id, 51, 92)).as(Vas.USAGE_DATE),
        pick(rnd(id, 52, 7), "sms", "mms", "data", "music", "video", "cloud", "game").as(Vas.SERVICE),
        lit(1).plus(rnd(id, 53, 20)).as(Vas.USAGE_COUNT),
        rnd(id, 54, 100000).cast(DataTypes.DoubleType).divide(100).as(Vas.VOLUME_MB),
        rnd(id, 55, 1000).cast(DataTypes.DoubleType).divide(100).cast(Schemas.MONEY).as(Vas.FEE));
  }

  static Dataset<Row> assignment(Dataset<Row> customers) {
    Column id = col(Customers.CUSTOMER_ID);
    Column main = format_string("G%03d", pmod(xxhash64(id, lit(61)), lit(100L)).plus(1));
    return customers.select(
        id.as(GridAssignment.CUSTOMER_ID),
        concat(main, lit("-01")).as(GridAssignment.GRID_ID),
        main.as(GridAssignment.MAIN_GRID_ID),
        lit(GridAssignment.METHOD_POINT).as(GridAssignment.METHOD),
        lit(null).cast(DataTypes.StringType).as(GridAssignment.UNASSIGNED_REASON),
        lit(null).cast(DataTypes.StringType).as(GridAssignment.HOME_CELL_ID),
        lit(0.0).as(GridAssignment.BORDER_DISTANCE_M));
  }
}
