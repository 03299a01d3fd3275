package org.gridlens.pipeline.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scoring maths, free of Spark: normalises each indicator across the grids of one level,
 * orients it so that higher is better, and combines the weighted indicators into a 0..100 score,
 * a rank and the indicators that raise / lower the score most. See docs/scoring.md.
 *
 * <p>Weights are relative: each grid's score divides by the sum of the weights of the indicators
 * it has a value for, so weights need not sum to 1 and a grid missing an indicator (households
 * unknown, no complaints) is scored on the others instead of being pulled to 0 or 0.5.
 */
public final class CompetitivenessScorer implements Serializable {

  private static final long serialVersionUID = 1L;
  /** Scores closer than this count as tied when ranking (floating-point noise). */
  private static final double TIE = 1e-9;

  private final List<Indicator> indicators;
  private final double[] weights;
  private final Normalisation normalisation;
  private final int explainTop;

  /** One grid's result, aligned with the scorer's indicators. */
  public record Scored(
      String gridId, double[] normalised, double[] contributions, double score, int rank,
      List<String> strengths, List<String> weaknesses) {}

  /**
   * @param weights one per indicator, ≥ 0 (0 = reported, not scored); at least one positive
   */
  public CompetitivenessScorer(
      List<Indicator> indicators, double[] weights, Normalisation normalisation, int explainTop) {
    if (weights.length != indicators.size()) {
      throw new IllegalArgumentException(
          "weights: " + weights.length + " values for " + indicators.size() + " indicators");
    }
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight of " + indicators.get(i).id() + " must be a finite number ≥ 0, got " + weights[i]);
      }
      sum += weights[i];
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("at least one indicator needs a weight above 0");
    }
    this.indicators = List.copyOf(indicators);
    this.weights = weights.clone();
    this.normalisation = normalisation;
    this.explainTop = explainTop;
  }

  public List<Indicator> indicators() {
    return indicators;
  }

  /**
   * Scores the grids of one level. {@code raw[g][i]} is grid g's value of indicator i, NaN when
   * unknown. Results come back in input order.
   */
  public List<Scored> score(List<String> gridIds, double[][] raw) {
    int n = gridIds.size();
    int k = indicators.size();
    double[][] norm = new double[n][k];
    for (int i = 0; i < k; i++) {
      double[] column = new double[n];
      for (int g = 0; g < n; g++) {
        if (raw[g].length != k) {
          throw new IllegalArgumentException("grid " + gridIds.get(g) + ": expected " + k + " values");
        }
        column[g] = raw[g][i];
      }
      double[] ni = normalisation.apply(column);
      for (int g = 0; g < n; g++) {
        norm[g][i] = Double.isNaN(ni[g]) || indicators.get(i).higherIsBetter() ? ni[g] : 1 - ni[g];
      }
    }
    double[] scores = new double[n];
    double[][] contributions = new double[n][];
    for (int g = 0; g < n; g++) {
      double wsum = 0;
      for (int i = 0; i < k; i++) {
        if (!Double.isNaN(norm[g][i])) {
          wsum += weights[i];
        }
      }
      double[] c = new double[k];
      double s = 0;
      for (int i = 0; i < k; i++) {
        boolean used = wsum > 0 && weights[i] > 0 && !Double.isNaN(norm[g][i]);
        c[i] = used ? weights[i] / wsum * (norm[g][i] - 0.5) * 100 : 0;
        s += used ? weights[i] / wsum * norm[g][i] * 100 : 0;
      }
      // a grid with no scored indicator at all sits in the neutral middle
      scores[g] = wsum > 0 ? s : 50;
      contributions[g] = c;
    }
    List<Scored> out = new ArrayList<>(n);
    for (int g = 0; g < n; g++) {
      int rank = 1;
      for (int h = 0; h < n; h++) {
        if (scores[h] > scores[g] + TIE) {
          rank++;
        }
      }
      out.add(new Scored(gridIds.get(g), norm[g], contributions[g], scores[g], rank,
          explain(contributions[g], true), explain(contributions[g], false)));
    }
    return out;
  }

  /** Ids of the indicators that push the score up (or down) most, strongest first. */
  private List<String> explain(double[] c, boolean up) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < c.length; i++) {
      if (up ? c[i] > TIE : c[i] < -TIE) {
        idx.add(i);
      }
    }
    // ties keep indicator order (stable sort), so the output is deterministic
    idx.sort(Comparator.comparingDouble(i -> up ? -c[i] : c[i]));
    List<String> ids = new ArrayList<>();
    for (int j = 0; j < Math.min(explainTop, idx.size()); j++) {
      ids.add(indicators.get(idx.get(j)).id());
    }
    return ids;
  }
}
