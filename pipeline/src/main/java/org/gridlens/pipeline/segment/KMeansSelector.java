package org.gridlens.pipeline.segment;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import smile.clustering.BBDTree;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Fits k-means (Smile) to one fit unit's scaled points: for every k in [k_min, k_max] the best of
 * {@code restarts} seeded k-means++ runs (lowest distortion), then the k with the highest
 * Calinski–Harabasz index (or mean silhouette on a fixed sample, {@code segment.k_selection});
 * ties go to the smaller k. Every run is seeded from the configured seed,
 * the unit key, k and the run number through {@code MathEx.setSeed}, which seeds the calling
 * thread's generator that Smile's k-means++ draws from, so a fit is reproducible on any executor.
 */
final class KMeansSelector {

  /** The chosen model; {@code silhouette} is NaN here (the caller computes it for the chosen k). */
  record Fit(int k, double[][] centroids, int[] labels, double distortion, double silhouette) {}

  private KMeansSelector() {}

  /**
   * @param x scaled fit points, in a deterministic order
   * @param sample indices into {@code x} the silhouette is computed on
   */
  static Fit fit(double[][] x, int[] sample, SegmentConfig cfg, long unitSeed) {
    int distinct = distinctCount(x, cfg.kMax() + 1);
    int kHi = Math.min(cfg.kMax(), distinct);
    int kLo = Math.min(cfg.kMin(), kHi);
    if (kHi <= 1) {
      return single(x);
    }
    BBDTree tree = new BBDTree(x);
    double[][] xs = new double[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      xs[i] = x[sample[i]];
    }
    Fit best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = kLo; k <= kHi; k++) {
      KMeans model = bestOf(tree, x, k, cfg, unitSeed);
      double score =
          kLo == kHi
              ? 0
              : cfg.kSelection() == SegmentConfig.KSelection.SILHOUETTE
                  ? silhouette(xs, sample, model)
                  : calinskiHarabasz(x, model);
      if (best == null || score > bestScore + 1e-12) {
        best = new Fit(model.k, model.centroids, model.y, model.distortion, Double.NaN);
        bestScore = score;
      }
    }
    return best;
  }

  private static double silhouette(double[][] xs, int[] sample, KMeans model) {
    int[] ls = new int[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ls[i] = model.y[sample[i]];
    }
    return Silhouette.mean(xs, ls, model.k);
  }

  /**
   * Calinski–Harabasz variance ratio: (between SS / (k − 1)) / (within SS / (n − k)); larger is
   * better. O(n·d), so every candidate k is scored on all fit points.
   */
  static double calinskiHarabasz(double[][] x, KMeans model) {
    int n = x.length;
    int k = model.k;
    if (n <= k || k < 2) {
      return Double.NEGATIVE_INFINITY;
    }
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] p : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += p[j] / n;
      }
    }
    double within = 0;
    for (int i = 0; i < n; i++) {
      within += Silhouette.squared(x[i], model.centroids[model.y[i]]);
    }
    double between = 0;
    for (int c = 0; c < k; c++) {
      between += model.size[c] * Silhouette.squared(model.centroids[c], mean);
    }
    if (within <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return (between / (k - 1)) / (within / (n - k));
  }

  /** Best (lowest distortion) of the configured number of seeded runs at one k. */
  static KMeans bestOf(BBDTree tree, double[][] x, int k, SegmentConfig cfg, long unitSeed) {
    KMeans best = null;
    for (int r = 0; r < cfg.restarts(); r++) {
      MathEx.setSeed(runSeed(unitSeed, k, r));
      KMeans m = KMeans.fit(tree, x, k, cfg.maxIter(), cfg.tolerance());
      if (best == null || m.distortion < best.distortion) {
        best = m;
      }
    }
    return best;
  }

  /** SplitMix64-style mixing, so nearby (unit, k, run) triples get unrelated seeds. */
  static long runSeed(long unitSeed, int k, int run) {
    long z = unitSeed + 0x9E3779B97F4A7C15L * (31L * k + run + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Seed of a fit unit: configured seed mixed with a stable hash of the unit key. */
  static long unitSeed(long seed, String unitKey) {
    long h = 1125899906842597L;
    for (int i = 0; i < unitKey.length(); i++) {
      h = 31 * h + unitKey.charAt(i);
    }
    return runSeed(seed ^ h, 0, 0);
  }

  private static Fit single(double[][] x) {
    int d = x.length == 0 ? 0 : x[0].length;
    double[] c = new double[d];
    for (double[] p : x) {
      for (int j = 0; j < d; j++) {
        c[j] += p[j] / x.length;
      }
    }
    double dist = 0;
    for (double[] p : x) {
      dist += Silhouette.squared(p, c);
    }
    return new Fit(1, new double[][] {c}, new int[x.length], x.length == 0 ? 0 : dist / x.length, Double.NaN);
  }

  /** Number of distinct points, counting no further than {@code cap}. */
  private static int distinctCount(double[][] x, int cap) {
    Set<DoubleKey> seen = new HashSet<>();
    for (double[] p : x) {
      seen.add(new DoubleKey(p));
      if (seen.size() >= cap) {
        break;
      }
    }
    return seen.size();
  }

  private record DoubleKey(double[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof DoubleKey other && Arrays.equals(v, other.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }
}
