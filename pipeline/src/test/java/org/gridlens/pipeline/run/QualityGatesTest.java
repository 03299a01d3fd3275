package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridlens.pipeline.run.RunManifest.GateResult;
import org.junit.jupiter.api.Test;

class QualityGatesTest {

  private static QualityGates gates(double band, long minRows) {
    return new QualityGates(null, LocalDate.of(2026, 10, 31), new RunConfig.Gates(true, 0.05, band, minRows));
  }

  @Test
  void rowCountsAreComparedWithThePreviousGoodRunWithinTheBand() {
    Map<String, Long> now = new LinkedHashMap<>();
    now.put("customer_view", 1490L);   // -0.67 %: fine
    now.put("targets", 500L);          // -50 %: outside ±40 %
    now.put("uplift", 30_000L);        // +200 %: outside
    now.put("new_dataset", 10L);       // no previous count: not checked
    now.put("tiny", 1L);               // previous below the minimum: not checked
    Map<String, Long> before = Map.of("customer_view", 1500L, "targets", 1000L, "uplift", 10_000L, "tiny", 50L);

    List<GateResult> r = gates(0.4, 100).rowCountBand(now, before);

    assertEquals(List.of("row_count_band.customer_view", "row_count_band.targets", "row_count_band.uplift"),
        r.stream().map(GateResult::name).toList());
    assertTrue(r.get(0).passed());
    assertFalse(r.get(1).passed());
    assertTrue(r.get(1).message().contains("-50.00%"), r.get(1).message());
    assertFalse(r.get(2).passed());
    assertTrue(r.get(2).observed().contains("+200.00%"), r.get(2).observed());
  }

  @Test
  void aZeroBandOrNoPreviousRunChecksNothing() {
    assertEquals(List.of(), gates(0, 0).rowCountBand(Map.of("x", 1L), Map.of("x", 1000L)));
    assertEquals(List.of(), gates(0.5, 0).rowCountBand(Map.of("x", 1L), null));
  }

  @Test
  void aBandIsInclusive() {
    List<GateResult> r = gates(0.5, 0).rowCountBand(Map.of("x", 150L, "y", 50L), Map.of("x", 100L, "y", 100L));
    assertTrue(r.stream().allMatch(GateResult::passed));
  }
}
