package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.MakeDecimal;
import org.apache.spark.sql.catalyst.expressions.UnscaledValue;
import org.apache.spark.sql.classic.ExpressionUtils;
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

  /**
   * A MONEY value as whole cents (a long): the unscaled long Spark keeps a DECIMAL(12,2) in,
   * read as it is (Catalyst's {@code UnscaledValue}, which Spark's own optimizer uses to sum small
   * decimals as longs). Exact for every amount, negative ones included. Spark's functions offer
   * no such read: a cast to DOUBLE goes through a BigDecimal per value (8 % of the VAS and billing
   * aggregations' CPU at 1M customers), and decimal arithmetic makes a Decimal object per step.
   */
  static Column cents(Column money) {
    return ExpressionUtils.column(new UnscaledValue(ExpressionUtils.expression(money.cast(Schemas.MONEY))));
  }

  /** Sum of a MONEY column as whole cents (a long); null when every value is null. */
  static Column sumCents(Column money) {
    return sum(cents(money));
  }

  /**
   * Whole cents back to MONEY, exactly: the long taken as the decimal's unscaled value (Catalyst's
   * {@code MakeDecimal}, the other half of Spark's long sums of decimals; an overflow fails as a
   * cast would under ANSI mode). A decimal division by 100 made a BigDecimal division per value.
   */
  static Column centsToMoney(Column cents) {
    return ExpressionUtils.column(new MakeDecimal(ExpressionUtils.expression(cents.cast(DataTypes.LongType)),
        Schemas.MONEY.precision(), Schemas.MONEY.scale()));
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
