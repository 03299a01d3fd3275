package org.gridlens.pipeline.score;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How raw indicator values become 0..1 across the grids of one level. Missing values (NaN) stay
 * NaN and take no part. When every present value is equal (or only one grid has a value) the
 * indicator says nothing about the grids, so every present value maps to the neutral 0.5.
 */
public enum Normalisation {
  /** (average rank − 1) / (n − 1); ties share their average rank. Robust to outliers. */
  PERCENTILE_RANK,
  /** (x − min) / (max − min). Keeps distances, sensitive to outliers. */
  MIN_MAX;

  /** The normalised values; NaN where {@code raw} is NaN. Does not orient (higher raw = higher). */
  public double[] apply(double[] raw) {
    double[] out = new double[raw.length];
    Arrays.fill(out, Double.NaN);
    Integer[] present = presentIndexes(raw);
    int n = present.length;
    if (n == 0) {
      return out;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i : present) {
      min = Math.min(min, raw[i]);
      max = Math.max(max, raw[i]);
    }
    if (n == 1 || min == max) {
      for (int i : present) {
        out[i] = 0.5;
      }
      return out;
    }
    if (this == MIN_MAX) {
      for (int i : present) {
        out[i] = (raw[i] - min) / (max - min);
      }
      return out;
    }
    Arrays.sort(present, Comparator.comparingDouble(i -> raw[i]));
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && raw[present[end + 1]] == raw[present[start]]) {
        end++;
      }
      // 0-based average rank of the tie block
      double avgRank = (start + end) / 2.0;
      for (int j = start; j <= end; j++) {
        out[present[j]] = avgRank / (n - 1);
      }
      start = end + 1;
    }
    return out;
  }

  private static Integer[] presentIndexes(double[] raw) {
    return java.util.stream.IntStream.range(0, raw.length)
        .filter(i -> !Double.isNaN(raw[i]))
        .boxed()
        .toArray(Integer[]::new);
  }
}
