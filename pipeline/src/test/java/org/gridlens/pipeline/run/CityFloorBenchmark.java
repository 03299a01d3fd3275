package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.gridlens.pipeline.schema.Extract;

/**
 * The floor set by Spark itself for a city (a benchmark, not a test; {@code
 * scripts/bench/city.sh} runs it next to {@code nightly}): what no pipeline over these extracts
 * can beat on this machine.
 *
 * <ol>
 *   <li>{@code convert}: a plain Spark read of every extract's CSV files (header, all columns as
 *       strings, no validation) written to Parquet — the floor of ingest;
 *   <li>{@code aggregate}: a plain scan of every clean dataset the nightly run published, grouped
 *       by customer with a count and the sum of every numeric column, written to Parquet — the
 *       floor of every stage that summarises behaviour per customer.
 * </ol>
 *
 * <p>Usage: {@code CityFloorBenchmark <input dir> <warehouse> <work dir> <run date>}. Prints one
 * {@code FLOOR <name> <seconds> <rows>} line per part.
 */
public final class CityFloorBenchmark {

  public static void main(String[] args) {
    String input = args[0];
    String warehouse = args[1];
    String work = args[2];
    LocalDate date = LocalDate.parse(args[3]);
    SparkSession spark = SparkSessions.getOrCreate("gridlens-floor", 16);
    spark.sparkContext().setLogLevel("WARN");

    long t0 = System.nanoTime();
    List<String> converted = new ArrayList<>();
    for (Extract e : Extract.values()) {
      File dir = new File(input, e.id());
      if (!dir.isDirectory()) {
        continue;
      }
      Dataset<Row> csv = spark.read().option("header", "true").csv(dir.getPath());
      csv.write().mode(SaveMode.Overwrite).parquet(work + "/convert/" + e.id());
      converted.add(work + "/convert/" + e.id());
    }
    double convertSeconds = seconds(t0);
    long read = 0;
    for (String p : converted) {
      read += spark.read().parquet(p).count(); // outside the timed part
    }
    report("convert", convertSeconds, read);

    t0 = System.nanoTime();
    List<Dataset<Row>> scannedSets = new ArrayList<>();
    for (Extract e : Extract.values()) {
      String path = warehouse + "/" + Datasets.clean(e) + "/run_date=" + date;
      if (!new File(path).isDirectory()) {
        continue;
      }
      Dataset<Row> clean = spark.read().parquet(path);
      String key = List.of(clean.columns()).contains("customer_id") ? "customer_id" : clean.columns()[0];
      List<Column> aggs = new ArrayList<>();
      aggs.add(count(lit(1)).as("rows"));
      for (StructField f : clean.schema().fields()) {
        if (f.dataType() instanceof NumericType) {
          aggs.add(sum(col(f.name())).as("sum_" + f.name()));
        }
      }
      clean.groupBy(col(key)).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]))
          .write().mode(SaveMode.Overwrite).parquet(work + "/aggregate/" + e.id());
      scannedSets.add(clean);
    }
    double aggregateSeconds = seconds(t0);
    long scanned = 0;
    for (Dataset<Row> d : scannedSets) {
      scanned += d.count(); // outside the timed part
    }
    report("aggregate", aggregateSeconds, scanned);
    spark.stop();
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void report(String name, double seconds, long rows) {
    System.out.printf(Locale.ROOT, "FLOOR %s %.1f %d%n", name, seconds, rows);
  }

  private CityFloorBenchmark() {}
}
