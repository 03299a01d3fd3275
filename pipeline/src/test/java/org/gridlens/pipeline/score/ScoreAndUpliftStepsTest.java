package org.gridlens.pipeline.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.GridScores;
import org.gridlens.pipeline.schema.UpliftScores;
import org.gridlens.pipeline.uplift.UpliftStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** score and uplift end to end on {@link SyntheticCity}: planted competitor strength and adoption. */
class ScoreAndUpliftStepsTest extends SparkTestBase {

  private static final LocalDate DATE = LocalDate.of(2026, 10, 31);
  @TempDir static Path dir;
  private static RunContext ctx;
  private static StepResult scoreResult;
  private static StepResult upliftResult;
  private static Map<String, Row> scores;

  @BeforeAll
  static void run() {
    GridLensConfig c = GridLensConfig.load(Path.of("..", "conf", "gridlens.yaml"), Map.of());
    c = c.withPaths(new PathsConfig(dir.resolve("in").toString(), dir.resolve("wh").toString(),
        dir.resolve("exports").toString()));
    ctx = RunContext.of(spark(), c, DATE);
    SyntheticCity.publish(spark(), ctx.warehouse(), DATE);
    scoreResult = new ScoreStep().run(ctx);
    upliftResult = new UpliftStep().run(ctx);
    scores = new HashMap<>();
    for (Row r : ctx.warehouse().read(Datasets.GRID_SCORES, DATE).collectAsList()) {
      scores.put(r.getString(r.fieldIndex(GridScores.GRID_ID)), r);
    }
  }

  private static double d(Row r, String col) {
    return ((Number) r.get(r.fieldIndex(col))).doubleValue();
  }

  @Test
  void strongCompetitorsMeanWeakerGrids() {
    List<String> subs = SyntheticCity.STRENGTH.keySet().stream().filter(g -> g.length() > 4).toList();
    double[] score = subs.stream().mapToDouble(g -> d(scores.get(g), GridScores.SCORE)).toArray();
    double[] cs = subs.stream().mapToDouble(SyntheticCity::strengthOf).toArray();
    double rho = SyntheticCity.spearman(score, cs);
    System.out.println("synthetic city: Spearman(score, competitor strength) over sub-grids = " + rho);
    assertTrue(rho < -0.8, "Spearman of score vs planted competitor strength over sub-grids: " + rho);
    assertEquals(8, scoreResult.outputRows().get(Datasets.GRID_SCORES) - 3);
  }

  @Test
  void aMainGridAggregatesItsSubGrids() {
    Row main = scores.get("G001");
    double active = 0;
    for (String s : List.of("G001-01", "G001-02", "G001-03", "G001-04")) {
      active += d(scores.get(s), GridScores.indicator(Indicator.ACTIVE_CUSTOMERS));
      assertEquals(GridScores.class.getSimpleName().isEmpty() ? "" : "sub", scores.get(s).getString(scores.get(s).fieldIndex(GridScores.LEVEL)));
    }
    assertEquals(active, d(main, GridScores.indicator(Indicator.ACTIVE_CUSTOMERS)), 0);
    assertEquals(600L, main.getLong(main.fieldIndex(GridScores.CUSTOMERS)));
    // G001 has no household figure of its own: the sum of its sub-grids'
    long hh = 0;
    for (String s : List.of("G001-01", "G001-02", "G001-03", "G001-04")) {
      hh += scores.get(s).getLong(scores.get(s).fieldIndex(GridScores.HOUSEHOLDS));
    }
    assertEquals(hh, main.getLong(main.fieldIndex(GridScores.HOUSEHOLDS)));
    assertEquals(3, main.getInt(main.fieldIndex(GridScores.GRIDS_IN_LEVEL)));
    assertEquals(8, scores.get("G001-01").getInt(scores.get("G001-01").fieldIndex(GridScores.GRIDS_IN_LEVEL)));
  }

  @Test
  void droppedCallRateCountsTheCallsOnTheGridsCells() {
    assertEquals(SyntheticCity.droppedOnCell("G002-04") / 100.0,
        d(scores.get("G002-04"), GridScores.indicator(Indicator.DROPPED_CALL_RATE)), 1e-12);
    double g002 = 0;
    for (String s : List.of("G002-01", "G002-02", "G002-03", "G002-04")) {
      g002 += SyntheticCity.droppedOnCell(s);
    }
    assertEquals(2 * g002 / 800.0, d(scores.get("G002"), GridScores.indicator(Indicator.DROPPED_CALL_RATE)), 1e-12);
  }

  @Test
  void unknownHouseholdsLeavePenetrationEmptyButTheGridScored() {
    Row g = scores.get("G002-03");
    assertTrue(g.isNullAt(g.fieldIndex(GridScores.indicator(Indicator.PENETRATION))));
    assertTrue(g.isNullAt(g.fieldIndex(GridScores.normalised(Indicator.PENETRATION))));
    assertFalse(g.isNullAt(g.fieldIndex(GridScores.SCORE)));
    assertTrue(g.isNullAt(g.fieldIndex(GridScores.indicator(Indicator.UNCOVERED_HOUSEHOLDS))));
  }

  @Test
  void everyGridCarriesStrategyAndExplanations() {
    for (Row r : scores.values()) {
      String strategy = r.getString(r.fieldIndex(GridScores.STRATEGY));
      Strategy s = Strategy.ofId(strategy);
      double score = d(r, GridScores.SCORE);
      assertEquals(score >= 50, s == Strategy.DEFEND || s == Strategy.GROW, r.toString());
      String strengths = r.getString(r.fieldIndex(GridScores.STRENGTHS));
      String weaknesses = r.getString(r.fieldIndex(GridScores.WEAKNESSES));
      assertTrue(strengths.split(",").length <= 3 && weaknesses.split(",").length <= 3);
    }
    // the weakest grid's weaknesses include the competition it faces
    String w = scores.get("G002-04").getString(scores.get("G002-04").fieldIndex(GridScores.WEAKNESSES));
    assertTrue(w.contains(Indicator.ONNET_SHARE) || w.contains(Indicator.TOP_COMPETITOR_SHARE), w);
    assertEquals(8, scores.get("G002-04").getInt(scores.get("G002-04").fieldIndex(GridScores.RANK)));
  }

  @SuppressWarnings("unchecked")
  @Test
  void everyOfferModelBeatsChanceOnHeldOutCustomers() throws Exception {
    Map<String, Object> auc = (Map<String, Object>) upliftResult.metrics().get("auc");
    System.out.println("synthetic city: held-out AUC per offer " + auc);
    for (String offer : List.of("music_vip", "video_vip", "game_pass")) {
      assertTrue(((Number) auc.get(offer)).doubleValue() > 0.7, offer + " AUC " + auc.get(offer));
    }
    for (String offer : List.of("cloud_100g", "plan_upgrade_128")) {
      assertTrue(((Number) auc.get(offer)).doubleValue() > 0.55, offer + " AUC " + auc.get(offer));
    }
    JsonNode report = new ObjectMapper().readTree(
        Path.of(ctx.warehouse().file("reports/uplift/" + DATE + ".json")).toFile());
    assertEquals(((Number) auc.get("video_vip")).doubleValue(), report.at("/offers/video_vip/auc").asDouble(), 0);
    assertTrue(Files.size(Path.of(ctx.warehouse().file("models/run_date=" + DATE + "/video_vip.ser"))) > 100);
    JsonNode model = new ObjectMapper().readTree(
        Path.of(ctx.warehouse().file("models/run_date=" + DATE + "/video_vip.json")).toFile());
    assertTrue(model.at("/features/vas_usage_video").isMissingNode(), "adoption feature must not be a model input");
    assertTrue(model.at("/features/data_volume_mb/coefficient").asDouble() > 0, model.toString());
  }

  @Test
  void upliftHasOneRowPerCustomerAndOfferWithReasons() {
    List<Row> rows = ctx.warehouse().read(Datasets.UPLIFT, DATE).collectAsList();
    assertEquals(9 * SyntheticCity.CUSTOMERS_PER_LEAF * 5, rows.size());
    List<String> keys = new ArrayList<>();
    for (Row r : rows) {
      keys.add(r.getString(r.fieldIndex(UpliftScores.CUSTOMER_ID)) + "/" + r.getString(r.fieldIndex(UpliftScores.OFFER_ID)));
      boolean eligible = r.getBoolean(r.fieldIndex(UpliftScores.ELIGIBLE));
      if (eligible) {
        double p = r.getDouble(r.fieldIndex(UpliftScores.PROPENSITY));
        assertTrue(p > 0 && p < 1);
        assertNull(r.get(r.fieldIndex(UpliftScores.INELIGIBLE_REASON)));
      } else {
        assertTrue(r.isNullAt(r.fieldIndex(UpliftScores.EXPECTED_GAIN)));
        assertFalse(r.getString(r.fieldIndex(UpliftScores.INELIGIBLE_REASON)).isEmpty());
      }
    }
    assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "one row per customer x offer");
    try (var files = Files.list(Path.of(ctx.warehouse().path(Datasets.UPLIFT, DATE)))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        List<String> inFile = new ArrayList<>();
        for (Row r : spark().read().parquet(f.toString()).collectAsList()) {
          inFile.add(r.getString(r.fieldIndex(UpliftScores.CUSTOMER_ID)) + "/" + r.getString(r.fieldIndex(UpliftScores.OFFER_ID)));
        }
        List<String> sorted = new ArrayList<>(inFile);
        sorted.sort(null);
        assertEquals(sorted, inFile, "each part sorted by customer_id, offer_id: " + f);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Row video = rows.stream().filter(r -> r.getBoolean(r.fieldIndex(UpliftScores.ELIGIBLE))
        && r.getString(r.fieldIndex(UpliftScores.OFFER_ID)).equals("video_vip")).findFirst().orElseThrow();
    assertEquals(video.getDouble(video.fieldIndex(UpliftScores.PROPENSITY)) * 15,
        video.getDouble(video.fieldIndex(UpliftScores.EXPECTED_GAIN)), 1e-5);
    long enterpriseVideo = rows.stream().filter(r -> "customer_type".equals(r.get(r.fieldIndex(UpliftScores.INELIGIBLE_REASON)))).count();
    long adopted = rows.stream().filter(r -> "already_adopted".equals(r.get(r.fieldIndex(UpliftScores.INELIGIBLE_REASON)))).count();
    assertTrue(enterpriseVideo > 0 && adopted > 0);
    assertTrue(rows.stream().anyMatch(r -> r.getBoolean(r.fieldIndex(UpliftScores.ELIGIBLE))
        && r.getString(r.fieldIndex(UpliftScores.REASONS_ZH)) != null));
  }

  @Test
  void gridGainsAddUpAcrossLevelsAndFeedTheExports() throws Exception {
    Map<String, Row> g = new HashMap<>();
    for (Row r : ctx.warehouse().read(Datasets.GRID_UPLIFT, DATE).collectAsList()) {
      g.put(r.getString(r.fieldIndex(GridScores.GRID_ID)), r);
    }
    assertEquals(11, g.size());
    double subs = 0;
    for (String s : List.of("G001-01", "G001-02", "G001-03", "G001-04")) {
      subs += d(g.get(s), GridScores.PROJECTED_GAIN_ALL);
    }
    assertEquals(subs, d(g.get("G001"), GridScores.PROJECTED_GAIN_ALL), 0.01);
    Row leaf = g.get("G001-01");
    assertTrue(d(leaf, GridScores.PROJECTED_GAIN_TOP) <= d(leaf, GridScores.PROJECTED_GAIN_ALL));
    assertEquals(d(leaf, GridScores.PROJECTED_GAIN_TOP) / d(leaf, GridScores.MONTHLY_REVENUE) * 100,
        d(leaf, GridScores.GAIN_PCT_OF_REVENUE), 1e-3);

    byte[] csv = Files.readAllBytes(Path.of(ctx.warehouse().exportFile(DATE, "grid_scores.csv")));
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(csv, 3));
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertEquals(12, lines.size());
    assertTrue(lines.get(0).startsWith("grid_id,name,level"), lines.get(0));
    assertTrue(lines.get(0).contains("projected_gain_top") && lines.get(0).contains("strategy_zh"));
    assertTrue(lines.get(1).startsWith("G001,网格G001,main"), lines.get(1));

    JsonNode geo = new ObjectMapper().readTree(Path.of(ctx.warehouse().exportFile(DATE, "grid_scores.geojson")).toFile());
    assertEquals("FeatureCollection", geo.get("type").asText());
    assertEquals(11, geo.get("features").size());
    JsonNode f = geo.get("features").get(0);
    assertEquals("Polygon", f.at("/geometry/type").asText());
    assertTrue(f.at("/geometry/crs").isMissingNode());
    assertEquals("G001", f.at("/properties/grid_id").asText());
    assertEquals(d(scores.get("G001"), GridScores.SCORE), f.at("/properties/score").asDouble(), 0);
  }

  @Test
  void reRunningGivesIdenticalBytes() throws Exception {
    byte[] csv = Files.readAllBytes(Path.of(ctx.warehouse().exportFile(DATE, "grid_scores.csv")));
    List<byte[]> before = parts(Datasets.GRID_SCORES);
    new ScoreStep().run(ctx);
    assertEquals(before.size(), parts(Datasets.GRID_SCORES).size());
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), parts(Datasets.GRID_SCORES).get(i));
    }
    assertArrayEquals(csv, Files.readAllBytes(Path.of(ctx.warehouse().exportFile(DATE, "grid_scores.csv"))));
  }

  private static List<byte[]> parts(String dataset) throws Exception {
    List<byte[]> out = new ArrayList<>();
    try (var s = Files.list(Path.of(ctx.warehouse().path(dataset, DATE)))) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
    return out;
  }
}
