package org.gridlens.pipeline.features;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.features.CallFeatures.CallClock;
import org.gridlens.pipeline.features.CallFeatures.OneCustomerAtATime;
import org.gridlens.pipeline.schema.Cdr;

/**
 * The clean CDR's files, each read whole as Spark's Parquet column batches ({@link FileBatches})
 * and summed up per customer in one pass, when ingest clustered them by customer (every
 * customer's calls together in one file, sorted by customer_id). Parquet stores the string
 * columns with a dictionary per file: a call's customer, direction, type, status and cell arrive
 * as ids into it, and each distinct entry of a batch of 4,096 calls is turned into a string (or
 * its flags bits) once instead of once per call; contacts, nearly all distinct within a batch, are
 * read per call. A row-at-a-time read made a {@code UTF8String} of six strings per call, compared
 * each flag column's string with the contract's values and copied the call into a row first: at
 * 30M calls the calls' part went from 27 to 16 s (docs/benchmarks.md, "view").
 */
final class CallFiles {

  /** The columns read, in the order of the indexes below. */
  private static final List<String> COLUMNS = List.of(
      Cdr.CUSTOMER_ID, Cdr.DIRECTION, Cdr.OTHER_PARTY, Cdr.START_TIME, Cdr.DURATION_S, Cdr.CELL_ID,
      Cdr.CALL_TYPE, Cdr.END_STATUS, Cdr.FORWARDED);

  private static final int CUSTOMER = 0;
  private static final int DIRECTION = 1;
  private static final int CONTACT = 2;
  private static final int START = 3;
  private static final int DURATION = 4;
  private static final int CELL = 5;
  private static final int TYPE = 6;
  private static final int STATUS = 7;
  private static final int FORWARDED = 8;

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private CallFiles() {}

  /**
   * The column batches of {@code cdr}'s files ({@link FileBatches#of}), or null when it is not a
   * plain scan of Parquet files.
   */
  static FileBatches batches(Dataset<Row> cdr) {
    return FileBatches.of(cdr, Cdr.CLEAN, COLUMNS);
  }

  /** The CDR window [from, end) in the microseconds of a TIMESTAMP_NTZ (wall clock as UTC). */
  record Window(long fromMicros, long endMicros) implements Serializable {

    static Window of(LocalDateTime from, LocalDateTime end) {
      return new Window(micros(from), micros(end));
    }

    private static long micros(LocalDateTime t) {
      return t.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + t.getNano() / 1_000;
    }

    boolean contains(long micros) {
      return micros >= fromMicros && micros < endMicros;
    }
  }

  /** One task's whole files of clustered calls summed up per customer, as they come. */
  static final class PerCustomer implements FlatMapFunction<Iterator<ColumnarBatch>, Row> {
    private final OperatorPrefixes ops;
    private final CallClock clock;
    private final Window window;
    private final int[] at;

    /** @param columnAt the position of each of {@link #COLUMNS} in a batch */
    PerCustomer(OperatorPrefixes ops, CallClock clock, Window window, int[] columnAt) {
      this.ops = ops;
      this.clock = clock;
      this.window = window;
      this.at = columnAt.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<ColumnarBatch> batches) {
      OneCustomerAtATime customers = new OneCustomerAtATime(ops);
      FileBatches.Column<UTF8String> ids = new FileBatches.Column<>(Function.identity());
      FileBatches.Column<UTF8String> cells = new FileBatches.Column<>(Function.identity());
      FileBatches.Column<Integer> directions = new FileBatches.Column<>(CustomerCalls::directionBits);
      FileBatches.Column<Integer> types = new FileBatches.Column<>(CustomerCalls::typeBits);
      FileBatches.Column<Integer> statuses = new FileBatches.Column<>(CustomerCalls::statusBits);
      ArrayDeque<Row> ready = new ArrayDeque<>();
      return new Iterator<>() {
        private boolean ended;

        @Override
        public boolean hasNext() {
          while (ready.isEmpty() && !ended) {
            if (batches.hasNext()) {
              add(batches.next());
            } else {
              Row last = customers.last();
              if (last != null) {
                ready.add(last);
              }
              ended = true;
            }
          }
          return !ready.isEmpty();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready.poll();
        }

        private void add(ColumnarBatch b) {
          ids.reset(b.column(at[CUSTOMER]));
          cells.reset(b.column(at[CELL]));
          directions.reset(b.column(at[DIRECTION]));
          types.reset(b.column(at[TYPE]));
          statuses.reset(b.column(at[STATUS]));
          ColumnVector contacts = b.column(at[CONTACT]); // nearly all distinct: read per call
          ColumnVector start = b.column(at[START]);
          ColumnVector duration = b.column(at[DURATION]);
          ColumnVector forwarded = b.column(at[FORWARDED]);
          int previousId = -1; // the dictionary id of the previous call's customer in this batch
          for (int i = 0, n = b.numRows(); i < n; i++) {
            if (start.isNullAt(i) || !window.contains(start.getLong(i))) {
              continue;
            }
            int id = ids.dictionaryId(i);
            if (id < 0 || id != previousId) {
              Row done = customers.next(ids.get(i));
              if (done != null) {
                ready.add(done);
              }
              previousId = id;
            }
            long s = Math.floorDiv(start.getLong(i), MICROS_PER_SECOND);
            int flags = directions.get(i) | types.get(i) | statuses.get(i)
                | (forwarded.getBoolean(i) ? CustomerCalls.FORWARDED : 0) | clock.timeFlags(s);
            customers.current().add(contacts.getUTF8String(i), cells.get(i), duration.getInt(i), clock.day(s), flags);
          }
        }
      };
    }
  }
}
