package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** Ratio columns with the dictionary's rule for an empty denominator. */
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
}
