package org.gridlens.pipeline.generate;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from (seed, stream, index) so every value of the synthetic
 * city depends only on the options and the entity it belongs to, never on how work is scheduled.
 */
final class Seeds {

  /** Stream ids: one per kind of entity, so adding draws to one never shifts another. */
  static final long LAYOUT = 1;
  static final long CUSTOMER = 2;
  static final long DIRT = 3;
  static final long CELL_DIRT = 4;
  static final long ACTIVITY = 5;

  private Seeds() {}

  /** A generator for one entity of one stream. */
  static SplittableRandom random(long seed, long stream, long index) {
    return new SplittableRandom(mix(mix(mix(seed) ^ stream * 0x9E3779B97F4A7C15L) + index));
  }

  /** SplitMix64 finaliser: a bijective, well-mixing 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Log-normal draw with the given median and log-scale sigma. */
  static double logNormal(SplittableRandom r, double median, double sigma) {
    return median * Math.exp(sigma * r.nextGaussian());
  }

  /** Poisson draw (Knuth for small means, rounded normal for large). */
  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = r.nextDouble();
    while (p > l) {
      k++;
      p *= r.nextDouble();
    }
    return k;
  }

  /** Index drawn from non-negative weights. */
  static int pick(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
