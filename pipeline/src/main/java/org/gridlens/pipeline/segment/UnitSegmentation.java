package org.gridlens.pipeline.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole segmentation of one fit unit (a grid, a main grid's pool or the city), Spark-free:
 * pick the fit rows, learn imputation and scaling, fit k-means with k chosen by silhouette, order
 * and label the segments, assign every member to be assigned to its nearest centroid, and profile
 * each grid of the members. Deterministic: members are sorted by customer id first, so the result
 * does not depend on how Spark delivered the rows.
 */
final class UnitSegmentation {

  /** Model scopes, as written to {@code model_scope}. */
  static final String SCOPE_GRID = "grid";
  static final String SCOPE_MAIN = "main_grid";
  static final String SCOPE_CITY = "city";

  /** One customer handed to a fit unit. {@code raw} holds NaN for nulls. */
  record Member(
      String customerId, String gridId, String mainGridId, long hash, boolean fit, boolean assign, double[] raw) {}

  /** A customer's segment. */
  record Assigned(
      String customerId, String gridId, String mainGridId, int segmentId, SegmentLabeler.Label label,
      double distance, String scope) {}

  /** One grid × segment row. */
  record Profile(
      String gridId, String mainGridId, int segmentId, long size, double share, double[] centroid,
      SegmentLabeler.Label label, int k, double silhouette, double explainedVariance, String scope) {}

  /** Everything one unit produces. */
  record Result(List<Assigned> assigned, List<Profile> profiles) {}

  private static final Comparator<Member> BY_ID =
      Comparator.comparing(Member::customerId).thenComparing(Member::gridId);
  private static final Comparator<Member> BY_HASH =
      Comparator.comparingLong(Member::hash).thenComparing(BY_ID);

  private UnitSegmentation() {}

  static Result run(
      String unitKey, String scope, List<Member> members, double[] cityMean, SegmentConfig cfg,
      SegmentLabeler labeler) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(BY_ID);
    List<Member> fitMembers = new ArrayList<>();
    for (Member m : sorted) {
      if (m.fit()) {
        fitMembers.add(m);
      }
    }
    if (fitMembers.isEmpty()) {
      fitMembers = new ArrayList<>(sorted);
    }
    if (fitMembers.size() > cfg.maxFitCustomers()) {
      // deterministic sample: the smallest hashes of the customer id, then back in id order
      fitMembers.sort(BY_HASH);
      fitMembers = new ArrayList<>(fitMembers.subList(0, cfg.maxFitCustomers()));
      fitMembers.sort(BY_ID);
    }
    int n = fitMembers.size();
    int d = cfg.features().size();
    boolean[] logged = new boolean[d];
    for (int j = 0; j < d; j++) {
      logged[j] = cfg.log1p().contains(cfg.features().get(j));
    }
    double[][] raw = new double[n][];
    for (int i = 0; i < n; i++) {
      raw[i] = fitMembers.get(i).raw();
    }
    FeatureScaler scaler = FeatureScaler.learn(raw, logged, cfg.scaling(), cityMean);
    double[][] x = new double[n][];
    double[][] imputed = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = scaler.transform(raw[i]);
      imputed[i] = scaler.impute(raw[i]);
    }
    int[] sample = silhouetteSample(fitMembers, cfg.silhouetteSample());
    KMeansSelector.Fit fit = KMeansSelector.fit(x, sample, cfg, KMeansSelector.unitSeed(cfg.seed(), unitKey));

    // segments that kept members, their original-unit centroids and the unit's mean
    int k0 = fit.k();
    double[][] sums = new double[k0][d];
    long[] fitSize = new long[k0];
    double[] unitMean = new double[d];
    for (int i = 0; i < n; i++) {
      int c = fit.labels()[i];
      fitSize[c]++;
      for (int j = 0; j < d; j++) {
        sums[c][j] += imputed[i][j];
        unitMean[j] += imputed[i][j] / n;
      }
    }
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c < k0; c++) {
      if (fitSize[c] > 0) {
        kept.add(c);
        for (int j = 0; j < d; j++) {
          sums[c][j] /= fitSize[c];
        }
      }
    }
    double[][] centroidRaw = sums;
    int[] orderFeatures = orderFeatures(cfg);
    kept.sort(
        (a, b) -> {
          for (int j : orderFeatures) {
            int cmp = Double.compare(centroidRaw[b][j], centroidRaw[a][j]);
            if (cmp != 0) {
              return cmp;
            }
          }
          int cmp = Long.compare(fitSize[b], fitSize[a]);
          return cmp != 0 ? cmp : Integer.compare(a, b);
        });
    int k = kept.size();
    double[][] centers = new double[k][];
    double[][] centersRaw = new double[k][];
    SegmentLabeler.Label[] labels = new SegmentLabeler.Label[k];
    int[] newId = new int[k0];
    for (int s = 0; s < k; s++) {
      int c = kept.get(s);
      newId[c] = s;
      centers[s] = fit.centroids()[c];
      centersRaw[s] = centroidRaw[c];
      labels[s] = labeler.label(centroidRaw[c], unitMean, cityMean);
    }

    double silhouette = fit.silhouette();
    if (Double.isNaN(silhouette) && k >= 2) {
      double[][] xs = new double[sample.length][];
      int[] ls = new int[sample.length];
      for (int i = 0; i < sample.length; i++) {
        xs[i] = x[sample[i]];
        ls[i] = newId[fit.labels()[sample[i]]];
      }
      silhouette = Silhouette.mean(xs, ls, k);
    } else if (Double.isNaN(silhouette)) {
      silhouette = 0.0;
    }
    double explained = explainedVariance(x, fit.labels(), fit.centroids());

    List<Assigned> assigned = new ArrayList<>();
    Map<String, long[]> perGrid = new TreeMap<>();
    Map<String, String> mainOf = new TreeMap<>();
    for (Member m : sorted) {
      if (!m.assign()) {
        continue;
      }
      double[] p = scaler.transform(m.raw());
      int bestS = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int s = 0; s < k; s++) {
        double dd = Silhouette.squared(p, centers[s]);
        if (dd < bestD) {
          bestD = dd;
          bestS = s;
        }
      }
      assigned.add(
          new Assigned(m.customerId(), m.gridId(), m.mainGridId(), bestS + 1, labels[bestS], Math.sqrt(bestD), scope));
      perGrid.computeIfAbsent(m.gridId(), g -> new long[k])[bestS]++;
      mainOf.putIfAbsent(m.gridId(), m.mainGridId());
    }
    List<Profile> profiles = new ArrayList<>();
    for (Map.Entry<String, long[]> e : perGrid.entrySet()) {
      long total = Arrays.stream(e.getValue()).sum();
      for (int s = 0; s < k; s++) {
        long size = e.getValue()[s];
        profiles.add(
            new Profile(
                e.getKey(), mainOf.get(e.getKey()), s + 1, size, (double) size / total, centersRaw[s], labels[s],
                k, silhouette, explained, scope));
      }
    }
    return new Result(assigned, profiles);
  }

  /** Order features: order_by first, then the other features in configured order. */
  static int[] orderFeatures(SegmentConfig cfg) {
    List<Integer> out = new ArrayList<>();
    for (String f : cfg.orderBy()) {
      out.add(cfg.features().indexOf(f));
    }
    for (int j = 0; j < cfg.features().size(); j++) {
      if (!out.contains(j)) {
        out.add(j);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Fit-row indices of the silhouette sample: smallest hashes first, at most {@code size}. */
  private static int[] silhouetteSample(List<Member> fitMembers, int size) {
    Integer[] idx = new Integer[fitMembers.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> BY_HASH.compare(fitMembers.get(a), fitMembers.get(b)));
    int m = Math.min(size, idx.length);
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      out[i] = idx[i];
    }
    Arrays.sort(out);
    return out;
  }

  /** 1 − within-segment sum of squares / total sum of squares, in the scaled space. */
  static double explainedVariance(double[][] x, int[] labels, double[][] centroids) {
    if (x.length == 0) {
      return 0;
    }
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] p : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += p[j] / x.length;
      }
    }
    double total = 0;
    double within = 0;
    for (int i = 0; i < x.length; i++) {
      total += Silhouette.squared(x[i], mean);
      within += Silhouette.squared(x[i], centroids[labels[i]]);
    }
    return total <= 0 ? 0 : 1 - within / total;
  }
}
