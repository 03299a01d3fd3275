package org.gridlens.pipeline.segment;

/**
 * Mean silhouette width (Rousseeuw 1987) of a labelled point set, in squared-free Euclidean
 * distance: for each point, (b − a) / max(a, b) with a the mean distance to its own cluster and b
 * the smallest mean distance to another cluster; points alone in their cluster count 0.
 * Smile 3.1.1 ships only external indices, hence this O(n²) implementation, used on a sample.
 */
final class Silhouette {

  private Silhouette() {}

  static double mean(double[][] x, int[] labels, int k) {
    int n = x.length;
    if (n < 2 || k < 2) {
      return 0.0;
    }
    int[] size = new int[k];
    for (int l : labels) {
      size[l]++;
    }
    // sum[i * k + c]: distances from point i to the points of cluster c. Each pair's distance is
    // computed once and added to both points; point p still receives its distances in the order
    // of the other point's index (from q < p while the outer loop is at q, then from q > p while
    // it is at p), so every sum, and the result, is bit-identical to the row-by-row computation
    // (squared(a, b) == squared(b, a) exactly), at half the distance computations.
    double[] sum = new double[n * k];
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      int li = labels[i];
      int ri = i * k;
      for (int j = i + 1; j < n; j++) {
        double dij = Math.sqrt(squared(xi, x[j]));
        sum[ri + labels[j]] += dij;
        sum[j * k + li] += dij;
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      int own = labels[i];
      if (size[own] <= 1) {
        continue;
      }
      int ri = i * k;
      double a = sum[ri + own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sum[ri + c] / size[c]);
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

  static double squared(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      s += d * d;
    }
    return s;
  }
}
