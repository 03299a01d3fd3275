package org.gridlens.pipeline.features;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
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
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A clean dataset's Parquet files read as Spark's column batches (its vectorized Parquet reader),
 * for the view's passes that sum rows up in plain Java: a batch holds 4,096 rows column by
 * column, and a dictionary-encoded string column holds each row's id into the file's dictionary,
 * so a pass can decode (or classify) each distinct value once per batch ({@link Column}).
 *
 * @param batches the files' batches, one task per input split as the session splits files
 * @param columnAt the position in a batch of each column asked for, in the order asked
 */
record FileBatches(JavaRDD<ColumnarBatch> batches, int[] columnAt) {

  /**
   * The column batches of {@code data} when it is a plain scan of Parquet files that Spark reads
   * as column batches (as the warehouse's clean datasets are read) and has {@code columns} with
   * the {@code contract}'s types; else null: a filter or computed column over the scan would be
   * skipped by reading the files' batches directly, so such a plan is left to Spark's rows.
   */
  static FileBatches of(Dataset<Row> data, StructType contract, List<String> columns) {
    SparkPlan p = data.select(columns.stream().map(data::col).toArray(org.apache.spark.sql.Column[]::new))
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
    int[] at = new int[columns.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = -1;
      StructField f = contract.apply(columns.get(i));
      for (int j = 0; j < out.size(); j++) {
        if (out.get(j).name().equals(f.name()) && out.get(j).dataType().equals(f.dataType())) {
          at[i] = j;
        }
      }
      if (at[i] < 0) {
        return null;
      }
    }
    return new FileBatches(scan.executeColumnar().toJavaRDD(), at);
  }

  private static boolean onlyColumns(ProjectExec p) {
    for (NamedExpression e : CollectionConverters.asJava(p.projectList())) {
      if (!(e instanceof AttributeReference)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A string column of the current batch, each value taken through {@code decode}. When the batch
   * is dictionary-encoded (Spark then holds each row's id into the file's dictionary), each entry
   * is decoded once per batch and the same value returned for every row that has it; otherwise
   * each row's string is decoded, and points into the batch's buffer (reused by the next batch:
   * copy what is kept). Batches never span row groups, whose dictionaries differ.
   */
  static final class Column<T> {
    private final Function<UTF8String, T> decode;
    private ColumnVector column;
    private WritableColumnVector dictionaryIds;
    private Object[] decoded = new Object[16];
    private int[] batchOf = new int[16];
    private int batch;

    Column(Function<UTF8String, T> decode) {
      this.decode = decode;
    }

    /** Moves on to the column of the next batch. */
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
