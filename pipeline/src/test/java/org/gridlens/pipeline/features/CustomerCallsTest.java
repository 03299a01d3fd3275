package org.gridlens.pipeline.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.junit.jupiter.api.Test;

/** The per-customer call features in plain Java, computed by hand; no Spark. */
class CustomerCallsTest {

  private static final OperatorPrefixes OPS = new OperatorPrefixes(
      "cmcc", Map.of("cmcc", List.of("139"), "cucc", List.of("130"), "ctcc", List.of("133")), Map.of());

  private static final int MO = CustomerCalls.MO;
  private static final int MT = CustomerCalls.MT;
  private static final int LOCAL = 1 << CustomerCalls.TYPE_SHIFT;
  private static final int ROAMING = 4 << CustomerCalls.TYPE_SHIFT;
  private static final int NORMAL = 1 << CustomerCalls.STATUS_SHIFT;
  private static final int DROPPED = 2 << CustomerCalls.STATUS_SHIFT;
  private static final int FAILED = 3 << CustomerCalls.STATUS_SHIFT;

  /** Index of each feature in {@link CustomerCalls#features} (competitors in OPS order: cucc, ctcc). */
  private static int at(String name) {
    List<String> names = new ArrayList<>(List.of(CallFeatures.schema(OPS).fieldNames()));
    return names.indexOf(name) - 1; // features() has no customer_id
  }

  @Test
  void countsMinutesSharesAndRates() {
    CustomerCalls c = new CustomerCalls();
    c.add("13900000001", "A", 120, 0, MO | LOCAL | NORMAL | CustomerCalls.OFFPEAK);
    c.add("13900000001", "A", 60, 0, MT | LOCAL | DROPPED);
    c.add("13000000002", "B", 30, 5, MO | ROAMING | NORMAL | CustomerCalls.FORWARDED);
    c.add("13300000003", "B", 0, 9, MO | LOCAL | FAILED);
    Object[] f = c.features(OPS);
    assertEquals(4L, f[at(CallFeatures.CALLS)]);
    assertEquals(3L, f[at("mo_calls")]);
    assertEquals(1L, f[at("mt_calls")]);
    assertEquals(150 / 60.0, f[at("mo_minutes")]);
    assertEquals(1.0, f[at("mt_minutes")]);
    assertEquals(3L, f[at("active_days")]);
    assertEquals(4 / 3.0, f[at("calls_per_active_day")]);
    assertEquals(0.25, f[at("offpeak_share")]);
    assertEquals(0.75, f[at("local_share")]);
    assertEquals(0.25, f[at("roaming_share")]);
    assertEquals(0.0, f[at("international_share")]);
    assertEquals(1L, f[at("forwarded_calls")]);
    assertEquals(1 / 3.0, f[at("dropped_call_rate")], "dropped over normal + dropped");
    assertEquals(0.25, f[at("failed_call_rate")], "failed over every attempt");
    assertEquals(3L, f[at("distinct_contacts")]);
    // p = 2/4, 1/4, 1/4: H = -(0.5 ln 0.5 + 2 * 0.25 ln 0.25)
    double h = -(0.5 * Math.log(0.5) + 0.5 * Math.log(0.25));
    assertEquals(h, (double) f[at("contact_entropy")], 1e-9);
    assertEquals(0.5, f[at("top_contact_share")]);
    assertEquals(1 / 3.0, f[at("onnet_contact_share")]);
    assertEquals(1 / 3.0, f[at("contact_share_cucc")]);
    assertEquals(1 / 3.0, f[at("contact_share_ctcc")]);
    assertEquals(1 / 3.0, f[at("top_competitor_share")]);
    assertEquals(2L, f[at("distinct_cells")]);
    assertNull(f[at("home_cell_id")], "no night calls, no home cell");
  }

  @Test
  void homeCellIsTheMostNightCallsWithTiesToTheSmallestId() {
    CustomerCalls c = new CustomerCalls();
    int night = MO | LOCAL | NORMAL | CustomerCalls.NIGHT;
    c.add("1", "C9", 1, 0, night);
    c.add("1", "C9", 1, 0, night);
    c.add("1", "C5", 1, 0, night);
    c.add("1", "C5", 1, 1, night);
    c.add("1", "C1", 1, 1, MO | LOCAL | NORMAL); // most calls overall, none at night
    c.add("1", "C1", 1, 1, MO | LOCAL | NORMAL);
    c.add("1", "C1", 1, 1, MO | LOCAL | NORMAL);
    Object[] f = c.features(OPS);
    assertEquals("C5", f[at("home_cell_id")]);
    assertEquals(3L, f[at("distinct_cells")]);
    c.add("1", "C9", 1, 2, night);
    assertEquals("C9", c.features(OPS)[at("home_cell_id")]);
  }

  @Test
  void noEstablishedCallMeansNoDropRateAndOneContactHasZeroEntropy() {
    CustomerCalls c = new CustomerCalls();
    c.add("+86 139 0000 0001", "A", 0, 3, MO | FAILED);
    c.add("+86 139 0000 0001", "A", 0, 3, MO | FAILED);
    Object[] f = c.features(OPS);
    assertNull(f[at("dropped_call_rate")]);
    assertEquals(1.0, f[at("failed_call_rate")]);
    assertEquals(0.0, f[at("contact_entropy")]);
    assertEquals(1.0, f[at("onnet_contact_share")], "+86 and separators are normalised away");
    assertEquals(0.0, f[at("top_competitor_share")]);
    assertEquals(1L, f[at("active_days")]);
    assertEquals(0.0, f[at("local_share")], "a type outside the list counts in no share");
  }

  @Test
  void resultDoesNotDependOnTheOrderOfTheCalls() {
    Random r = new Random(7);
    List<Object[]> calls = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      calls.add(new Object[] {
        "13" + r.nextInt(10) + "0000" + r.nextInt(300), "C" + r.nextInt(40), r.nextInt(600), r.nextInt(90),
        r.nextInt(1 << 10)});
    }
    Object[] first = null;
    CustomerCalls reused = new CustomerCalls();
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(calls, r);
      CustomerCalls c = new CustomerCalls();
      for (Object[] x : calls) {
        c.add((String) x[0], (String) x[1], (int) x[2], (int) x[3], (int) x[4]);
      }
      Object[] f = c.features(OPS);
      if (first == null) {
        first = f;
      } else {
        assertArrayEquals(first, f);
      }
      // the next customer in the same object, after one with other calls: nothing of it is left
      reused.clear();
      for (int i = 0; i < 50; i++) {
        reused.add("1860000" + r.nextInt(9999), "D" + i, r.nextInt(600), 89 - i % 30, MO | NORMAL | CustomerCalls.NIGHT);
      }
      reused.clear();
      for (Object[] x : calls) {
        reused.add((String) x[0], (String) x[1], (int) x[2], (int) x[3], (int) x[4]);
      }
      assertArrayEquals(first, reused.features(OPS), "a cleared customer's calls");
    }
  }

  @Test
  void roundsLikeSparkHalfUpOnTheShortestDecimal() {
    assertEquals(0.123456789, CustomerCalls.roundHalfUp(0.1234567885, 9));
    assertEquals(3.0, CustomerCalls.roundHalfUp(2.5, 0));
    assertEquals(-3.0, CustomerCalls.roundHalfUp(-2.5, 0));
  }

  @Test
  void roundingToWholeNumbersAgreesWithTheDecimalFormForEveryKindOfDouble() {
    List<Double> xs = new ArrayList<>(List.of(
        0.0, -0.0, 0.5, -0.5, 0.49999999999999994, 1.5, 2.4999999999999996, 2.5000000000000004,
        4503599627370495.5, 4503599627370496.0, 1e300, -1e300, Double.MIN_VALUE, -Double.MIN_VALUE,
        // volumes in 1e-4 MB units as the VAS sums them
        12.3456 * 10_000, 0.00005 * 10_000, 1.00005 * 10_000, 999.99995 * 10_000));
    Random r = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      double scale = Math.pow(10, r.nextInt(16) - 4);
      double x = r.nextInt(3) == 0
          ? (r.nextInt(1_000_000) + 0.5) * (r.nextBoolean() ? 1 : -1) + (r.nextInt(3) - 1) * Math.ulp(1e6)
          : (r.nextDouble() - 0.3) * scale;
      xs.add(x);
    }
    for (double x : xs) {
      double expected = BigDecimal.valueOf(x).setScale(0, RoundingMode.HALF_UP).doubleValue();
      assertEquals(expected, CustomerCalls.roundHalfUp(x, 0), () -> "round(" + x + ", 0)");
    }
  }
}
