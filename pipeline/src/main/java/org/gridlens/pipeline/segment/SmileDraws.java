package org.gridlens.pipeline.segment;

import smile.math.random.MersenneTwister;

/**
 * The random draws k-means++ seeding takes from Smile's per-thread generator, without its cost.
 * After {@code MathEx.setSeed(seed)}, {@code MathEx.randomInt(n)} comes from a Mersenne Twister
 * and {@code MathEx.random()} from Marsaglia's universal generator (RANMAR), both seeded with
 * {@code seed}. Seeding RANMAR fills a 97-entry lag table by 2,328 steps of a lagged
 * multiplicative generator, while one k-means run draws only k − 1 doubles, which read 2(k − 1)
 * of the entries: that seeding was a tenth of the segment stage. This class draws exactly the
 * same numbers (the Twister is Smile's own class; RANMAR is re-implemented) but computes a table
 * entry only when a draw first reads it, jumping straight to its place in the seeding sequence.
 *
 * <p>The jump: the seeding's state (i, j, k) are residues 1..178 modulo the prime 179 and each
 * step appends i·j·k mod 179, so in discrete logarithms (base a primitive root) a step is the
 * linear map (a, b, c) → (b, c, a + b + c) modulo 178, and 24·n steps are a 3 × 3 matrix; the
 * other state l follows l → 53·l + 1 modulo 169, an affine map. Entry n is then the 24 bits of
 * the 24 steps from that point, summed as in Smile (0.5, 0.25, …), so every entry, and every
 * draw, is bit-identical. {@code SmileDrawsTest} compares the draws with Smile's generators.
 */
final class SmileDraws {

  private static final int P = 179;
  private static final int ORDER = P - 1;
  private static final int[] EXP = new int[ORDER];
  private static final int[] LOG = new int[P];
  /** Per lag-table entry n: log-state after 24·n steps as coefficients of the initial logs. */
  private static final int[][] JUMP = new int[97][9];
  /** Per entry n: l after 24·n steps = (L_MUL[n]·l0 + L_ADD[n]) mod 169. */
  private static final int[] L_MUL = new int[97];
  private static final int[] L_ADD = new int[97];

  static {
    int g = 2;
    while (pow(g, ORDER / 2) == 1 || pow(g, 2) == 1 || pow(g, ORDER / 89) == 1) {
      g++;
    }
    int e = 1;
    for (int x = 0; x < ORDER; x++) {
      EXP[x] = e;
      LOG[e] = x;
      e = e * g % P;
    }
    // (a, b, c) as coefficient rows over the initial logs (ei, ej, ek); l as (mul, add) over l0
    int[] a = {1, 0, 0};
    int[] b = {0, 1, 0};
    int[] c = {0, 0, 1};
    int lm = 1;
    int la = 0;
    for (int n = 0; n < 97; n++) {
      System.arraycopy(a, 0, JUMP[n], 0, 3);
      System.arraycopy(b, 0, JUMP[n], 3, 3);
      System.arraycopy(c, 0, JUMP[n], 6, 3);
      L_MUL[n] = lm;
      L_ADD[n] = la;
      for (int s = 0; s < 24; s++) {
        int[] m = new int[3];
        for (int t = 0; t < 3; t++) {
          m[t] = (a[t] + b[t] + c[t]) % ORDER;
        }
        a = b;
        b = c;
        c = m;
        lm = 53 * lm % 169;
        la = (53 * la + 1) % 169;
      }
    }
  }

  private static int pow(int g, int e) {
    int r = 1;
    for (int i = 0; i < e; i++) {
      r = r * g % P;
    }
    return r;
  }

  private final MersenneTwister twister = new MersenneTwister();
  private final double[] u = new double[97];
  private final boolean[] known = new boolean[97];
  private int ei;
  private int ej;
  private int ek;
  private int l0;
  private double c;
  private int i97;
  private int j97;

  private static final double CD = 7654321.0 / 16777216.0;
  private static final double CM = 16777213.0 / 16777216.0;

  /** Same effect on the draws below as {@code MathEx.setSeed(seed)} on MathEx's. */
  void setSeed(long seed) {
    twister.setSeed(seed);
    // RANMAR's seed reduction (UniversalGenerator.setSeed)
    int x = Math.abs((int) (seed % 899999963L));
    int ij = x / 30082;
    int kl = x % 30082;
    if (ij < 0 || ij > 31328 || kl < 0 || kl > 30081) {
      ij = ij % 31329;
      kl = kl % 30082;
    }
    ei = LOG[(ij / 177) % 177 + 2];
    ej = LOG[ij % 177 + 2];
    ek = LOG[(kl / 169) % 178 + 1];
    l0 = kl % 169;
    java.util.Arrays.fill(known, false);
    c = 362436.0 / 16777216.0;
    i97 = 96;
    j97 = 32;
  }

  /** {@code MathEx.randomInt(n)}. */
  int nextInt(int n) {
    return twister.nextInt(n);
  }

  /** {@code MathEx.random()}: UniversalGenerator.nextDouble. */
  double nextDouble() {
    double uni = entry(i97) - entry(j97);
    if (uni < 0.0) {
      uni += 1.0;
    }
    u[i97] = uni;
    known[i97] = true;
    if (--i97 < 0) {
      i97 = 96;
    }
    if (--j97 < 0) {
      j97 = 96;
    }
    c -= CD;
    if (c < 0.0) {
      c += CM;
    }
    uni -= c;
    if (uni < 0.0) {
      uni += 1.0;
    }
    return uni;
  }

  private double entry(int n) {
    if (!known[n]) {
      u[n] = seedEntry(n);
      known[n] = true;
    }
    return u[n];
  }

  /** Lag-table entry n as UniversalGenerator.setSeed computes it. */
  private double seedEntry(int n) {
    int[] m = JUMP[n];
    int a = (m[0] * ei + m[1] * ej + m[2] * ek) % ORDER;
    int b = (m[3] * ei + m[4] * ej + m[5] * ek) % ORDER;
    int cc = (m[6] * ei + m[7] * ej + m[8] * ek) % ORDER;
    int l = (L_MUL[n] * l0 + L_ADD[n]) % 169;
    double s = 0.0;
    double t = 0.5;
    for (int jj = 0; jj < 24; jj++) {
      int next = (a + b + cc) % ORDER;
      a = b;
      b = cc;
      cc = next;
      l = (53 * l + 1) % 169;
      if ((l * EXP[next]) % 64 >= 32) {
        s += t;
      }
      t *= 0.5;
    }
    return s;
  }
}
