package org.gridlens.pipeline.uplift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.GridScores;
import org.gridlens.pipeline.schema.GridTable;
import org.gridlens.pipeline.score.GridScoreExports;
import org.gridlens.pipeline.score.Indicator;
import org.gridlens.pipeline.score.Strategy;
import org.gridlens.pipeline.schema.Schemas;

/**
 * The {@code uplift} stage: fits one propensity model per offer on a bounded sample (on the
 * driver), scores every customer × offer in one Spark pass, publishes {@code uplift} and the
 * per-grid projection {@code grid_uplift}, saves the models for audit, writes
 * {@code reports/uplift/D.json} and the grid-score exports (CSV, GeoJSON), which need both the
 * scores and the projected gains.
 */
public final class UpliftStep implements Step {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public StepName name() {
    return StepName.UPLIFT;
  }

  @Override
  public StepResult run(RunContext ctx) {
    UpliftConfig conf = ctx.config().uplift();
    if (conf.offers().isEmpty()) {
      throw new ConfigException(conf.catalogFile() + ": no offer catalog; uplift needs at least one offer");
    }
    Dataset<Row> view = ctx.warehouse().read(Datasets.CUSTOMER_VIEW, ctx.runDate());
    OfferCatalog.checkAgainst(conf.offers(), Arrays.asList(view.columns()), conf.catalogFile());
    UpliftScoring scoring = new UpliftScoring(conf);
    Schemas.require(view, Datasets.CUSTOMER_VIEW, scoring.viewColumns().toArray(new String[0]));
    Dataset<Row> grids = ctx.warehouse().read(Datasets.GRIDS, ctx.runDate());
    Schemas.require(grids, Datasets.GRIDS, GridTable.GRID_ID, GridTable.LEVEL, GridTable.GEOMETRY_WKB);

    Dataset<Row> prepared = scoring.prepare(view).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StepResult.Builder result = StepResult.builder();
      List<PropensityModel> models = train(ctx, conf, scoring, prepared, result);

      Broadcast<List<PropensityModel>> shared =
          JavaSparkContext.fromSparkContext(ctx.spark().sparkContext()).broadcast(models);
      long rows = ctx.warehouse().publish(scoring.score(prepared, shared, ctx.config().run().shufflePartitions()), Datasets.UPLIFT, ctx.runDate());
      Dataset<Row> uplift = ctx.warehouse().read(Datasets.UPLIFT, ctx.runDate());
      Dataset<Row> gridUplift = new GridUplift(conf.topN())
          .apply(uplift, view.select(CustomerView.CUSTOMER_ID, CustomerView.GRID_ID, CustomerView.MAIN_GRID_ID,
              CustomerView.STATUS, CustomerView.ARPU), grids);
      long gridRows = ctx.warehouse().publish(gridUplift, Datasets.GRID_UPLIFT, ctx.runDate());
      writeExports(ctx, grids);
      Row eligible = uplift.agg(sum(when(col(org.gridlens.pipeline.schema.UpliftScores.ELIGIBLE), 1).otherwise(0)),
          sum(col(org.gridlens.pipeline.schema.UpliftScores.EXPECTED_GAIN))).first();
      return result
          .input(Datasets.CUSTOMER_VIEW, ctx.warehouse().rows(Datasets.CUSTOMER_VIEW, ctx.runDate()))
          .output(Datasets.UPLIFT, rows)
          .output(Datasets.GRID_UPLIFT, gridRows)
          .metric("eligible_pairs", eligible.isNullAt(0) ? 0L : eligible.getLong(0))
          .metric("expected_gain_total", eligible.isNullAt(1) ? 0.0 : Math.round(eligible.getDouble(1) * 100) / 100.0)
          .build();
    } finally {
      prepared.unpersist();
    }
  }

  private List<PropensityModel> train(RunContext ctx, UpliftConfig conf, UpliftScoring scoring,
      Dataset<Row> prepared, StepResult.Builder result) {
    List<Column> counts = new ArrayList<>();
    for (Offer o : conf.offers()) {
      counts.add(sum(when(UpliftScoring.inPopulation(o), 1L).otherwise(0L)));
    }
    Row pop = prepared.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first();
    PropensityTrainer trainer = new PropensityTrainer(conf.lambda(), conf.minClassRows());
    // The offers are fitted in parallel on the driver (each fit is single-threaded Smile work on
    // its own sample, and its sample's Spark job can run meanwhile); each fit depends only on its
    // own offer, so the models are the same whatever the order the fits finish in.
    int threads = Math.max(1, Math.min(conf.offers().size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "gridlens-uplift-fit");
      t.setDaemon(true);
      return t;
    });
    long[] population = new long[conf.offers().size()];
    List<Future<PropensityTrainer.Fit>> fits = new ArrayList<>();
    try {
      for (int i = 0; i < conf.offers().size(); i++) {
        Offer o = conf.offers().get(i);
        population[i] = pop.isNullAt(i) ? 0 : pop.getLong(i);
        long n = population[i];
        fits.add(pool.submit(() -> fit(trainer, scoring, prepared, o, n)));
      }
      List<PropensityModel> models = new ArrayList<>();
      Map<String, Object> report = new LinkedHashMap<>();
      Map<String, Object> aucs = new LinkedHashMap<>();
      String modelDir = ctx.warehouse().file("models/run_date=" + ctx.runDate());
      for (int i = 0; i < conf.offers().size(); i++) {
        Offer o = conf.offers().get(i);
        PropensityTrainer.Fit fit = done(fits.get(i), o);
        models.add(fit.model());
        Double auc = Double.isNaN(fit.auc()) ? null : Math.round(fit.auc() * 10000) / 10000.0;
        aucs.put(o.id(), auc);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("product", o.product().id());
        entry.put("population", population[i]);
        entry.put("train_rows", fit.trainRows());
        entry.put("test_rows", fit.testRows());
        entry.put("train_positives", fit.positives());
        entry.put("train_negatives", fit.negatives());
        entry.put("auc", auc);
        entry.put("model", fit.smile() == null ? "base_rate" : "smile_logistic_regression");
        entry.put("excluded_features", new ArrayList<>(o.excludedFeatures()));
        report.put(o.id(), entry);
        saveModel(ctx, modelDir, o, fit, auc);
      }
      finishReport(ctx, result, report, aucs);
      return models;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One offer's model: its bounded training sample collected, ordered, and fitted. */
  private static PropensityTrainer.Fit fit(PropensityTrainer trainer, UpliftScoring scoring, Dataset<Row> prepared,
      Offer o, long population) {
    List<String> features = scoring.featuresOf(o);
    List<Row> sample = new ArrayList<>(scoring.trainingSample(prepared, o, population).collectAsList());
    // the fit must not depend on the order partitions arrive in
    sample.sort(java.util.Comparator.comparing((Row r) -> r.getString(0)));
    double[][] x = new double[sample.size()][features.size()];
    int[] y = new int[sample.size()];
    boolean[] test = new boolean[sample.size()];
    for (int r = 0; r < sample.size(); r++) {
      Row row = sample.get(r);
      for (int f = 0; f < features.size(); f++) {
        x[r][f] = row.isNullAt(f + 1) ? Double.NaN : row.getDouble(f + 1);
      }
      y[r] = row.getInt(features.size() + 1);
      test[r] = row.getBoolean(features.size() + 2);
    }
    return trainer.fit(o.id(), features, x, y, test);
  }

  /** The finished fit, or the failure it ended with, as thrown by the fit itself. */
  private static PropensityTrainer.Fit done(Future<PropensityTrainer.Fit> f, Offer o) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GridLensException.stageFailed("interrupted while fitting the model of offer " + o.id());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw GridLensException.stageFailed("fitting the model of offer " + o.id() + " failed: " + cause);
    }
  }

  private static void finishReport(RunContext ctx, StepResult.Builder result, Map<String, Object> report,
      Map<String, Object> aucs) {
    result.metric("auc", aucs);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("run_date", ctx.runDate().toString());
    doc.put("offers", report);
    ctx.warehouse().writeText(ctx.warehouse().file("reports/uplift/" + ctx.runDate() + ".json"), json(doc));
  }

  private static void saveModel(RunContext ctx, String dir, Offer o, PropensityTrainer.Fit fit, Double auc) {
    PropensityModel m = fit.model();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("offer_id", o.id());
    doc.put("auc", auc);
    doc.put("intercept", m.intercept());
    Map<String, Object> coef = new LinkedHashMap<>();
    for (int f = 0; f < m.features().size(); f++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("coefficient", m.coefficients()[f]);
      c.put("median", m.medians()[f]);
      c.put("mean_compressed", m.means()[f]);
      c.put("sd_compressed", m.sds()[f]);
      coef.put(m.features().get(f), c);
    }
    doc.put("features", coef);
    ctx.warehouse().writeText(dir + "/" + o.id() + ".json", json(doc));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      // the Smile model when one was fitted, else the base-rate model
      out.writeObject(fit.smile() != null ? fit.smile() : m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.warehouse().writeBytes(dir + "/" + o.id() + ".ser", bytes.toByteArray());
  }

  /** grid_scores joined with grid_uplift and the grid polygons, as CSV and GeoJSON. */
  private static void writeExports(RunContext ctx, Dataset<Row> grids) {
    Dataset<Row> scores = ctx.warehouse().read(Datasets.GRID_SCORES, ctx.runDate());
    Dataset<Row> gains = ctx.warehouse().read(Datasets.GRID_UPLIFT, ctx.runDate()).drop(GridScores.LEVEL);
    Dataset<Row> joined = scores
        .join(gains, scores.col(GridScores.GRID_ID).equalTo(gains.col(GridScores.GRID_ID)), "left")
        .drop(gains.col(GridScores.GRID_ID))
        .join(grids.select(col(GridTable.GRID_ID).as("_gid"), col(GridTable.GEOMETRY_WKB)),
            col(GridScores.GRID_ID).equalTo(col("_gid")), "left")
        .drop("_gid")
        .orderBy(col(GridScores.GRID_ID));
    Map<String, String> zh = new LinkedHashMap<>();
    for (Indicator i : Indicator.competitiveness(ctx.config().operators().competitors())) {
      zh.put(i.id(), i.labelZh());
    }
    List<String> columns = new ArrayList<>();
    for (String c : joined.columns()) {
      if (!c.equals(GridTable.GEOMETRY_WKB)) {
        columns.add(c);
      }
    }
    int wkbIdx = Arrays.asList(joined.columns()).indexOf(GridTable.GEOMETRY_WKB);
    List<String> header = new ArrayList<>(columns);
    header.addAll(List.of("strategy_zh", "strengths_zh", "weaknesses_zh"));
    List<List<Object>> rows = new ArrayList<>();
    List<byte[]> wkb = new ArrayList<>();
    for (Row r : joined.collectAsList()) {
      List<Object> v = new ArrayList<>();
      for (String c : columns) {
        v.add(r.get(r.fieldIndex(c)));
      }
      v.add(Strategy.ofId(r.getString(r.fieldIndex(GridScores.STRATEGY))).zh());
      v.add(GridScoreExports.zh(r.getString(r.fieldIndex(GridScores.STRENGTHS)), zh));
      v.add(GridScoreExports.zh(r.getString(r.fieldIndex(GridScores.WEAKNESSES)), zh));
      rows.add(v);
      wkb.add(r.isNullAt(wkbIdx) ? null : (byte[]) r.get(wkbIdx));
    }
    ctx.warehouse().writeExport(ctx.warehouse().exportFile(ctx.runDate(), "grid_scores.csv"),
        GridScoreExports.csv(header, rows));
    ctx.warehouse().writeExport(ctx.warehouse().exportFile(ctx.runDate(), "grid_scores.geojson"),
        GridScoreExports.geoJson(header, rows, wkb));
  }

  private static String json(Object doc) {
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
