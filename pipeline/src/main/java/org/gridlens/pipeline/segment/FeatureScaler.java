package org.gridlens.pipeline.segment;

import java.util.Arrays;

/**
 * Turns one fit unit's raw feature values into the space k-means works in: nulls (NaN) imputed
 * with the unit's median (the city mean when the whole unit lacks the feature), heavy-tailed
 * features compressed with sign(x)·log1p(|x|), then every feature centred and scaled (median/IQR
 * or mean/sd) with statistics of the unit's fit rows only, so a grid's segments are relative to
 * the grid itself.
 */
final class FeatureScaler {

  private final double[] fill;
  private final boolean[] logged;
  private final double[] center;
  private final double[] scale;

  private FeatureScaler(double[] fill, boolean[] logged, double[] center, double[] scale) {
    this.fill = fill;
    this.logged = logged;
    this.center = center;
    this.scale = scale;
  }

  /**
   * Learns imputation and scaling from {@code fitRows} (raw values, NaN = null).
   *
   * @param cityFallback per feature, the value used when every fit row lacks it
   */
  static FeatureScaler learn(
      double[][] fitRows, boolean[] logged, SegmentConfig.Scaling scaling, double[] cityFallback) {
    int d = logged.length;
    double[] fill = new double[d];
    double[] center = new double[d];
    double[] scale = new double[d];
    double[] col = new double[fitRows.length];
    for (int j = 0; j < d; j++) {
      int m = 0;
      for (double[] r : fitRows) {
        if (!Double.isNaN(r[j])) {
          col[m++] = r[j];
        }
      }
      double[] present = Arrays.copyOf(col, m);
      Arrays.sort(present);
      double f = m == 0 ? (Double.isNaN(cityFallback[j]) ? 0.0 : cityFallback[j]) : quantile(present, 0.5);
      fill[j] = f;
      double[] t = new double[fitRows.length];
      for (int i = 0; i < fitRows.length; i++) {
        double v = Double.isNaN(fitRows[i][j]) ? f : fitRows[i][j];
        t[i] = logged[j] ? signedLog1p(v) : v;
      }
      Arrays.sort(t);
      double mean = 0;
      for (double v : t) {
        mean += v;
      }
      mean = t.length == 0 ? 0 : mean / t.length;
      double var = 0;
      for (double v : t) {
        var += (v - mean) * (v - mean);
      }
      double sd = t.length < 2 ? 0 : Math.sqrt(var / (t.length - 1));
      if (scaling == SegmentConfig.Scaling.ROBUST) {
        center[j] = t.length == 0 ? 0 : quantile(t, 0.5);
        double iqr = t.length == 0 ? 0 : quantile(t, 0.75) - quantile(t, 0.25);
        scale[j] = iqr > 1e-12 ? iqr : (sd > 1e-12 ? sd : 1.0);
      } else {
        center[j] = mean;
        scale[j] = sd > 1e-12 ? sd : 1.0;
      }
    }
    return new FeatureScaler(fill, logged, center, scale);
  }

  /** Raw value with nulls imputed (original units). */
  double[] impute(double[] raw) {
    double[] out = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      out[j] = Double.isNaN(raw[j]) ? fill[j] : raw[j];
    }
    return out;
  }

  /** Imputed, transformed and scaled point. */
  double[] transform(double[] raw) {
    double[] out = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      double v = Double.isNaN(raw[j]) ? fill[j] : raw[j];
      if (logged[j]) {
        v = signedLog1p(v);
      }
      out[j] = (v - center[j]) / scale[j];
    }
    return out;
  }

  static double signedLog1p(double v) {
    return Math.signum(v) * Math.log1p(Math.abs(v));
  }

  /** Linear-interpolation quantile of sorted values (type 7, as R and numpy default). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
