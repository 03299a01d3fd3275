package org.gridlens.pipeline.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.gridlens.pipeline.config.ConfigNode;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Typed configuration of the `segment` section of conf/gridlens.yaml (documented key by key there
 * and in docs/segmentation.md).
 *
 * @param features customer-view columns clustered, in this order (also the centroid columns)
 * @param log1p the subset of {@code features} transformed with sign(x)·log1p(|x|) before scaling
 * @param orderBy features whose descending centroid values order segment ids within a grid
 * @param scaling per-fit-unit scaling of the transformed features
 * @param kSelection criterion choosing k per fit unit
 * @param kMin smallest number of segments per grid
 * @param kMax largest number of segments per grid
 * @param restarts k-means++ restarts per candidate k; the lowest distortion is kept
 * @param maxIter Lloyd iterations per k-means run
 * @param tolerance relative distortion change that stops k-means
 * @param minCustomers grids with fewer customers borrow the model of their main grid or the city
 * @param maxFitCustomers fit units above this are fitted on a deterministic hash sample of this size
 * @param silhouetteSample points (deterministic hash sample) the silhouette of each candidate k is
 *     computed on
 * @param labelMinLift smallest centroid/average ratio (vs grid and city) that makes a label rule fire
 * @param seed base seed; every k-means run is seeded from it, the fit unit and the run number
 */
public record SegmentConfig(
    List<String> features,
    List<String> log1p,
    List<String> orderBy,
    Scaling scaling,
    KSelection kSelection,
    int kMin,
    int kMax,
    int restarts,
    int maxIter,
    double tolerance,
    int minCustomers,
    int maxFitCustomers,
    int silhouetteSample,
    double labelMinLift,
    long seed)
    implements Serializable {

  /** How transformed features are centred and scaled within a fit unit. */
  public enum Scaling {
    /**
     * (x − median) / IQR; IQR 0 falls back to the standard deviation, then to 1. Over-weights
     * features that only a minority archetype uses (tiny IQR): see docs/segmentation.md.
     */
    ROBUST,
    /** (x − mean) / standard deviation; 0 falls back to 1. */
    ZSCORE
  }

  /** How k is chosen within [k_min, k_max]. */
  public enum KSelection {
    /** Highest Calinski–Harabasz variance ratio over all fit points. */
    CALINSKI_HARABASZ,
    /** Highest mean silhouette on the silhouette sample. */
    SILHOUETTE
  }

  public static final List<String> DEFAULT_FEATURES =
      List.of(
          CustomerView.ARPU,
          CustomerView.DATA_VOLUME_MB,
          CustomerView.MO_MINUTES,
          CustomerView.AGE_YEARS,
          CustomerView.ROAMING_SHARE,
          CustomerView.DISTINCT_CELLS,
          CustomerView.COMPLAINTS,
          CustomerView.LATE_PAYMENTS,
          CustomerView.vasUsage("video"),
          CustomerView.vasUsage("music"));

  public static final List<String> DEFAULT_LOG1P =
      List.of(
          CustomerView.ARPU,
          CustomerView.DATA_VOLUME_MB,
          CustomerView.MO_MINUTES,
          CustomerView.DISTINCT_CELLS,
          CustomerView.COMPLAINTS,
          CustomerView.LATE_PAYMENTS,
          CustomerView.vasUsage("video"),
          CustomerView.vasUsage("music"));

  public SegmentConfig {
    features = List.copyOf(features);
    log1p = List.copyOf(log1p);
    orderBy = List.copyOf(orderBy);
  }

  /** The defaults of every key (an absent section). */
  public static SegmentConfig defaults() {
    return from(ConfigNode.empty("(defaults)", "segment"));
  }

  public static SegmentConfig from(ConfigNode node) {
    node.allowOnly(
        "features", "log1p", "order_by", "scaling", "k_selection", "k_min", "k_max", "restarts", "max_iter",
        "tolerance", "min_customers", "max_fit_customers", "silhouette_sample", "label_min_lift",
        "seed");
    List<String> features = node.strings("features", DEFAULT_FEATURES);
    if (features.isEmpty()) {
      throw node.error("features", "needs at least one feature");
    }
    if (new LinkedHashSet<>(features).size() != features.size()) {
      throw node.error("features", "lists a feature twice: " + features);
    }
    List<String> log1p =
        node.has("log1p") ? node.strings("log1p", List.of()) : defaultsWithin(DEFAULT_LOG1P, features);
    for (String f : log1p) {
      if (!features.contains(f)) {
        throw node.error("log1p", "'" + f + "' is not one of segment.features " + features);
      }
    }
    List<String> orderBy =
        node.has("order_by") ? node.strings("order_by", List.of()) : List.of(features.get(0));
    for (String f : orderBy) {
      if (!features.contains(f)) {
        throw node.error("order_by", "'" + f + "' is not one of segment.features " + features);
      }
    }
    Scaling scaling = node.enumValue("scaling", Scaling.class, Scaling.ZSCORE);
    KSelection kSelection = node.enumValue("k_selection", KSelection.class, KSelection.CALINSKI_HARABASZ);
    int kMin = node.integer("k_min", 3, 2, 50);
    int kMax = node.integer("k_max", 8, 2, 50);
    if (kMax < kMin) {
      throw node.error("k_max", "must be at least k_min (" + kMin + "), got " + kMax);
    }
    int restarts = node.integer("restarts", 8, 1, 100);
    int maxIter = node.integer("max_iter", 100, 1, 10_000);
    double tolerance = node.number("tolerance", 1e-4, 0, 1);
    int minCustomers = node.integer("min_customers", 100, 2, 1_000_000);
    int maxFitCustomers = node.integer("max_fit_customers", 20_000, 10, 10_000_000);
    if (maxFitCustomers < minCustomers) {
      throw node.error(
          "max_fit_customers", "must be at least min_customers (" + minCustomers + "), got " + maxFitCustomers);
    }
    int silhouetteSample = node.integer("silhouette_sample", 400, 10, 100_000);
    double labelMinLift = node.number("label_min_lift", 1.25, 1.0, 100);
    long seed = node.integer("seed", 20261031, 0, Integer.MAX_VALUE);
    return new SegmentConfig(
        features, log1p, orderBy, scaling, kSelection, kMin, kMax, restarts, maxIter, tolerance, minCustomers,
        maxFitCustomers, silhouetteSample, labelMinLift, seed);
  }

  private static List<String> defaultsWithin(List<String> defaults, List<String> features) {
    List<String> out = new ArrayList<>();
    for (String f : defaults) {
      if (features.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Copy with another k range (benchmarks and tests fixing k). */
  public SegmentConfig withK(int min, int max) {
    return new SegmentConfig(
        features, log1p, orderBy, scaling, kSelection, min, max, restarts, maxIter, tolerance, minCustomers,
        maxFitCustomers, silhouetteSample, labelMinLift, seed);
  }

  /** Copy with another number of restarts. */
  public SegmentConfig withRestarts(int n) {
    return new SegmentConfig(
        features, log1p, orderBy, scaling, kSelection, kMin, kMax, n, maxIter, tolerance, minCustomers,
        maxFitCustomers, silhouetteSample, labelMinLift, seed);
  }

  /** Copy with other feature lists. */
  public SegmentConfig withFeatures(List<String> f, List<String> logged, List<String> order) {
    return new SegmentConfig(
        f, logged, order, scaling, kSelection, kMin, kMax, restarts, maxIter, tolerance, minCustomers,
        maxFitCustomers, silhouetteSample, labelMinLift, seed);
  }

  /** Copy with other small/large grid thresholds. */
  public SegmentConfig withSizes(int min, int maxFit) {
    return new SegmentConfig(
        features, log1p, orderBy, scaling, kSelection, kMin, kMax, restarts, maxIter, tolerance, min, maxFit,
        silhouetteSample, labelMinLift, seed);
  }

  /** Copy with another scaling. */
  public SegmentConfig withScaling(Scaling s) {
    return new SegmentConfig(
        features, log1p, orderBy, s, kSelection, kMin, kMax, restarts, maxIter, tolerance, minCustomers,
        maxFitCustomers, silhouetteSample, labelMinLift, seed);
  }
}
