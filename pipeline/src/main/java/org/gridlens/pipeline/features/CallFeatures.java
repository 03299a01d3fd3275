package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.geo.NightWindow;
import org.gridlens.pipeline.run.SparkSessions;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Call features (docs/features.md, "calls"). The CDR window is projected to the few columns the
 * features need (the categorical ones packed into one flags word); each whole file of a CDR that
 * ingest clustered by customer, or else each partition of the calls shuffled by customer_id, is
 * summed up per customer in plain Java ({@link CustomerCalls}): counts, minutes and shares;
 * distinct contacts, entropy, top share and operator shares (the operator of each distinct contact
 * looked up once); distinct cells and the home cell. One pass instead of three Spark aggregations
 * keyed by customer, (customer, contact) and (customer, cell) and two joins: at 30M calls those
 * string-keyed hash aggregations were most of the view's time (docs/benchmarks.md, "view").
 */
final class CallFeatures {

  /** Calls in the window (MO + MT, every end status); kept for the flags (silent). */
  static final String CALLS = "_calls";

  private static final String FLAGS = "_flags";
  private static final String START_S = "_start_s";
  private static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
  private static final String OPEN_COST_BYTES = "spark.sql.files.openCostInBytes";
  /**
   * Larger than any file: with it as both the split size and the cost of opening a file, Spark
   * reads every file whole, one per task.
   */
  private static final String WHOLE_FILE_BYTES = String.valueOf(1L << 50);

  private CallFeatures() {}

  /**
   * @param clustered the clean CDR files are clustered by customer (ingest marks them so,
   *     {@code Warehouse.clusteredBy}): every customer's calls are in one file, so each file is
   *     summed up on its own and nothing is shuffled; otherwise the calls are shuffled by customer
   */
  static Dataset<Row> aggregate(
      Dataset<Row> cdr, ViewWindows w, ViewConfig cfg, OperatorPrefixes ops, NightWindow night, boolean clustered) {
    Column t = col(Cdr.START_TIME);
    Dataset<Row> calls =
        cdr.filter(t.geq(lit(w.cdrFrom().atStartOfDay())).and(t.lt(lit(w.end()))))
            .select(
                col(Cdr.CUSTOMER_ID),
                col(Cdr.OTHER_PARTY),
                col(Cdr.CELL_ID),
                col(Cdr.DURATION_S),
                // the day and the time of day are taken from the start's seconds in Java
                NightWindow.wallClockSeconds(t).as(START_S),
                flags().as(FLAGS));
    // Spark's internal rows, not Row objects: the encoder made a Java string of every id, contact
    // and cell and a LocalDateTime of every start of 30M calls at 1M customers (with the time of
    // day, about a sixth of the calls' time).
    StructType schema = schema(ops);
    JavaRDD<InternalRow> rows =
        clustered ? internalRows(calls, true) : internalRows(calls.repartition(col(Cdr.CUSTOMER_ID)), false);
    JavaRDD<Row> perCustomer =
        rows.mapPartitions(new PerCustomer(ops, cfg.offpeak(), night, w.cdrFrom().toEpochDay(), clustered));
    return cdr.sparkSession().createDataFrame(perCustomer, schema);
  }

  /**
   * The plan's RDD of internal rows, not yet run. With adaptive execution on, taking a plan's RDD
   * runs its shuffles at once (adaptive planning needs their sizes), here the CDR shuffle, alone
   * and while the view is only being built; planned without it, the shuffle runs when the view
   * is written, side by side with the other sources' scans. With {@code wholeFiles}, each task
   * reads exactly one whole file: Spark otherwise splits files bigger than its split size (which
   * shrinks with more cores) and packs small files together. (These session settings are read
   * when the plan's RDD is made, so they are changed for that moment only.)
   */
  private static JavaRDD<InternalRow> internalRows(Dataset<Row> plan, boolean wholeFiles) {
    RuntimeConfig conf = plan.sparkSession().conf();
    Map<String, String> settings = new HashMap<>();
    settings.put(SparkSessions.ADAPTIVE_EXECUTION, "false");
    if (wholeFiles) {
      settings.put(MAX_PARTITION_BYTES, WHOLE_FILE_BYTES);
      settings.put(OPEN_COST_BYTES, WHOLE_FILE_BYTES);
    }
    Map<String, String> before = new HashMap<>();
    settings.forEach((k, v) -> {
      before.put(k, conf.getOption(k).isDefined() ? conf.get(k) : null);
      conf.set(k, v);
    });
    try {
      return plan.queryExecution().toRdd().toJavaRDD();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          conf.unset(k);
        } else {
          conf.set(k, v);
        }
      });
    }
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
   * One partition of the calls summed up per customer. Shuffled calls come in any order (the
   * customers come out sorted by id): one {@link CustomerCalls} per customer of the partition (a few
   * hundred bytes plus its distinct contacts and cells), bounded by the shuffle partition size.
   * A whole file of clustered calls ({@code inOrder}) has each customer's calls together: each
   * customer is summed up and emitted before the next starts, so one customer is held at a time
   * (and the ids already done, to fail loudly should a customer come back).
   */
  private static final class PerCustomer implements FlatMapFunction<Iterator<InternalRow>, Row> {
    private final OperatorPrefixes ops;
    private final TimeOfDayWindow offpeak;
    private final NightWindow night;
    private final long firstDay;
    private final boolean inOrder;

    PerCustomer(OperatorPrefixes ops, TimeOfDayWindow offpeak, NightWindow night, long firstEpochDay, boolean inOrder) {
      this.ops = ops;
      this.offpeak = offpeak;
      this.night = night;
      this.firstDay = firstEpochDay;
      this.inOrder = inOrder;
    }

    @Override
    public Iterator<Row> call(Iterator<InternalRow> calls) {
      return inOrder ? inOrder(calls) : anyOrder(calls);
    }

    private Iterator<Row> anyOrder(Iterator<InternalRow> calls) {
      Map<UTF8String, CustomerCalls> byCustomer = new HashMap<>();
      while (calls.hasNext()) {
        InternalRow r = calls.next();
        UTF8String id = r.getUTF8String(0);
        CustomerCalls c = byCustomer.get(id);
        if (c == null) {
          c = new CustomerCalls();
          byCustomer.put(id.copy(), c);
        }
        add(c, r);
      }
      List<UTF8String> ids = new ArrayList<>(byCustomer.keySet());
      ids.sort(null);
      // each customer's accumulator is dropped as soon as its row is out
      return ids.stream().map(id -> row(id, byCustomer.remove(id))).iterator();
    }

    private Iterator<Row> inOrder(Iterator<InternalRow> calls) {
      return new Iterator<>() {
        private final Set<UTF8String> done = new HashSet<>(); // ids only: a check, not the sums
        private UTF8String id;
        private CustomerCalls current;
        private Row next;

        @Override
        public boolean hasNext() {
          while (next == null && (current != null || calls.hasNext())) {
            if (!calls.hasNext()) {
              next = row(id, current);
              current = null;
              break;
            }
            InternalRow r = calls.next();
            UTF8String rowId = r.getUTF8String(0);
            if (current != null && !rowId.equals(id)) {
              next = row(id, current);
              current = null;
              done.add(id);
            }
            if (current == null) {
              if (done.contains(rowId)) {
                // marked clustered but not: summing on would split this customer into two rows
                throw new IllegalStateException("clean/cdr is marked clustered by customer_id ("
                    + Warehouse.CLUSTERED_BY_FILE + ") but a customer's calls are not together in one file;"
                    + " run ingest for this date again");
              }
              id = rowId.copy();
              current = new CustomerCalls();
            }
            add(current, r);
          }
          return next != null;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          Row r = next;
          next = null;
          return r;
        }
      };
    }

    private void add(CustomerCalls c, InternalRow r) {
      long start = r.getLong(4);
      int second = (int) Math.floorMod(start, NightWindow.SECONDS_PER_DAY);
      int flags = r.getInt(5)
          | (offpeak.containsSecondOfDay(second) ? CustomerCalls.OFFPEAK : 0)
          | (night.contains(second / 60) ? CustomerCalls.NIGHT : 0);
      int day = (int) (Math.floorDiv(start, NightWindow.SECONDS_PER_DAY) - firstDay);
      c.add(r.getUTF8String(1), r.getUTF8String(2), r.getInt(3), day, flags);
    }

    private Row row(UTF8String id, CustomerCalls c) {
      Object[] f = c.features(ops);
      Object[] row = new Object[f.length + 1];
      row[0] = id.toString();
      System.arraycopy(f, 0, row, 1, f.length);
      return RowFactory.create(row);
    }
  }
}
