package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.geo.NightWindow;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Call features (docs/features.md, "calls"). The CDR window is projected to the few columns the
 * features need (the categorical ones packed into one flags word), shuffled once by customer_id,
 * and each partition is summed up per customer in plain Java ({@link CustomerCalls}): counts,
 * minutes and shares; distinct contacts, entropy, top share and operator shares (the operator of
 * each distinct contact looked up once); distinct cells and the home cell. One pass over the
 * shuffle instead of three Spark aggregations keyed by customer, (customer, contact) and
 * (customer, cell) and two joins: at 30M calls those string-keyed hash aggregations were most of
 * the view's time (docs/benchmarks.md, "view").
 */
final class CallFeatures {

  /** Calls in the window (MO + MT, every end status); kept for the flags (silent). */
  static final String CALLS = "_calls";

  private static final String FLAGS = "_flags";

  private CallFeatures() {}

  static Dataset<Row> aggregate(
      Dataset<Row> cdr, ViewWindows w, ViewConfig cfg, OperatorPrefixes ops, NightWindow night) {
    Column t = col(Cdr.START_TIME);
    Dataset<Row> calls =
        cdr.filter(t.geq(lit(w.cdrFrom().atStartOfDay())).and(t.lt(lit(w.end()))))
            .select(
                col(Cdr.CUSTOMER_ID),
                col(Cdr.OTHER_PARTY),
                col(Cdr.CELL_ID),
                col(Cdr.DURATION_S),
                // the day and the time of day are taken in Java after the shuffle: Spark's hour(),
                // to_date() and timestamp_diff() each build a zoned date-time per call
                t,
                flags().as(FLAGS))
            .repartition(col(Cdr.CUSTOMER_ID));
    return calls.mapPartitions(
        new PerCustomer(ops, cfg.offpeak(), night, w.cdrFrom().toEpochDay()), Encoders.row(schema(ops)));
  }

  /**
   * The {@link CustomerCalls} flags word of a call without its time bits (off-peak, night, which
   * {@link PerCustomer} adds): direction, forwarded, type, status.
   */
  static Column flags() {
    Column direction = col(Cdr.DIRECTION);
    Column f = when(direction.equalTo(Cdr.DIRECTION_MO), CustomerCalls.MO).otherwise(0)
        .plus(when(direction.equalTo(Cdr.DIRECTION_MT), CustomerCalls.MT).otherwise(0))
        .plus(when(col(Cdr.FORWARDED), CustomerCalls.FORWARDED).otherwise(0));
    Column type = lit(0);
    for (int i = CustomerCalls.TYPES.size() - 1; i >= 0; i--) {
      type = when(col(Cdr.CALL_TYPE).equalTo(CustomerCalls.TYPES.get(i)), (i + 1) << CustomerCalls.TYPE_SHIFT)
          .otherwise(type);
    }
    Column status = lit(0);
    for (int i = CustomerCalls.STATUSES.size() - 1; i >= 0; i--) {
      status = when(col(Cdr.END_STATUS).equalTo(CustomerCalls.STATUSES.get(i)), (i + 1) << CustomerCalls.STATUS_SHIFT)
          .otherwise(status);
    }
    return f.plus(type).plus(status);
  }

  /** Columns of the result, in the order of {@link CustomerCalls#features}. */
  static StructType schema(OperatorPrefixes ops) {
    StructType s = new StructType()
        .add(CustomerView.CUSTOMER_ID, DataTypes.StringType, false)
        .add(CALLS, DataTypes.LongType)
        .add(CustomerView.MO_CALLS, DataTypes.LongType)
        .add(CustomerView.MT_CALLS, DataTypes.LongType)
        .add(CustomerView.MO_MINUTES, DataTypes.DoubleType)
        .add(CustomerView.MT_MINUTES, DataTypes.DoubleType)
        .add(CustomerView.ACTIVE_DAYS, DataTypes.LongType)
        .add(CustomerView.CALLS_PER_ACTIVE_DAY, DataTypes.DoubleType)
        .add(CustomerView.OFFPEAK_SHARE, DataTypes.DoubleType)
        .add(CustomerView.LOCAL_SHARE, DataTypes.DoubleType)
        .add(CustomerView.LONG_DISTANCE_SHARE, DataTypes.DoubleType)
        .add(CustomerView.IP_LONG_DISTANCE_SHARE, DataTypes.DoubleType)
        .add(CustomerView.ROAMING_SHARE, DataTypes.DoubleType)
        .add(CustomerView.INTERNATIONAL_SHARE, DataTypes.DoubleType)
        .add(CustomerView.FORWARDED_CALLS, DataTypes.LongType)
        .add(CustomerView.DROPPED_CALL_RATE, DataTypes.DoubleType)
        .add(CustomerView.FAILED_CALL_RATE, DataTypes.DoubleType)
        .add(CustomerView.DISTINCT_CONTACTS, DataTypes.LongType)
        .add(CustomerView.CONTACT_ENTROPY, DataTypes.DoubleType)
        .add(CustomerView.TOP_CONTACT_SHARE, DataTypes.DoubleType)
        .add(CustomerView.ONNET_CONTACT_SHARE, DataTypes.DoubleType);
    for (String op : ops.competitors()) {
      s = s.add(CustomerView.contactShare(op), DataTypes.DoubleType);
    }
    return s.add(CustomerView.TOP_COMPETITOR_SHARE, DataTypes.DoubleType)
        .add(CustomerView.DISTINCT_CELLS, DataTypes.LongType)
        .add(CustomerView.HOME_CELL_ID, DataTypes.StringType);
  }

  /**
   * One partition of the shuffled calls summed up per customer; customers come out sorted by id.
   * Memory: one {@link CustomerCalls} per customer of the partition (a few hundred bytes plus
   * its distinct contacts and cells), bounded by the shuffle partition size.
   */
  private static final class PerCustomer implements MapPartitionsFunction<Row, Row> {
    private final OperatorPrefixes ops;
    private final TimeOfDayWindow offpeak;
    private final NightWindow night;
    private final long firstDay;

    PerCustomer(OperatorPrefixes ops, TimeOfDayWindow offpeak, NightWindow night, long firstEpochDay) {
      this.ops = ops;
      this.offpeak = offpeak;
      this.night = night;
      this.firstDay = firstEpochDay;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> calls) {
      Map<String, CustomerCalls> byCustomer = new HashMap<>();
      while (calls.hasNext()) {
        Row r = calls.next();
        LocalDateTime start = r.getAs(4);
        LocalTime time = start.toLocalTime();
        int flags = r.getInt(5)
            | (offpeak.contains(time) ? CustomerCalls.OFFPEAK : 0)
            | (night.contains(time.getHour() * 60 + time.getMinute()) ? CustomerCalls.NIGHT : 0);
        int day = (int) (start.toLocalDate().toEpochDay() - firstDay);
        byCustomer.computeIfAbsent(r.getString(0), k -> new CustomerCalls())
            .add(r.getString(1), r.getString(2), r.getInt(3), day, flags);
      }
      List<String> ids = new ArrayList<>(byCustomer.keySet());
      ids.sort(null);
      // each customer's accumulator is dropped as soon as its row is out
      return ids.stream().map(id -> {
        Object[] f = byCustomer.remove(id).features(ops);
        Object[] row = new Object[f.length + 1];
        row[0] = id;
        System.arraycopy(f, 0, row, 1, f.length);
        return RowFactory.create(row);
      }).iterator();
    }
  }
}
