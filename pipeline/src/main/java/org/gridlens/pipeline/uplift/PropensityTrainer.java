package org.gridlens.pipeline.uplift;

import java.util.Arrays;
import java.util.List;
import smile.classification.LogisticRegression;
import smile.validation.metric.AUC;

/**
 * Fits one offer's propensity model with Smile's L2-regularised logistic regression on the
 * training part of a sample, and measures its AUC on the held-out part. Plain Java, no Spark.
 *
 * <p>Why logistic regression rather than gradient boosted trees: the expected gain multiplies the
 * propensity by a price, so it must be a calibrated probability, which a log-loss fit gives
 * directly; its log-odds is a sum of per-feature terms, so the reason codes (coefficient ×
 * standardised value) are exact rather than approximations; and the fitted model is a handful of
 * numbers that audit can read and Spark can broadcast. The uplift features are mostly monotone
 * usage intensities where trees gain little.
 */
public final class PropensityTrainer {

  private final double lambda;
  private final int minClassRows;

  public PropensityTrainer(double lambda, int minClassRows) {
    this.lambda = lambda;
    this.minClassRows = minClassRows;
  }

  /**
   * The fitted model and its evaluation.
   *
   * @param smile the Smile model (null when a class was too small and the base rate is used)
   * @param auc held-out AUC, NaN when the test part lacks a class
   */
  public record Fit(PropensityModel model, LogisticRegression smile, double auc, int trainRows,
      int testRows, int positives, int negatives) {}

  /**
   * @param x raw feature values, NaN = unknown
   * @param y 1 = adopter, 0 = eligible non-adopter
   * @param test true for held-out rows
   */
  public Fit fit(String offerId, List<String> features, double[][] x, int[] y, boolean[] test) {
    int p = features.size();
    int nTrain = 0;
    int pos = 0;
    for (int i = 0; i < x.length; i++) {
      if (!test[i]) {
        nTrain++;
        pos += y[i];
      }
    }
    double[][] train = new double[nTrain][];
    int[] yTrain = new int[nTrain];
    int t = 0;
    for (int i = 0; i < x.length; i++) {
      if (!test[i]) {
        train[t] = x[i];
        yTrain[t++] = y[i];
      }
    }
    double[] medians = new double[p];
    double[] means = new double[p];
    double[] sds = new double[p];
    for (int j = 0; j < p; j++) {
      final int jj = j;
      double[] col = Arrays.stream(train).mapToDouble(r -> r[jj]).filter(v -> !Double.isNaN(v)).sorted().toArray();
      medians[j] = col.length == 0 ? 0 : col.length % 2 == 1 ? col[col.length / 2]
          : (col[col.length / 2 - 1] + col[col.length / 2]) / 2;
      double s = 0;
      double ss = 0;
      for (double[] r : train) {
        double v = PropensityModel.compress(Double.isNaN(r[j]) ? medians[j] : r[j]);
        s += v;
        ss += v * v;
      }
      means[j] = nTrain == 0 ? 0 : s / nTrain;
      double var = nTrain == 0 ? 0 : ss / nTrain - means[j] * means[j];
      sds[j] = var > 1e-12 ? Math.sqrt(var) : 0;
    }
    PropensityModel scaler = new PropensityModel(offerId, List.copyOf(features), medians, means, sds, new double[p], 0);
    int neg = nTrain - pos;
    PropensityModel model;
    LogisticRegression smile = null;
    if (pos < minClassRows || neg < minClassRows) {
      // too few of one class to learn from: everybody gets the (smoothed) base rate
      double rate = (pos + 0.5) / (nTrain + 1.0);
      model = new PropensityModel(offerId, List.copyOf(features), medians, means, sds, new double[p],
          Math.log(rate / (1 - rate)));
    } else {
      double[][] z = new double[nTrain][];
      for (int i = 0; i < nTrain; i++) {
        z[i] = scaler.standardise(train[i]);
      }
      LogisticRegression.Binomial lr = LogisticRegression.binomial(z, yTrain, lambda, 1e-6, 500);
      double[] w = lr.coefficients();
      // Smile keeps the intercept last
      model = new PropensityModel(offerId, List.copyOf(features), medians, means, sds,
          Arrays.copyOf(w, p), w[p]);
      smile = lr;
    }
    int nTest = x.length - nTrain;
    int[] yTest = new int[nTest];
    double[] prob = new double[nTest];
    int k = 0;
    int testPos = 0;
    for (int i = 0; i < x.length; i++) {
      if (test[i]) {
        yTest[k] = y[i];
        testPos += y[i];
        prob[k++] = model.probability(x[i]);
      }
    }
    double auc = testPos == 0 || testPos == nTest ? Double.NaN : AUC.of(yTest, prob);
    return new Fit(model, smile, auc, nTrain, nTest, pos, neg);
  }
}
