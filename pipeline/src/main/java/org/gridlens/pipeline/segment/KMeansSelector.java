package org.gridlens.pipeline.segment;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import smile.clustering.BBDTree;
import smile.clustering.KMeans;
import smile.math.MathEx;

/**
 * Fits k-means (Smile) to one fit unit's scaled points: for every k in [k_min, k_max] the best of
 * {@code selection_restarts} seeded k-means++ runs (lowest distortion), then the k with the
 * highest Calinski–Harabasz index (or mean silhouette on a fixed sample, {@code
 * segment.k_selection}; ties go to the smaller k), then the chosen k's remaining runs up to
 * {@code restarts}, the lowest distortion kept. The chosen k's selection runs are its first
 * restarts (same seeds), so they are reused, not refitted: 6 × 4 + 4 = 28 runs per unit with the
 * defaults. Every run is seeded from the configured seed, the unit key, k and the run number
 * ({@link #runSeed}); the run is Smile's k-means (k-means++ seeding, then Lloyd iterations on a
 * {@link BBDTree}) as {@code KMeans.fit} computes it after {@code MathEx.setSeed(runSeed)}, bit
 * for bit, through a leaner driver ({@link #kmeans}, {@link SmileDraws}), so a fit is
 * reproducible on any executor and thread.
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
    SmileDraws rng = new SmileDraws();
    double[][] xs = new double[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      xs[i] = x[sample[i]];
    }
    KMeans best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int probe = kLo == kHi ? cfg.restarts() : Math.min(cfg.selectionRestarts(), cfg.restarts());
    for (int k = kLo; k <= kHi; k++) {
      KMeans model = bestOf(tree, x, k, cfg, unitSeed, 0, probe, rng);
      double score =
          kLo == kHi
              ? 0
              : cfg.kSelection() == SegmentConfig.KSelection.SILHOUETTE
                  ? silhouette(xs, sample, model)
                  : calinskiHarabasz(x, model);
      if (best == null || score > bestScore + 1e-12) {
        best = model;
        bestScore = score;
      }
    }
    // the chosen k gets the remaining restarts; runs 0..probe-1 are the ones already done
    if (probe < cfg.restarts()) {
      KMeans more = bestOf(tree, x, best.k, cfg, unitSeed, probe, cfg.restarts(), rng);
      if (more.distortion < best.distortion) {
        best = more;
      }
    }
    return new Fit(best.k, best.centroids, best.y, best.distortion, Double.NaN);
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

  /** Best (lowest distortion) of the seeded runs {@code from..to-1} at one k. */
  static KMeans bestOf(
      BBDTree tree, double[][] x, int k, SegmentConfig cfg, long unitSeed, int from, int to, SmileDraws rng) {
    KMeans best = null;
    for (int r = from; r < to; r++) {
      rng.setSeed(runSeed(unitSeed, k, r));
      KMeans m = kmeans(tree, x, k, cfg.maxIter(), cfg.tolerance(), rng);
      if (best == null || m.distortion < best.distortion) {
        best = m;
      }
    }
    return best;
  }

  /**
   * The same computation as Smile 3.1.1's {@code KMeans.fit(BBDTree, double[][], int, int,
   * double)} run after {@code MathEx.setSeed(s)}, given {@code rng} seeded with the same s —
   * k-means++ seeding (one {@code randomInt}, then one {@code random} per further centroid, drawn
   * from {@code rng}, which draws what MathEx's per-thread generator would), centroids of the seeded
   * partition, then Lloyd iterations through {@link BBDTree#clustering} until the distortion
   * improves by no more than {@code tol} — with bit-identical results, minus two costs that
   * Smile's version pays on every call: a {@code String.format} of the distortion for an INFO
   * log line per iteration (built even when the log level drops it) and parallel streams over
   * the points (one per seeded centroid), which inside a Spark task hand tiny pieces of work to
   * the JVM-wide fork/join pool. Every value is computed in the same order as in Smile (per
   * point, or per centroid in point order), so the parallel and sequential runs agree exactly;
   * {@code KMeansSelectorTest} checks this against {@code KMeans.fit} on every supported k.
   */
  static KMeans kmeans(BBDTree tree, double[][] x, int k, int maxIter, double tol, SmileDraws rng) {
    if (k < 2) {
      throw new IllegalArgumentException("Invalid number of clusters: " + k);
    }
    if (maxIter <= 0) {
      throw new IllegalArgumentException("Invalid maximum number of iterations: " + maxIter);
    }
    int n = x.length;
    int d = x[0].length;
    int[] y = new int[n];
    // k-means++ seeding (PartitionClustering.seed): nearest seeded centroid and its squared
    // distance per point; the next centroid is drawn with probability proportional to it
    double[] dist = new double[n];
    Arrays.fill(dist, Double.MAX_VALUE);
    double[] medoid = x[rng.nextInt(n)];
    for (int j = 1; j <= k; j++) {
      int c = j - 1;
      for (int i = 0; i < n; i++) {
        double dd = MathEx.squaredDistance(x[i], medoid);
        if (dd < dist[i]) {
          dist[i] = dd;
          y[i] = c;
        }
      }
      if (j < k) {
        double cost = 0.0;
        double cutoff = rng.nextDouble() * MathEx.sum(dist);
        for (int i = 0; i < n; i++) {
          cost += dist[i];
          if (cost >= cutoff) {
            medoid = x[i];
            break;
          }
        }
      }
    }
    double distortion = MathEx.sum(dist);
    // centroids of the seeded partition (CentroidClustering.updateCentroids): per centroid, its
    // points summed in point order, then divided by their count
    int[] size = new int[k];
    double[][] centroids = new double[k][d];
    for (int i = 0; i < n; i++) {
      int c = y[i];
      size[c]++;
      double[] sum = centroids[c];
      double[] p = x[i];
      for (int j = 0; j < d; j++) {
        sum[j] += p[j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        centroids[c][j] /= size[c];
      }
    }
    double[][] sums = new double[k][d];
    double diff = Double.MAX_VALUE;
    for (int iter = 1; iter <= maxIter && diff > tol; iter++) {
      double wcss = tree.clustering(centroids, sums, size, y);
      diff = distortion - wcss;
      distortion = wcss;
    }
    return new KMeans(distortion, centroids, y);
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
