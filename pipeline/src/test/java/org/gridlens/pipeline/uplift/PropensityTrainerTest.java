package org.gridlens.pipeline.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PropensityTrainerTest {

  private static final List<String> FEATURES = List.of("data_volume_mb", "sms_count", "tenure_months");

  /** Adoption driven by data volume only; sms_count is noise; tenure is unknown for some. */
  private static Object[] sample(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    int[] y = new int[n];
    boolean[] test = new boolean[n];
    for (int i = 0; i < n; i++) {
      double data = Math.exp(6 + r.nextGaussian());
      double sms = r.nextInt(100);
      double tenure = r.nextInt(10) == 0 ? Double.NaN : r.nextInt(120);
      x[i] = new double[] {data, sms, tenure};
      double logit = 2.5 * (Math.log(data) - 6);
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      test[i] = i % 4 == 0;
    }
    return new Object[] {x, y, test};
  }

  @Test
  void aRealSignalGivesAHighHeldOutAucAndRanksCustomersByIt() {
    Object[] s = sample(4000, 7);
    PropensityTrainer.Fit fit = new PropensityTrainer(0.5, 20)
        .fit("video_vip", FEATURES, (double[][]) s[0], (int[]) s[1], (boolean[]) s[2]);
    assertTrue(fit.auc() > 0.8, "AUC " + fit.auc());
    assertEquals(3000, fit.trainRows());
    PropensityModel m = fit.model();
    assertTrue(m.coefficients()[0] > 1, "data volume drives adoption: " + m.coefficients()[0]);
    assertTrue(Math.abs(m.coefficients()[1]) < 0.2, "sms is noise: " + m.coefficients()[1]);
    double heavy = m.probability(new double[] {5000, 50, Double.NaN});
    double light = m.probability(new double[] {50, 50, Double.NaN});
    assertTrue(heavy > 0.9 && light < 0.1, heavy + " " + light);
    assertEquals("data_volume_mb", m.topPushes(new double[] {5000, 50, 60}, 3).get(0).feature());
    assertTrue(m.topPushes(new double[] {50, 50, 60}, 3).stream().noneMatch(p -> p.feature().equals("data_volume_mb")),
        "a light user's reasons never cite data volume");
  }

  @Test
  void ourScoringEqualsSmilesPosteriorOnTheStandardisedInputs() {
    Object[] s = sample(800, 3);
    PropensityTrainer.Fit fit = new PropensityTrainer(0.5, 20)
        .fit("video_vip", FEATURES, (double[][]) s[0], (int[]) s[1], (boolean[]) s[2]);
    double[] raw = {1234, 7, Double.NaN};
    double[] post = new double[2];
    fit.smile().predict(fit.model().standardise(raw), post);
    assertEquals(post[1], fit.model().probability(raw), 1e-9);
  }

  @Test
  void tooFewAdoptersFallBackToTheBaseRate() {
    Object[] s = sample(400, 5);
    int[] y = new int[400];
    y[1] = 1;
    PropensityTrainer.Fit fit = new PropensityTrainer(0.5, 20)
        .fit("game_pass", FEATURES, (double[][]) s[0], y, (boolean[]) s[2]);
    assertNull(fit.smile());
    assertEquals((1 + 0.5) / 301.0, fit.model().probability(new double[] {1, 2, 3}), 1e-9);
    assertTrue(fit.model().topPushes(new double[] {1e6, 2, 3}, 3).isEmpty());
  }

  @Test
  void theSameDataGivesTheSameModel() {
    Object[] s = sample(600, 11);
    PropensityTrainer t = new PropensityTrainer(0.5, 20);
    PropensityModel a = t.fit("o", FEATURES, (double[][]) s[0], (int[]) s[1], (boolean[]) s[2]).model();
    PropensityModel b = t.fit("o", FEATURES, (double[][]) s[0], (int[]) s[1], (boolean[]) s[2]).model();
    assertEquals(java.util.Arrays.toString(a.coefficients()), java.util.Arrays.toString(b.coefficients()));
  }
}
