package org.gridlens.pipeline.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.GridScores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed sample city through score and uplift, checked against the generator's truth:
 * the competitiveness score must fall where the planted competitor strength is high, and every
 * offer model must rank held-out adopters above non-adopters.
 *
 * <p>Thresholds: the generator lets competitor strength lower penetration, plan tiers and on-net
 * share and raise churn, complaints and competitor contacts, each with noise, so the score should
 * track it closely; |ρ| ≥ 0.5 over the sub-grids (and main grids when there are at least 8) is a
 * bar a score that ignored competition would not clear by chance, yet leaves room for the noise.
 * AUC ≥ 0.6: adoption depends on archetype, age and plan tier, all visible in the inputs.
 */
class SampleCityScoreUpliftTest {

  private static RunContext ctx;

  @BeforeAll
  static void run() {
    Assumptions.assumeTrue(Files.isRegularFile(SampleCity.sampleData().resolve("truth/grids.csv")),
        "sample city not generated yet");
    ctx = SampleCity.runThrough(StepName.UPLIFT);
  }

  @Test
  void theScoreFallsWithThePlantedCompetitorStrength() {
    Map<String, Double> strength = new HashMap<>();
    Map<String, String> level = new HashMap<>();
    for (CSVRecord r : SampleCity.truth("grids.csv")) {
      strength.put(r.get("grid_id"), Double.parseDouble(r.get("competitor_strength")));
      level.put(r.get("grid_id"), r.get("level"));
    }
    List<Row> rows = ctx.warehouse().read(Datasets.GRID_SCORES, ctx.runDate()).collectAsList();
    assertEquals(strength.size(), rows.size(), "one grid_scores row per grid of either level");
    for (String lv : List.of("sub", "main")) {
      List<Row> ofLevel = rows.stream()
          .filter(r -> lv.equals(level.get(r.getString(r.fieldIndex(GridScores.GRID_ID))))).toList();
      if (ofLevel.size() < 8) {
        continue;
      }
      double[] score = ofLevel.stream().mapToDouble(r -> r.getDouble(r.fieldIndex(GridScores.SCORE))).toArray();
      double[] cs = ofLevel.stream().mapToDouble(r -> strength.get(r.getString(r.fieldIndex(GridScores.GRID_ID)))).toArray();
      double rho = SyntheticCity.spearman(score, cs);
      System.out.println("sample city: Spearman(score, competitor_strength) over " + ofLevel.size() + " " + lv + " grids = " + rho);
      assertTrue(rho <= -0.5, lv + " grids: Spearman " + rho);
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void everyOfferModelBeatsChance() {
    StepResult r = SampleCity.result(StepName.UPLIFT);
    Map<String, Object> auc = (Map<String, Object>) r.metrics().get("auc");
    System.out.println("sample city: held-out AUC per offer " + auc);
    assertEquals(ctx.config().uplift().offers().size(), auc.size());
    for (Map.Entry<String, Object> e : auc.entrySet()) {
      assertTrue(e.getValue() != null && ((Number) e.getValue()).doubleValue() >= 0.6, e.getKey() + " AUC " + e.getValue());
    }
  }
}
