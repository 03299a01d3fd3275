package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Vas;

/**
 * Benchmark of the view stage (scripts/bench/view.sh): the stage ({@link ViewStep}, reading the
 * clean Parquet and publishing customer_view) against a plain scan-and-aggregate of the same clean
 * Parquet (groupBy customer_id: count and a sum per source, written as Parquet), alternated in one
 * JVM. Args: {@code <work dir> <city dir | synthetic:N> [repeats]}.
 */
public final class ViewBenchmark {

  private static final LocalDate RUN = LocalDate.of(2026, 10, 31);

  private ViewBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    String source = args[1];
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    SparkSession spark = SparkSession.builder().appName("view-bench").getOrCreate();
    String wh = work.resolve("warehouse").toString();
    Map<Extract, String> clean = new LinkedHashMap<>();
    for (Extract e : List.of(Extract.CUSTOMERS, Extract.BILLING, Extract.CDR, Extract.COMPLAINTS, Extract.VAS)) {
      clean.put(e, wh + "/" + Datasets.clean(e) + "/run_date=" + RUN);
    }
    String assignment = wh + "/" + Datasets.GRID_ASSIGNMENT + "/run_date=" + RUN;

    if (!Files.exists(Path.of(assignment, "_SUCCESS"))) {
      long t0 = System.nanoTime();
      prepare(spark, source, clean, assignment);
      System.out.printf("prepare clean Parquet: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<Extract, String> e : clean.entrySet()) {
      rows.put(e.getKey().id(), spark.read().parquet(e.getValue()).count());
    }
    System.out.println("rows: " + rows);

    GridLensConfig cfg = GridLensConfig.load(Path.of("conf/gridlens.yaml"), Map.of());
    cfg = cfg.withPaths(new PathsConfig(work.resolve("input").toString(), wh, work.resolve("exports").toString()));
    RunContext ctx = RunContext.of(spark, cfg, RUN);
    String baselineOut = work.resolve("baseline").toString();

    if (System.getProperty("bench.parts") != null) {
      parts(spark, cfg, clean, assignment);
    }
    List<Double> stage = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      baseline(spark, clean, baselineOut);
      base.add((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      StepResult r = new ViewStep().run(ctx);
      stage.add((System.nanoTime() - t0) / 1e9);
      System.out.printf("run %d: baseline %.1f s, view stage %.1f s (%d rows out)%n",
          i + 1, base.get(i), stage.get(i), r.outputRows().get(Datasets.CUSTOMER_VIEW));
    }
    if (repeats > 0) {
      report(rows, stage, base);
    }
    plan(spark, cfg, clean, assignment);
    spark.stop();
  }

  private static void report(Map<String, Long> rows, List<Double> stage, List<Double> base) {
    double s = stage.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double b = base.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    System.out.printf("RESULT customers=%d cdr=%d baseline_s=%.1f view_s=%.1f ratio=%.2f%n",
        rows.get("customers"), rows.get("cdr"), b, s, s / b);
  }

  private static void plan(SparkSession spark, GridLensConfig cfg, Map<Extract, String> clean, String assignment) {
    System.out.println("PLAN (view):");
    new CustomerViewBuilder(cfg.view(), cfg.operators(), cfg.geo().night(), RUN)
        .apply(
            spark.read().parquet(clean.get(Extract.CUSTOMERS)), spark.read().parquet(clean.get(Extract.BILLING)),
            spark.read().parquet(clean.get(Extract.CDR)), spark.read().parquet(clean.get(Extract.COMPLAINTS)),
            spark.read().parquet(clean.get(Extract.VAS)), spark.read().parquet(assignment))
        .explain();
  }

  /** Each source's aggregation on its own, then the whole view, run into the no-op sink. */
  private static void parts(SparkSession spark, GridLensConfig cfg, Map<Extract, String> clean, String assignment) {
    // as ViewStep decides: the calls are summed up file by file when ingest clustered them
    boolean clustered = Files.exists(Path.of(clean.get(Extract.CDR), Warehouse.CLUSTERED_BY_FILE));
    System.out.println("part calls clustered: " + clustered);
    CustomerViewBuilder b = new CustomerViewBuilder(cfg.view(), cfg.operators(), cfg.geo().night(), RUN)
        .withCallsClusteredByCustomer(clustered);
    ViewWindows w = b.windows();
    Map<String, java.util.function.Supplier<Dataset<Row>>> parts = new LinkedHashMap<>();
    parts.put("billing", () -> BillingFeatures.aggregate(spark.read().parquet(clean.get(Extract.BILLING)), w));
    parts.put("calls", () -> CallFeatures.aggregate(spark.read().parquet(clean.get(Extract.CDR)), w, cfg.view(),
        cfg.operators(), cfg.geo().night(), clustered));
    parts.put("complaints", () -> ComplaintFeatures.aggregate(spark.read().parquet(clean.get(Extract.COMPLAINTS)), w,
        cfg.view()));
    parts.put("vas", () -> VasFeatures.aggregate(spark.read().parquet(clean.get(Extract.VAS)), w, cfg.view()));
    parts.put("view", () -> b.apply(
        spark.read().parquet(clean.get(Extract.CUSTOMERS)), spark.read().parquet(clean.get(Extract.BILLING)),
        spark.read().parquet(clean.get(Extract.CDR)), spark.read().parquet(clean.get(Extract.COMPLAINTS)),
        spark.read().parquet(clean.get(Extract.VAS)), spark.read().parquet(assignment)));
    String only = System.getProperty("bench.parts");
    for (Map.Entry<String, java.util.function.Supplier<Dataset<Row>>> e : parts.entrySet()) {
      if (!only.equals("all") && !List.of(only.split(",")).contains(e.getKey())) {
        continue;
      }
      long t0 = System.nanoTime();
      e.getValue().get().write().format("noop").mode(SaveMode.Overwrite).save();
      System.out.printf("part %s: %.1f s%n", e.getKey(), (System.nanoTime() - t0) / 1e9);
    }
  }

  /** groupBy customer_id with a count and a sum, per source: what any per-source scan costs. */
  private static void baseline(SparkSession spark, Map<Extract, String> clean, String out) {
    Map<Extract, String> sumOf = Map.of(
        Extract.CUSTOMERS, Customers.PLAN_FEE, Extract.BILLING, Billing.TOTAL_FEE, Extract.CDR, Cdr.DURATION_S,
        Extract.COMPLAINTS, Complaints.SATISFACTION, Extract.VAS, Vas.FEE);
    for (Map.Entry<Extract, String> e : clean.entrySet()) {
      spark.read().parquet(e.getValue())
          .groupBy(col("customer_id"))
          .agg(count(lit(1)).as("n"), sum(col(sumOf.get(e.getKey()))).as("s"))
          .write().mode(SaveMode.Overwrite).parquet(out + "/" + e.getKey().id());
    }
  }

  private static void prepare(SparkSession spark, String source, Map<Extract, String> clean, String assignment) {
    Map<Extract, Dataset<Row>> data = new LinkedHashMap<>();
    if (source.startsWith("synthetic:")) {
      long n = Long.parseLong(source.substring("synthetic:".length()));
      SyntheticCity city = new SyntheticCity(spark, n, 100);
      data.put(Extract.CUSTOMERS, city.customers());
      data.put(Extract.BILLING, city.billing());
      data.put(Extract.CDR, city.cdr());
      data.put(Extract.COMPLAINTS, city.complaints());
      data.put(Extract.VAS, city.vas());
    } else {
      Map<Extract, StructType> schemas = Map.of(
          Extract.CUSTOMERS, Customers.CLEAN, Extract.BILLING, Billing.CLEAN, Extract.CDR, Cdr.CLEAN,
          Extract.COMPLAINTS, Complaints.CLEAN, Extract.VAS, Vas.CLEAN);
      for (Extract e : clean.keySet()) {
        data.put(e, CleanCsv.read(spark, source + "/input/" + e.id(), schemas.get(e)));
      }
    }
    for (Map.Entry<Extract, Dataset<Row>> e : data.entrySet()) {
      e.getValue().write().mode(SaveMode.Overwrite).parquet(clean.get(e.getKey()));
    }
    SyntheticCity.assignment(spark.read().parquet(clean.get(Extract.CUSTOMERS)))
        .write().mode(SaveMode.Overwrite).parquet(assignment);
  }
}
