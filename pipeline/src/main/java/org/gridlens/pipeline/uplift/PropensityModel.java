package org.gridlens.pipeline.uplift;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fitted propensity model in plain numbers: the single source of truth for scoring a customer
 * (on the driver for the held-out AUC, inside Spark for everybody). Inputs are raw customer-view
 * values (NaN = unknown); each is imputed with the training median, compressed with
 * sign(x)·log(1+|x|) (counts, minutes and yuan are heavy-tailed), standardised with the training
 * mean and standard deviation and clipped to ±5, then fed to the logistic regression.
 * Coefficients are on the standardised scale (0 for a constant feature); the intercept is the
 * log-odds of a customer at every training mean.
 */
public final class PropensityModel implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final double CLIP = 5;

  // plain arrays and no record: the models are broadcast with Kryo, which cannot build records
  private final String offerId;
  private final String[] features;
  private final double[] medians;
  private final double[] means;
  private final double[] sds;
  private final double[] coefficients;
  private final double intercept;

  public PropensityModel(String offerId, List<String> features, double[] medians, double[] means,
      double[] sds, double[] coefficients, double intercept) {
    this.offerId = offerId;
    this.features = features.toArray(new String[0]);
    this.medians = medians.clone();
    this.means = means.clone();
    this.sds = sds.clone();
    this.coefficients = coefficients.clone();
    this.intercept = intercept;
  }

  public String offerId() {
    return offerId;
  }

  public List<String> features() {
    return List.of(features);
  }

  public double[] medians() {
    return medians.clone();
  }

  public double[] means() {
    return means.clone();
  }

  public double[] sds() {
    return sds.clone();
  }

  public double[] coefficients() {
    return coefficients.clone();
  }

  public double intercept() {
    return intercept;
  }


  /** One feature's push on the log-odds: coefficient × standardised value. */
  public record Push(String feature, double contribution, double z) {}

  /** The standardised inputs of one customer. */
  public double[] standardise(double[] raw) {
    double[] z = new double[features.length];
    for (int i = 0; i < z.length; i++) {
      double x = Double.isNaN(raw[i]) ? medians[i] : raw[i];
      double t = compress(x);
      double v = sds[i] > 0 ? (t - means[i]) / sds[i] : 0;
      z[i] = Math.max(-CLIP, Math.min(CLIP, v));
    }
    return z;
  }

  /** sign(x)·log(1+|x|): monotone, keeps 0 at 0 and shares nearly linear. */
  public static double compress(double x) {
    return Math.signum(x) * Math.log1p(Math.abs(x));
  }

  public double probability(double[] raw) {
    double[] z = standardise(raw);
    double eta = intercept;
    for (int i = 0; i < z.length; i++) {
      eta += coefficients[i] * z[i];
    }
    return 1 / (1 + Math.exp(-eta));
  }

  /** The features that raise this customer's propensity most (positive pushes only), strongest first. */
  public List<Push> topPushes(double[] raw, int k) {
    double[] z = standardise(raw);
    List<Push> p = new ArrayList<>();
    for (int i = 0; i < z.length; i++) {
      double c = coefficients[i] * z[i];
      if (c > 1e-9) {
        p.add(new Push(features[i], c, z[i]));
      }
    }
    // ties keep feature order (stable sort)
    p.sort(Comparator.comparingDouble((Push x) -> -x.contribution()));
    return p.subList(0, Math.min(k, p.size()));
  }
}
