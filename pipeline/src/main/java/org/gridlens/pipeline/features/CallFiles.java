package org.gridlens.pipeline.features;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.features.CallFeatures.CallClock;
import org.gridlens.pipeline.features.CallFeatures.OneCustomerAtATime;
import org.gridlens.pipeline.schema.Cdr;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The clean CDR's files, each read whole as Spark's Parquet column batches and summed up per
 * customer in one pass, when ingest clustered them by customer (every customer's calls together
 * in one file). Parquet stores the string columns with a dictionary per file: a call's customer,
 * direction, type, status, contact and cell arrive as ids into it, and each distinct entry is
 * turned into a string (or a flags code) once per batch of 4,096 calls instead of once per call.
 * A row-at-a-time read made a {@code UTF8String} of six strings per call, compared each flag
 * column's string with every value of the contract and copied the call into a row first: at 30M
 * calls that was most of the calls' time (docs/benchmarks.md, "view").
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
   * A CDR's file scan as column batches, with the position of each of {@link #COLUMNS} in a
   * batch.
   */
  record Scan(JavaRDD<ColumnarBatch> batches, int[] columnAt) {}

  /**
   * The column batches of {@code cdr} when it is a plain scan of Parquet files that Spark reads
   * as column batches (as the warehouse's clean/cdr is read), else null: any filter or computed
   * column over the scan would be skipped by reading the files' batches directly, so such a plan
   * is left to the row path. Each task's files are as the session's file settings split them.
   */
  static Scan batches(Dataset<Row> cdr) {
    SparkPlan p = cdr.select(COLUMNS.stream().map(cdr::col).toArray(org.apache.spark.sql.Column[]::new))
        .queryExecution().executedPlan();
    while (true) {
      if (p instanceof WholeStageCodegenExec w) {
        p = w.child();
      } else if (p instanceof ColumnarToRowExec c) {
        p = c.child();
      } else if (p instanceof InputAdapter a) {
        p = a.child();
      } else if (p instanceof ProjectExec pr && onlyColumns(pr)) {
        p = pr.child();
      } else {
        break;
      }
    }
    if (!(p instanceof FileSourceScanExec scan) || !scan.supportsColumnar()) {
      return null;
    }
    List<Attribute> out = CollectionConverters.asJava(scan.output());
    int[] at = new int[COLUMNS.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = -1;
      StructField f = Cdr.CLEAN.apply(COLUMNS.get(i));
      for (int j = 0; j < out.size(); j++) {
        if (out.get(j).name().equals(f.name()) && out.get(j).dataType().equals(f.dataType())) {
          at[i] = j;
        }
      }
      if (at[i] < 0) {
        return null;
      }
    }
    return new Scan(scan.executeColumnar().toJavaRDD(), at);
  }

  private static boolean onlyColumns(ProjectExec p) {
    for (NamedExpression e : CollectionConverters.asJava(p.projectList())) {
      if (!(e instanceof AttributeReference)) {
        return false;
      }
    }
    return true;
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

    PerCustomer(OperatorPrefixes ops, CallClock clock, Window window, int[] columnAt) {
      this.ops = ops;
      this.clock = clock;
      this.window = window;
      this.at = columnAt.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<ColumnarBatch> batches) {
      OneCustomerAtATime customers = new OneCustomerAtATime(ops);
      BatchColumn<UTF8String> ids = new BatchColumn<>(Function.identity());
      BatchColumn<UTF8String> contacts = new BatchColumn<>(Function.identity());
      BatchColumn<UTF8String> cells = new BatchColumn<>(Function.identity());
      BatchColumn<Integer> directions = new BatchColumn<>(CustomerCalls::directionBits);
      BatchColumn<Integer> types = new BatchColumn<>(CustomerCalls::typeBits);
      BatchColumn<Integer> statuses = new BatchColumn<>(CustomerCalls::statusBits);
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
          contacts.reset(b.column(at[CONTACT]));
          cells.reset(b.column(at[CELL]));
          directions.reset(b.column(at[DIRECTION]));
          types.reset(b.column(at[TYPE]));
          statuses.reset(b.column(at[STATUS]));
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
            customers.current().add(b.column(at[CONTACT]).getUTF8String(i), cells.get(i), duration.getInt(i), clock.day(s), flags);
          }
        }
      };
    }
  }

  /**
   * A string column of the current batch, each value taken through {@code decode}. When the batch
   * is dictionary-encoded (Spark then holds each row's id into the file's dictionary), each entry
   * is decoded once per batch and the same value returned for every row that has it; otherwise
   * each row's string is decoded, and points into the batch's buffer (reused by the next batch:
   * copy what is kept).
   */
  private static final class BatchColumn<T> {
    private final Function<UTF8String, T> decode;
    private ColumnVector column;
    private WritableColumnVector dictionaryIds;
    private Object[] decoded = new Object[16];
    private int[] batchOf = new int[16];
    private int batch;

    BatchColumn(Function<UTF8String, T> decode) {
      this.decode = decode;
    }

    void reset(ColumnVector c) {
      column = c;
      dictionaryIds = c instanceof WritableColumnVector w && w.hasDictionary() ? w.getDictionaryIds() : null;
      batch++;
    }

    /** The row's id in the batch's dictionary, or -1 when the batch's strings are not encoded. */
    int dictionaryId(int row) {
      return dictionaryIds == null ? -1 : dictionaryIds.getInt(row);
    }

    @SuppressWarnings("unchecked")
    T get(int row) {
      if (dictionaryIds == null) {
        return decode.apply(column.getUTF8String(row));
      }
      int id = dictionaryIds.getInt(row);
      if (id >= decoded.length) {
        int size = Math.max(id + 1, decoded.length * 2);
        decoded = Arrays.copyOf(decoded, size);
        batchOf = Arrays.copyOf(batchOf, size);
      }
      if (batchOf[id] != batch) {
        decoded[id] = decode.apply(column.getUTF8String(row));
        batchOf[id] = batch;
      }
      return (T) decoded[id];
    }
  }
}
