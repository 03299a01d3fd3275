package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Targets;
import org.junit.jupiter.api.Test;

class TargetListTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);

  /** No control group, generous capacity: only the rule under test acts. */
  private static final TargetConfig PLAIN = TargetConfig.defaults().withControlShare(0).withCapacity(1000);

  private static TargetList.Result run(TargetConfig cfg, TargetFixtures f, Dataset<Row> optOut, Dataset<Row> contacts) {
    return new TargetList(cfg, D).apply(f.uplift(spark()), f.view(spark()), f.segments(spark()), optOut, contacts);
  }

  /** "grid/offer/control/rank/customer" per listed row, in list order. */
  private static List<String> listed(TargetList.Result r) {
    return r.targets()
        .orderBy(col(Targets.GRID_ID), col(Targets.OFFER_ID), col(Targets.CONTROL), col(Targets.RANK))
        .collectAsList().stream()
        .map(x -> x.getAs(Targets.GRID_ID) + "/" + x.getAs(Targets.OFFER_ID) + "/" + (x.<Boolean>getAs(Targets.CONTROL) ? "C" : "T")
            + "/" + x.getAs(Targets.RANK) + "/" + x.getAs(Targets.CUSTOMER_ID))
        .collect(Collectors.toList());
  }

  private static Map<String, String> decisions(TargetList.Result r) {
    Map<String, String> m = new TreeMap<>();
    for (Row x : r.decisions().collectAsList()) {
      String by = x.getAs(TargetList.EXCLUDED_BY);
      m.put(x.getAs(Targets.CUSTOMER_ID) + "/" + x.getAs(Targets.OFFER_ID), by == null ? "listed" : by);
    }
    return m;
  }

  @Test
  void oneBestOfferPerCustomerWithDeterministicTies() {
    TargetFixtures f =
        new TargetFixtures()
            .offer("C1", "G1", "video", 0.30, 6.0)
            .offer("C1", "G1", "music", 0.50, 9.0) // best by gain
            .offer("C2", "G1", "video", 0.40, 8.0)
            .offer("C2", "G1", "music", 0.40, 8.0) // same gain and propensity: offer id decides (music < video)
            .offer("C3", "G1", "video", 0.70, 8.0) // same gain as C2's, higher propensity
            .offer("C4", "G1", "music", 0.40, 8.0); // same gain and propensity as C2: customer id decides
    TargetList.Result r = run(PLAIN, f, null, null);
    assertEquals(List.of("G1/music/T/1/C1", "G1/music/T/2/C2", "G1/music/T/3/C4", "G1/video/T/1/C3"), listed(r));
    assertEquals("offer_limit", decisions(r).get("C1/video"));
    assertEquals("offer_limit", decisions(r).get("C2/video"));

    TargetList.Result two = run(PLAIN.withMaxOffers(2), f, null, null);
    assertEquals(
        List.of("G1/music/T/1/C1", "G1/music/T/2/C2", "G1/music/T/3/C4", "G1/video/T/1/C3", "G1/video/T/2/C2",
            "G1/video/T/3/C1"),
        listed(two));
  }

  @Test
  void everyExclusionRuleIsAppliedAndCountedUnderTheFirstRuleThatFails() {
    TargetFixtures f =
        new TargetFixtures()
            .offer("OK", "G1", "video", 0.5, 5.0)
            .row("INELIG", "G1", "video", false, 0.5, 5.0, "active")
            .offer("NOGRID", null, "video", 0.5, 5.0)
            .row("GHOST", "G1", "video", true, 0.5, 5.0, null) // not in the customer view
            .row("CLOSED", "G1", "video", true, 0.5, 5.0, "closed")
            .row("SUSP", "G1", "video", true, 0.5, 5.0, "suspended")
            .offer("OPTOUT", "G1", "video", 0.5, 5.0)
            .offer("RECENT", "G1", "video", 0.5, 5.0)
            .offer("OLDCONTACT", "G1", "video", 0.5, 5.0)
            .offer("LOW", "G1", "video", 0.5, 0.2)
            .offer("NULLGAIN", "G1", "video", 0.5, null)
            .row("CLOSEDOPT", "G1", "video", true, 0.5, 5.0, "closed"); // closed and opted out: counted as closed
    Dataset<Row> optOut =
        spark().createDataFrame(
            List.of(RowFactory.create("OPTOUT"), RowFactory.create("CLOSEDOPT")),
            Schemas.struct(Schemas.field(Targets.CUSTOMER_ID, DataTypes.StringType, false)));
    Dataset<Row> contacts =
        spark().createDataFrame(
            List.of(
                RowFactory.create("RECENT", java.sql.Date.valueOf(D.minusDays(29))),
                RowFactory.create("OLDCONTACT", java.sql.Date.valueOf(D.minusDays(30)))),
            Schemas.struct(
                Schemas.field(Targets.CUSTOMER_ID, DataTypes.StringType, false),
                Schemas.field(TargetList.CONTACT_DATE, DataTypes.DateType, false)));
    TargetList.Result r = run(PLAIN.withFiles("x", "y", 30), f, optOut, contacts);
    Map<String, String> expected = new TreeMap<>();
    expected.put("OK/video", "listed");
    expected.put("OLDCONTACT/video", "listed");
    expected.put("INELIG/video", "ineligible");
    expected.put("NOGRID/video", "no_grid");
    expected.put("GHOST/video", "not_in_view");
    expected.put("CLOSED/video", "status_closed");
    expected.put("SUSP/video", "status_suspended");
    expected.put("OPTOUT/video", "opted_out");
    expected.put("CLOSEDOPT/video", "status_closed");
    expected.put("RECENT/video", "recently_contacted");
    expected.put("LOW/video", "below_min_gain");
    expected.put("NULLGAIN/video", "below_min_gain");
    assertEquals(expected, decisions(r));

    Map<String, Long> counts = TargetsStep.exclusionCounts(r.decisions());
    assertEquals(2L, counts.get("status_closed"));
    assertEquals(2L, counts.get("below_min_gain"));
    assertEquals(1L, counts.get("opted_out"));
    assertEquals(2L, counts.get(""));
    assertEquals(List.of("G1/video/T/1/OK", "G1/video/T/2/OLDCONTACT"), listed(r));
  }

  @Test
  void capacityKeepsTheBestCustomersOfEachGridAndCountsCustomersNotOffers() {
    TargetFixtures f = new TargetFixtures();
    for (int i = 1; i <= 5; i++) {
      f.offer("A" + i, "G1", "video", 0.5, 10.0 - i); // A1 best
      f.offer("A" + i, "G1", "music", 0.5, 9.5 - i);
    }
    f.offer("B1", "G2", "video", 0.5, 1.0);
    TargetList.Result r = run(PLAIN.withCapacity(3).withMaxOffers(2), f, null, null);
    assertEquals(
        List.of("G1/music/T/1/A1", "G1/music/T/2/A2", "G1/music/T/3/A3", "G1/video/T/1/A1", "G1/video/T/2/A2",
            "G1/video/T/3/A3", "G2/video/T/1/B1"),
        listed(r));
    assertEquals("over_capacity", decisions(r).get("A4/video"));
    assertEquals("over_capacity", decisions(r).get("A5/music"));
  }

  @Test
  void controlCustomersRankedInsideTheCapacityStayAsControlsAndTheManagerStillGetsFullCapacity() {
    TargetFixtures f = new TargetFixtures();
    for (int i = 0; i < 200; i++) {
      f.offer(String.format("K%03d", i), "G1", "video", 0.5, 1000.0 - i);
    }
    TargetConfig cfg = PLAIN.withCapacity(50).withControlShare(0.3);
    TargetList.Result r = run(cfg, f, null, null);
    List<Row> rows = r.targets().collectAsList();
    long worked = rows.stream().filter(x -> !x.<Boolean>getAs(Targets.CONTROL)).count();
    assertEquals(50, worked);
    // every control customer is one a manager would have worked: above the 50th worked customer
    double lastWorkedGain =
        rows.stream().filter(x -> !x.<Boolean>getAs(Targets.CONTROL)).mapToDouble(x -> x.getAs(Targets.EXPECTED_GAIN)).min().orElseThrow();
    List<Row> controls = rows.stream().filter(x -> x.<Boolean>getAs(Targets.CONTROL)).collect(Collectors.toList());
    assertTrue(controls.size() > 5, "some controls among the first ~70: " + controls.size());
    assertTrue(controls.stream().allMatch(x -> x.<Double>getAs(Targets.EXPECTED_GAIN) > lastWorkedGain));
    for (Row c : controls) {
      assertTrue(ControlGroup.draw(c.getAs(Targets.CUSTOMER_ID), "video", cfg.campaignFor(D)) < 0.3);
    }
  }

  @Test
  void controlShareIsWithinBinomialToleranceInEveryGridAndOfferList() {
    TargetFixtures f = new TargetFixtures();
    int n = 6000;
    for (int i = 0; i < n; i++) {
      String c = "C" + i;
      f.offer(c, i % 2 == 0 ? "G1" : "G2", "video", 0.5, 5.0 + (i % 7));
      f.offer(c, i % 2 == 0 ? "G1" : "G2", "music", 0.5, 5.0 + (i % 5));
    }
    TargetList.Result r = run(PLAIN.withControlShare(0.10).withMaxOffers(2).withCapacity(1_000_000), f, null, null);
    List<Row> shares =
        r.targets().groupBy(Targets.GRID_ID, Targets.OFFER_ID)
            .agg(org.apache.spark.sql.functions.avg(col(Targets.CONTROL).cast("double")).as("share"),
                org.apache.spark.sql.functions.count("*").as("n"))
            .collectAsList();
    assertEquals(4, shares.size());
    for (Row s : shares) {
      long size = s.getLong(3);
      assertEquals(n / 2, size);
      double sigma = Math.sqrt(0.1 * 0.9 / size);
      assertEquals(0.10, s.getDouble(2), 4 * sigma, "grid " + s.get(0) + " offer " + s.get(1));
    }
  }

  @Test
  void controlMembershipIsTheSameAcrossRunsAndPartitioningsAndChangesWithTheCampaign() {
    TargetFixtures f = new TargetFixtures();
    for (int i = 0; i < 400; i++) {
      f.offer("C" + i, "G" + (i % 3), "video", 0.5, 5.0);
    }
    TargetConfig cfg = PLAIN.withControlShare(0.2);
    List<String> a = controls(new TargetList(cfg, D).apply(
        f.uplift(spark()).repartition(1), f.view(spark()), f.segments(spark()), null, null));
    List<String> b = controls(new TargetList(cfg, D).apply(
        f.uplift(spark()).repartition(7), f.view(spark()).repartition(5), f.segments(spark()), null, null));
    assertEquals(a, b);
    assertTrue(a.size() > 40 && a.size() < 120, "about 20% of 400: " + a.size());
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      if (ControlGroup.draw("C" + i, "video", "run-" + D) < 0.2) {
        expected.add("C" + i);
      }
    }
    expected.sort(null);
    assertEquals(expected, a, "Spark's draw equals the plain-Java reference");
    List<String> other = controls(new TargetList(cfg, D.plusDays(1)).apply(
        f.uplift(spark()), f.view(spark()), f.segments(spark()), null, null));
    assertNotEquals(a, other, "a new campaign draws a new control group");
  }

  private static List<String> controls(TargetList.Result r) {
    return r.targets().filter(col(Targets.CONTROL)).select(Targets.CUSTOMER_ID).collectAsList().stream()
        .map(x -> x.getString(0)).sorted().collect(Collectors.toList());
  }
}
