package org.gridlens.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;
import smile.math.random.UniversalGenerator;

/** SmileDraws must draw exactly what Smile's generators draw for the same seed. */
class SmileDrawsTest {

  static List<Long> seeds() {
    List<Long> out = new ArrayList<>(List.of(0L, 1L, -1L, 42L, 54217137L, 899999962L, 899999963L, -899999963L,
        Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE));
    Random r = new Random(11);
    for (int i = 0; i < 1500; i++) {
      out.add(r.nextLong());
    }
    long unit = KMeansSelector.unitSeed(20261031, "grid:G0001");
    for (int k = 2; k <= 50; k++) {
      for (int run = 0; run < 8; run++) {
        out.add(KMeansSelector.runSeed(unit, k, run));
      }
    }
    return out;
  }

  @Test
  void doublesAreBitIdenticalToUniversalGenerator() {
    SmileDraws d = new SmileDraws();
    for (long seed : seeds()) {
      UniversalGenerator want = new UniversalGenerator(seed);
      d.setSeed(seed); // one object reseeded: no state may leak from the previous seed
      for (int i = 0; i < 230; i++) { // past two wraps of the 97-entry table
        assertEquals(Double.doubleToRawLongBits(want.nextDouble()), Double.doubleToRawLongBits(d.nextDouble()),
            "seed " + seed + " draw " + i);
      }
    }
  }

  @Test
  void interleavedDrawsMatchMathExAfterSetSeed() {
    SmileDraws d = new SmileDraws();
    Random pick = new Random(5);
    for (long seed : seeds()) {
      MathEx.setSeed(seed);
      d.setSeed(seed);
      int draws = 1 + pick.nextInt(60);
      for (int i = 0; i < draws; i++) {
        if (pick.nextInt(3) == 0) {
          int n = 1 + pick.nextInt(100_000);
          assertEquals(MathEx.randomInt(n), d.nextInt(n), "seed " + seed + " draw " + i);
        } else {
          assertEquals(Double.doubleToRawLongBits(MathEx.random()), Double.doubleToRawLongBits(d.nextDouble()),
              "seed " + seed + " draw " + i);
        }
      }
    }
  }
}
