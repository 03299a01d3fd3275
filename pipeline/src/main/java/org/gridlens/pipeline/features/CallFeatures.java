package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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
 * ingest clustered by customer (read as Parquet column batches when it is a plain Parquet read,
 * {@link CallFiles}), or else each partition of the calls shuffled by customer_id, is summed up
 * per customer in plain Java ({@link CustomerCalls}): counts, minutes and shares;
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
    StructType schema = schema(ops);
    CallClock clock = new CallClock(cfg.offpeak(), night, w.cdrFrom().toEpochDay());
    if (clustered) {
      // the files' Parquet column batches when the CDR is a plain Parquet read (as the view's is)
      FileBatches files = withSettings(cdr.sparkSession(), wholeFileSettings(), () -> CallFiles.batches(cdr));
      if (files != null) {
        JavaRDD<Row> perCustomer = files.batches().mapPartitions(new CallFiles.PerCustomer(
            ops, clock, CallFiles.Window.of(w.cdrFrom().atStartOfDay(), w.end()), files.columnAt()));
        return cdr.sparkSession().createDataFrame(perCustomer, schema);
      }
    }
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
    JavaRDD<InternalRow> rows = clustered
        ? withSettings(cdr.sparkSession(), wholeFileSettings(), () -> internalRows(calls))
        : withSettings(cdr.sparkSession(), Map.of(), () -> internalRows(calls.repartition(col(Cdr.CUSTOMER_ID))));
    JavaRDD<Row> perCustomer = rows.mapPartitions(new PerCustomer(ops, clock, clustered));
    return cdr.sparkSession().createDataFrame(perCustomer, schema);
  }

  private static JavaRDD<InternalRow> internalRows(Dataset<Row> plan) {
    return plan.queryExecution().toRdd().toJavaRDD();
  }

  /** Settings under which each task of a scan reads exactly one whole file. */
  private static Map<String, String> wholeFileSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put(MAX_PARTITION_BYTES, WHOLE_FILE_BYTES);
    settings.put(OPEN_COST_BYTES, WHOLE_FILE_BYTES);
    return settings;
  }

  /**
   * Takes a plan's RDD (not yet run) under {@code settings} and with adaptive execution off. With
   * adaptive execution on, taking a plan's RDD runs its shuffles at once (adaptive planning needs
   * their sizes), here the CDR shuffle, alone and while the view is only being built; planned
   * without it, the shuffle runs when the view is written, side by side with the other sources'
   * scans. With {@link #wholeFileSettings}, each task reads exactly one whole file: Spark otherwise
   * splits files bigger than its split size (which shrinks with more cores) and packs small files
   * together. (These session settings are read when the plan's RDD is made, so they are changed
   * for that moment only.)
   */
  private static <T> T withSettings(SparkSession spark, Map<String, String> settings, Supplier<T> rdd) {
    Map<String, String> all = new HashMap<>(settings);
    all.put(SparkSessions.ADAPTIVE_EXECUTION, "false");
    return SparkSessions.withSettings(spark, all, rdd);
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
   * Where a call falls in time, from its start's wall-clock seconds: its day in the window and its
   * off-peak and night bits.
   *
   * @param firstEpochDay the first day of the CDR window
   */
  record CallClock(TimeOfDayWindow offpeak, NightWindow night, long firstEpochDay) implements Serializable {

    /** Days since the first day of the window. */
    int day(long startS) {
      return (int) (Math.floorDiv(startS, NightWindow.SECONDS_PER_DAY) - firstEpochDay);
    }

    /** {@link CustomerCalls#OFFPEAK} and {@link CustomerCalls#NIGHT} of a call. */
    int timeFlags(long startS) {
      int second = (int) Math.floorMod(startS, NightWindow.SECONDS_PER_DAY);
      return (offpeak.containsSecondOfDay(second) ? CustomerCalls.OFFPEAK : 0)
          | (night.contains(second / 60) ? CustomerCalls.NIGHT : 0);
    }
  }

  /**
   * Calls that come grouped by customer (a file ingest clustered), summed up one customer at a
   * time: each customer's row is made as soon as the next customer's first call arrives. Ingest
   * writes each clustered file sorted by customer_id, so the ids must ascend: a customer met
   * again (or out of order) fails loudly instead of being split into two rows.
   */
  static final class OneCustomerAtATime {
    private final OperatorPrefixes ops;
    private UTF8String id;
    private CustomerCalls current;

    OneCustomerAtATime(OperatorPrefixes ops) {
      this.ops = ops;
    }

    /**
     * Starts a call of customer {@code callId} (which may point into a reused buffer): returns the
     * previous customer's row when this call is the first of another customer, else null.
     */
    Row next(UTF8String callId) {
      if (id != null && callId.equals(id)) {
        return null;
      }
      if (id != null && callId.compareTo(id) < 0) {
        // marked clustered but not: summing on would split this customer into two rows
        throw new IllegalStateException("clean/cdr is marked clustered by customer_id ("
            + Warehouse.CLUSTERED_BY_FILE + ") but a customer's calls are not together in one file,"
            + " in customer order; run ingest for this date again");
      }
      Row finished = null;
      if (current == null) {
        current = new CustomerCalls();
      } else {
        finished = row(id, current, ops);
        current.clear();
      }
      id = callId.copy();
      return finished;
    }

    /** The customer of the call {@link #next} started. */
    CustomerCalls current() {
      return current;
    }

    /** The last customer's row once the calls are all in, or null if there were none. */
    Row last() {
      Row r = current == null ? null : row(id, current, ops);
      current = null;
      return r;
    }
  }

  /** A customer's row of the result ({@link #schema}). */
  static Row row(UTF8String id, CustomerCalls c, OperatorPrefixes ops) {
    Object[] f = c.features(ops);
    Object[] row = new Object[f.length + 1];
    row[0] = id.toString();
    System.arraycopy(f, 0, row, 1, f.length);
    return RowFactory.create(row);
  }

  /**
   * One partition of the calls summed up per customer. Shuffled calls come in any order (the
   * customers come out sorted by id): one {@link CustomerCalls} per customer of the partition (a few
   * hundred bytes plus its distinct contacts and cells), bounded by the shuffle partition size.
   * A whole file of clustered calls ({@code inOrder}) has each customer's calls together: each
   * customer is summed up and emitted before the next starts ({@link OneCustomerAtATime}).
   */
  private static final class PerCustomer implements FlatMapFunction<Iterator<InternalRow>, Row> {
    private final OperatorPrefixes ops;
    private final CallClock clock;
    private final boolean inOrder;

    PerCustomer(OperatorPrefixes ops, CallClock clock, boolean inOrder) {
      this.ops = ops;
      this.clock = clock;
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
      return ids.stream().map(id -> row(id, byCustomer.remove(id), ops)).iterator();
    }

    private Iterator<Row> inOrder(Iterator<InternalRow> calls) {
      OneCustomerAtATime customers = new OneCustomerAtATime(ops);
      return new Iterator<>() {
        private Row next;

        @Override
        public boolean hasNext() {
          while (next == null && calls.hasNext()) {
            InternalRow r = calls.next();
            next = customers.next(r.getUTF8String(0));
            add(customers.current(), r);
          }
          if (next == null) {
            next = customers.last();
          }
          return next != null;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row r = next;
          next = null;
          return r;
        }
      };
    }

    private void add(CustomerCalls c, InternalRow r) {
      long start = r.getLong(4);
      c.add(r.getUTF8String(1), r.getUTF8String(2), r.getInt(3), clock.day(start),
          r.getInt(5) | clock.timeFlags(start));
    }
  }
}
