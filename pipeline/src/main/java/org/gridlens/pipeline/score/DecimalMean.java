package org.gridlens.pipeline.score;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The mean Spark's {@code avg} gives over DECIMAL(p, 12) values, from their exact sum and count,
 * as a double. Plain Java, so a mean can be finished from partial sums (per sub-grid, then added
 * up per main grid) instead of aggregating every customer once per grid level, with the same
 * bits as before.
 *
 * <p>Spark 4.1 ({@code Average} → {@code DecimalDivideWithOverflowCheck}): the sum is divided by
 * the count to 38 decimal places, truncated ({@code Decimal./} uses MathContext rounding DOWN),
 * then set to the result scale 12 + 4 = 16 half up, and cast to DOUBLE through
 * {@code BigDecimal.doubleValue}. Truncating first never changes the half-up step (digits past
 * the 38th cannot move a value across a half at the 16th), but the order is kept as Spark has it.
 */
final class DecimalMean {

  /** Decimal places of the mean of DECIMAL(p, 12) values: the input scale + 4. */
  static final int SCALE = 16;
  private static final int DIVISION_SCALE = 38;

  private DecimalMean() {}

  /** {@code avg} of values whose exact sum is {@code sum} and number is {@code count}; null when count is 0. */
  static Double of(BigDecimal sum, long count) {
    if (sum == null || count == 0) {
      return null;
    }
    return sum.divide(BigDecimal.valueOf(count), DIVISION_SCALE, RoundingMode.DOWN)
        .setScale(SCALE, RoundingMode.HALF_UP)
        .doubleValue();
  }
}
