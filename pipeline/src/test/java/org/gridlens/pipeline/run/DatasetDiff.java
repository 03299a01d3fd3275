package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A developer tool, not a test: compares two Parquet datasets row by row on a key and prints, per
 * column, how many rows differ (null-safe), with one example. Used to show that a faster
 * implementation of a stage gives the same values as the one it replaces.
 * Usage: DatasetDiff <left dir> <right dir> <key column>
 */
public final class DatasetDiff {

  private DatasetDiff() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("dataset-diff").getOrCreate();
    Dataset<Row> a = spark.read().parquet(args[0]);
    Dataset<Row> b = spark.read().parquet(args[1]);
    String key = args[2];
    if (!a.schema().equals(b.schema())) {
      System.out.println("DIFF schema:\n  left  " + a.schema().simpleString() + "\n  right " + b.schema().simpleString());
      for (org.apache.spark.sql.types.StructField f : a.schema().fields()) {
        if (!java.util.Arrays.asList(b.schema().fields()).contains(f)) {
          System.out.println("DIFF field " + f);
        }
      }
    }
    System.out.println("rows: left " + a.count() + ", right " + b.count());
    Dataset<Row> j = a.alias("a").join(b.alias("b"), a.col(key).equalTo(b.col(key)), "full_outer");
    List<Column> aggs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String c : a.columns()) {
      Column diff = not(col("a." + c).eqNullSafe(col("b." + c)));
      aggs.add(sum(when(diff, 1).otherwise(0)).as(c));
      names.add(c);
    }
    Row r = j.agg(count(lit(1)), aggs.toArray(new Column[0])).first();
    for (int i = 0; i < names.size(); i++) {
      long n = r.getLong(i + 1);
      if (n > 0) {
        Row ex = j.filter(not(col("a." + names.get(i)).eqNullSafe(col("b." + names.get(i)))))
            .select(col("a." + key), col("a." + names.get(i)), col("b." + names.get(i))).first();
        System.out.println("DIFF " + names.get(i) + ": " + n + " rows, e.g. " + ex);
      }
    }
    System.out.println("compared " + r.getLong(0) + " joined rows");
    spark.stop();
  }
}
