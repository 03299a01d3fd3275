package org.gridlens.pipeline.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Vas;

/**
 * The clean VAS's files read as Spark's Parquet column batches ({@link FileBatches}) and summed
 * per customer in plain Java: the partial sums of {@link VasFeatures} (rows, usage and fee cents
 * per service, data volume in fixed units, the services bitmask, the fee total), which Spark then
 * adds up per customer. Each distinct customer and service of a batch is looked up once, not once
 * per row: a row-at-a-time aggregation made a string of the customer and the service of each of
 * 27M rows at 1M customers, compared the service with every service of the contract and looked the
 * customer up in its hash map (docs/benchmarks.md, "view").
 *
 * <p>A task holds at most {@link #MAX_CUSTOMERS} customers' sums at a time (about 250 bytes
 * each): past it, the sums so far are emitted and it starts afresh, so a file that holds every
 * customer (a daily extract) costs a few more partial rows, not memory.
 */
final class VasFiles {

  /** The columns read, in the order of the indexes below. */
  private static final List<String> COLUMNS =
      List.of(Vas.CUSTOMER_ID, Vas.USAGE_DATE, Vas.SERVICE, Vas.USAGE_COUNT, Vas.VOLUME_MB, Vas.FEE);

  private static final int CUSTOMER = 0;
  private static final int DAY = 1;
  private static final int SERVICE = 2;
  private static final int USAGE = 3;
  private static final int VOLUME = 4;
  private static final int FEE = 5;

  static final int MAX_CUSTOMERS = 100_000;

  private static final DecimalType MONEY = Schemas.MONEY;
  /** Spark keeps a DECIMAL of 10 to 18 digits as its unscaled long in a column vector. */
  private static final boolean MONEY_IN_LONG =
      MONEY.precision() > Decimal.MAX_INT_DIGITS() && MONEY.precision() <= Decimal.MAX_LONG_DIGITS();

  /** Partial sums' columns besides the customer and the per-service ones. */
  static final String ROWS = "_p_rows";
  static final String MASK = "_p_services";
  static final String VOLUME_UNITS = "_p_volume";
  static final String FEE_TOTAL = "_p_fee_total";

  private VasFiles() {}

  /**
   * The column batches of {@code vas}'s files ({@link FileBatches#of}), or null when it is not a
   * plain scan of Parquet files.
   */
  static FileBatches batches(Dataset<Row> vas) {
    return FileBatches.of(vas, Vas.CLEAN, COLUMNS);
  }

  /** The partial sums' usage column of the contract's service {@code i}. */
  static String usage(int i) {
    return "_p_usage_" + i;
  }

  /** The partial sums' fee column (cents) of the contract's service {@code i}: null without rows. */
  static String fee(int i) {
    return "_p_fee_" + i;
  }

  /** Columns of the partial sums, in the order {@link PartialSums} makes them. */
  static StructType schema() {
    StructType s = new StructType()
        .add(Vas.CUSTOMER_ID, DataTypes.StringType, false)
        .add(ROWS, DataTypes.LongType, false)
        .add(MASK, DataTypes.LongType, false)
        .add(VOLUME_UNITS, DataTypes.LongType, true)
        .add(FEE_TOTAL, DataTypes.LongType, false);
    for (int i = 0; i < Vas.SERVICES.size(); i++) {
      s = s.add(usage(i), DataTypes.LongType, false).add(fee(i), DataTypes.LongType, true);
    }
    return s;
  }

  /** One customer's sums in a task. */
  private static final class Sums {
    long rows;
    /** Bit i: a row of the contract's service i ({@code SERVICES.size()} for any other). */
    long services;
    long volumeUnits;
    long feeCents;
    final long[] usage = new long[Vas.SERVICES.size() + 1];
    final long[] serviceFeeCents = new long[Vas.SERVICES.size() + 1];
  }

  /** One task's batches of VAS rows summed per customer, a bounded number of customers at a time. */
  static final class PartialSums implements FlatMapFunction<Iterator<ColumnarBatch>, Row> {
    private final long firstDay;
    private final long lastDay;
    private final int[] at;
    private final int maxCustomers;
    private final int data = Vas.SERVICES.indexOf(VasFeatures.DATA);

    /**
     * @param from first day of the window
     * @param to last day of the window
     * @param columnAt the position of each of {@link #COLUMNS} in a batch
     * @param maxCustomers customers whose sums a task holds at most ({@link #MAX_CUSTOMERS})
     */
    PartialSums(LocalDate from, LocalDate to, int[] columnAt, int maxCustomers) {
      this.firstDay = from.toEpochDay();
      this.lastDay = to.toEpochDay();
      this.at = columnAt.clone();
      this.maxCustomers = maxCustomers;
    }

    @Override
    public Iterator<Row> call(Iterator<ColumnarBatch> batches) {
      Map<UTF8String, Sums> byCustomer = new HashMap<>();
      FileBatches.Column<Sums> customers = new FileBatches.Column<>(id -> {
        Sums s = byCustomer.get(id);
        if (s == null) {
          s = new Sums();
          byCustomer.put(id.copy(), s);
        }
        return s;
      });
      FileBatches.Column<Integer> services = new FileBatches.Column<>(VasFeatures::serviceIndex);
      return new Iterator<>() {
        private Iterator<Row> ready = List.<Row>of().iterator();

        @Override
        public boolean hasNext() {
          while (!ready.hasNext() && (batches.hasNext() || !byCustomer.isEmpty())) {
            while (batches.hasNext() && byCustomer.size() < maxCustomers) {
              add(batches.next());
            }
            ready = emit();
          }
          return ready.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready.next();
        }

        private void add(ColumnarBatch b) {
          customers.reset(b.column(at[CUSTOMER]));
          services.reset(b.column(at[SERVICE]));
          ColumnVector day = b.column(at[DAY]);
          ColumnVector usage = b.column(at[USAGE]);
          ColumnVector volume = b.column(at[VOLUME]);
          ColumnVector fee = b.column(at[FEE]);
          for (int i = 0, n = b.numRows(); i < n; i++) {
            int d = day.getInt(i);
            if (d < firstDay || d > lastDay) {
              continue;
            }
            Sums s = customers.get(i);
            int service = services.get(i);
            long cents = cents(fee, i);
            s.rows++;
            s.services |= 1L << service;
            s.usage[service] += usage.getInt(i);
            s.serviceFeeCents[service] += cents;
            s.feeCents += cents;
            if (service == data) {
              s.volumeUnits += (long) CustomerCalls.roundHalfUp(volume.getDouble(i) * VasFeatures.VOLUME_UNITS, 0);
            }
          }
        }

        /** The sums so far as rows, dropped from the task's map. */
        private Iterator<Row> emit() {
          List<Row> rows = new ArrayList<>(byCustomer.size());
          for (Map.Entry<UTF8String, Sums> e : byCustomer.entrySet()) {
            rows.add(row(e.getKey(), e.getValue()));
          }
          byCustomer.clear();
          return rows.iterator();
        }

        private Row row(UTF8String id, Sums s) {
          Object[] r = new Object[5 + 2 * Vas.SERVICES.size()];
          r[0] = id.toString();
          r[1] = s.rows;
          r[2] = s.services;
          r[3] = has(s, data) ? s.volumeUnits : null;
          r[4] = s.feeCents;
          for (int i = 0; i < Vas.SERVICES.size(); i++) {
            r[5 + 2 * i] = s.usage[i];
            r[6 + 2 * i] = has(s, i) ? s.serviceFeeCents[i] : null;
          }
          return RowFactory.create(r);
        }
      };
    }

    private static boolean has(Sums s, int service) {
      return service >= 0 && (s.services & (1L << service)) != 0;
    }
  }

  /** A MONEY value as whole cents: the decimal's unscaled value as Spark holds it. */
  private static long cents(ColumnVector fee, int row) {
    return MONEY_IN_LONG ? fee.getLong(row) : fee.getDecimal(row, MONEY.precision(), MONEY.scale()).toUnscaledLong();
  }
}
