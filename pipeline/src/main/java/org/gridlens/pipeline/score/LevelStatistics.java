package org.gridlens.pipeline.score;

import java.util.Arrays;

/** Statistics over the grids of one level, free of Spark. */
final class LevelStatistics {

  private LevelStatistics() {}

  /** The median of the present (non-NaN) values; NaN when there are none. */
  static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  /** max(0, median − x) per value: how far each grid lies below its level's median; NaN stays NaN. */
  static double[] gapBelowMedian(double[] values) {
    double med = median(values);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.isNaN(values[i]) || Double.isNaN(med) ? Double.NaN : Math.max(0, med - values[i]);
    }
    return out;
  }
}
