package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.bit_count;
import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.call_function;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Vas;

/** VAS features: the window's usage rows summed per customer. */
final class VasFeatures {

  /** The service whose usage_count is the SMS count. */
  static final String SMS = "sms";
  /** The service whose volume_mb is the data volume. */
  static final String DATA = "data";
  /** VAS rows in the window; kept for the flags (silent). */
  static final String ROWS = "_vas_rows";
  private static final String SERVICE_INDEX = "_service_index";

  /**
   * volume_mb is a DOUBLE; summing it in units of 0.0001 MB (100 bytes) as a long makes the sum
   * exact and independent of the order rows arrive in.
   */
  static final double VOLUME_UNITS = 10_000;

  private static final UTF8String[] SERVICE_NAMES =
      Vas.SERVICES.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);

  private VasFeatures() {}

  /**
   * The row's service as its position in {@link Vas#SERVICES} ({@code SERVICES.size()} for any
   * other value, which clean data never has): one string match per row, and every per-service
   * aggregate then compares a small int.
   */
  static Column serviceIndex(Column service) {
    Column index = lit(Vas.SERVICES.size());
    for (int i = Vas.SERVICES.size() - 1; i >= 0; i--) {
      index = when(service.equalTo(Vas.SERVICES.get(i)), lit(i)).otherwise(index);
    }
    return index;
  }

  /**
   * Distinct services with a row: a bitmask of the contract's services OR-ed per customer, then
   * counted (one bit more for any value outside the contract). The same number as
   * {@code count_distinct(service)}, but a plain aggregation keyed by customer: Spark plans a
   * distinct aggregate as an aggregation keyed by (customer, service) that carries every other
   * aggregate's buffer, over 27M VAS rows at 1M customers.
   */
  static Column servicesUsed(Column serviceIndex) {
    return bit_count(bit_or(call_function("shiftleft", lit(1L), serviceIndex))).cast(DataTypes.LongType);
  }

  /** The condition "the row is of service {@code name}" on the {@link #serviceIndex} column. */
  private static Column isService(String name) {
    int i = Vas.SERVICES.indexOf(name);
    return i < 0 ? lit(false) : col(SERVICE_INDEX).equalTo(lit(i));
  }

  /** The {@link #serviceIndex} of a service name, in plain Java. */
  static int serviceIndex(UTF8String service) {
    for (int i = 0; i < SERVICE_NAMES.length; i++) {
      if (SERVICE_NAMES[i].equals(service)) {
        return i;
      }
    }
    return SERVICE_NAMES.length;
  }

  /**
   * The VAS features per customer with at least one row in the window. A plain read of Parquet
   * files (the warehouse's clean/vas) is summed per file in plain Java first ({@link VasFiles});
   * anything else by one Spark aggregation over its rows. Both give the same sums.
   */
  static Dataset<Row> aggregate(Dataset<Row> vas, ViewWindows w, ViewConfig cfg) {
    return aggregate(vas, w, cfg, VasFiles.MAX_CUSTOMERS);
  }

  /** {@link #aggregate} with at most {@code maxCustomers} customers' partial sums held per task. */
  static Dataset<Row> aggregate(Dataset<Row> vas, ViewWindows w, ViewConfig cfg, int maxCustomers) {
    FileBatches files = VasFiles.batches(vas);
    Dataset<Row> agg = files == null ? sumRows(vas, w, cfg) : sumPartials(vas.sparkSession(), files, w, cfg, maxCustomers);
    List<Column> out = new ArrayList<>();
    out.add(col(CustomerView.CUSTOMER_ID));
    out.add(col(ROWS));
    out.add(col(CustomerView.SMS_COUNT));
    out.add(Shares.fromFixed(col(CustomerView.DATA_VOLUME_MB), VOLUME_UNITS).as(CustomerView.DATA_VOLUME_MB));
    for (String s : cfg.vasServices()) {
      out.add(col(CustomerView.vasUsage(s)));
      out.add(Shares.centsToMoney(col(CustomerView.vasFee(s))).as(CustomerView.vasFee(s)));
    }
    out.add(col(CustomerView.VAS_SERVICES_USED));
    out.add(Shares.centsToMoney(col(CustomerView.VAS_FEE_TOTAL)).as(CustomerView.VAS_FEE_TOTAL));
    return agg.select(out.toArray(new Column[0]));
  }

  /** The sums of the window's rows per customer, in one Spark aggregation. */
  private static Dataset<Row> sumRows(Dataset<Row> vas, ViewWindows w, ViewConfig cfg) {
    Column day = col(Vas.USAGE_DATE);
    List<Column> aggs = new ArrayList<>();
    for (String s : cfg.vasServices()) {
      aggs.add(sum(when(isService(s), col(Vas.USAGE_COUNT)).otherwise(0)).cast(DataTypes.LongType).as(CustomerView.vasUsage(s)));
      // the fee's cents inside the condition: one conversion per row, shared by every service's sum
      aggs.add(sum(when(isService(s), Shares.cents(col(Vas.FEE)))).as(CustomerView.vasFee(s)));
    }
    aggs.add(sum(when(isService(SMS), col(Vas.USAGE_COUNT)).otherwise(0)).cast(DataTypes.LongType).as(CustomerView.SMS_COUNT));
    aggs.add(Shares.sumFixed(when(isService(DATA), col(Vas.VOLUME_MB)), VOLUME_UNITS).as(CustomerView.DATA_VOLUME_MB));
    aggs.add(servicesUsed(col(SERVICE_INDEX)).as(CustomerView.VAS_SERVICES_USED));
    aggs.add(Shares.sumCents(col(Vas.FEE)).as(CustomerView.VAS_FEE_TOTAL));
    return vas.filter(day.geq(lit(w.vasFrom())).and(day.leq(lit(w.runDate()))))
        .withColumn(SERVICE_INDEX, serviceIndex(col(Vas.SERVICE)))
        .groupBy(col(Vas.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID))
        .agg(count(lit(1)).as(ROWS), aggs.toArray(new Column[0]));
  }

  /**
   * The same sums as {@link #sumRows} from the files' partial sums ({@link VasFiles}), added up
   * per customer by Spark.
   */
  private static Dataset<Row> sumPartials(
      SparkSession spark, FileBatches files, ViewWindows w, ViewConfig cfg, int maxCustomers) {
    Dataset<Row> partial = spark.createDataFrame(files.batches().mapPartitions(
            new VasFiles.PartialSums(w.vasFrom(), w.runDate(), files.columnAt(), maxCustomers)),
        VasFiles.schema());
    List<Column> aggs = new ArrayList<>();
    for (String s : cfg.vasServices()) {
      aggs.add(usageSum(s).as(CustomerView.vasUsage(s)));
      int i = Vas.SERVICES.indexOf(s);
      Column fee = i < 0 ? lit(null).cast(DataTypes.LongType) : sum(col(VasFiles.fee(i)));
      aggs.add(fee.as(CustomerView.vasFee(s)));
    }
    aggs.add(usageSum(SMS).as(CustomerView.SMS_COUNT));
    aggs.add(sum(col(VasFiles.VOLUME_UNITS)).as(CustomerView.DATA_VOLUME_MB));
    aggs.add(bit_count(bit_or(col(VasFiles.MASK))).cast(DataTypes.LongType).as(CustomerView.VAS_SERVICES_USED));
    aggs.add(sum(col(VasFiles.FEE_TOTAL)).as(CustomerView.VAS_FEE_TOTAL));
    return partial.groupBy(col(Vas.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID))
        .agg(sum(col(VasFiles.ROWS)).as(ROWS), aggs.toArray(new Column[0]));
  }

  private static Column usageSum(String service) {
    int i = Vas.SERVICES.indexOf(service);
    return i < 0 ? lit(0L) : sum(col(VasFiles.usage(i)));
  }
}
