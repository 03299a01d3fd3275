package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.schema.Schemas;

/**
 * Ratio columns with the dictionary's rule for an empty denominator, and exact sums: a sum whose
 * value must not depend on the order the shuffle delivers rows in is summed as a long of fixed
 * point units (whole cents, 1e-4 MB, 1e-9). Spark's DECIMAL sums are exact too, but a sum of
 * DECIMAL(12,2) is a DECIMAL(22,2) kept in a BigDecimal per row: at 27M VAS rows that was a fifth
 * of the view's CPU (docs/benchmarks.md, "view").
 */
final class Shares {

  private Shares() {}

  /**
   * {@code num / den} as DOUBLE; null when the denominator is null or not positive (ANSI mode
   * would fail on a division by zero, and "share of nothing" is undefined, not 0).
   */
  static Column ratio(Column num, Column den) {
    Column d = den.cast(DataTypes.DoubleType);
    return when(d.gt(0), num.cast(DataTypes.DoubleType).divide(d));
  }

  /** A MONEY value as whole cents (a long). */
  static Column cents(Column money) {
    // Through a double: money * 100 as DECIMAL would be a DECIMAL(23,2), a BigDecimal per row.
    // A DECIMAL(12,2) of c cents is c/100 within half an ulp as a double (|c| < 1e12 < 2^53), so
    // money * 100 lies within 1e-3 of the whole number c, and floor(x + 0.5) is exactly c, for
    // negative amounts too. (Spark's round() of a DOUBLE goes through Double.toString and a
    // BigDecimal per row: a fifth of the billing features' CPU at 1M customers.)
    return floor(money.cast(DataTypes.DoubleType).multiply(100).plus(0.5)).cast(DataTypes.LongType);
  }

  /** Sum of a MONEY column as whole cents (a long); null when every value is null. */
  static Column sumCents(Column money) {
    return sum(cents(money));
  }

  /** Whole cents back to MONEY, exactly. */
  static Column centsToMoney(Column cents) {
    return cents.cast(DataTypes.createDecimalType(20, 0)).divide(lit(100)).cast(Schemas.MONEY);
  }

  /** Sum of {@code round(x * units)} as a long: exact and order-free at 1/units resolution. */
  static Column sumFixed(Column x, double units) {
    return sum(round(x.multiply(units)).cast(DataTypes.LongType));
  }

  /** A {@link #sumFixed} back to a DOUBLE. */
  static Column fromFixed(Column fixed, double units) {
    return fixed.cast(DataTypes.DoubleType).divide(units);
  }
}
