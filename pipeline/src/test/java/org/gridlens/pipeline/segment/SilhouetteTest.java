package org.gridlens.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Silhouette computes each pair's distance once; the result must not move by a bit. */
class SilhouetteTest {

  /** The textbook computation, point by point over all other points (the former implementation). */
  static double rowByRow(double[][] x, int[] labels, int k) {
    int n = x.length;
    if (n < 2 || k < 2) {
      return 0.0;
    }
    int[] size = new int[k];
    for (int l : labels) {
      size[l]++;
    }
    double total = 0;
    double[] sum = new double[k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(sum, 0.0);
      for (int j = 0; j < n; j++) {
        if (i != j) {
          sum[labels[j]] += Math.sqrt(Silhouette.squared(x[i], x[j]));
        }
      }
      int own = labels[i];
      if (size[own] <= 1) {
        continue;
      }
      double a = sum[own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sum[c] / size[c]);
        }
      }
      if (Double.isInfinite(b)) {
        continue;
      }
      double m = Math.max(a, b);
      total += m == 0 ? 0 : (b - a) / m;
    }
    return total / n;
  }

  @Test
  void pairwiseComputationIsBitIdenticalToRowByRow() {
    Random r = new Random(3);
    int checked = 0;
    for (int t = 0; t < 60; t++) {
      int n = 2 + r.nextInt(t < 10 ? 6 : 400);
      int d = 1 + r.nextInt(10);
      int k = 2 + r.nextInt(7);
      double[][] x = new double[n][d];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        // some labels unused and some singletons; rounded values give duplicate points (a = b = 0)
        labels[i] = t % 4 == 0 ? r.nextInt(k - 1) : r.nextInt(k);
        for (int j = 0; j < d; j++) {
          double v = labels[i] * 2 + r.nextGaussian();
          x[i][j] = t % 3 == 0 ? Math.rint(v) : v;
        }
      }
      assertEquals(
          Double.doubleToRawLongBits(rowByRow(x, labels, k)), Double.doubleToRawLongBits(Silhouette.mean(x, labels, k)),
          "case " + t + " n " + n + " d " + d + " k " + k);
      checked++;
    }
    assertEquals(60, checked);
    assertEquals(0.0, Silhouette.mean(new double[][] {{1}}, new int[] {0}, 2));
    assertEquals(0.0, Silhouette.mean(new double[][] {{1}, {2}}, new int[] {0, 0}, 1));
  }

  @Test
  void wellSeparatedClustersScoreNearOne() {
    double[][] x = {{0}, {0.1}, {0.2}, {10}, {10.1}, {10.2}};
    double s = Silhouette.mean(x, new int[] {0, 0, 0, 1, 1, 1}, 2);
    assertEquals(0.99, s, 0.01);
  }
}
