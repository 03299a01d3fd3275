package org.gridlens.pipeline.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlGroupTest {

  @Test
  void theDrawIsAFixedFunctionOfItsInputs() {
    // pinned values: a change of hash, separator or bit layout would silently reshuffle every
    // running campaign's control group, so it must fail here first
    assertEquals(ControlGroup.draw("C000001", "video", "run-2026-10-31"), ControlGroup.draw("C000001", "video", "run-2026-10-31"));
    double v = ControlGroup.draw("C000001", "video", "run-2026-10-31");
    assertTrue(v >= 0 && v < 1);
    assertEquals(PINNED, v, 0.0);
  }

  @Test
  void drawsAreUniform() {
    int n = 20000;
    int[] buckets = new int[10];
    for (int i = 0; i < n; i++) {
      buckets[(int) (ControlGroup.draw("C" + i, "music", "camp") * 10)]++;
    }
    for (int b : buckets) {
      assertEquals(n / 10.0, b, 4 * Math.sqrt(n * 0.1 * 0.9));
    }
  }

  /** int(sha256("C000001|video|run-2026-10-31").hexdigest()[:13], 16) / 2**52, computed in Python. */
  static final double PINNED = 0.5294755247359215;
}
