package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.schema.Schemas;
import org.junit.jupiter.api.Test;

/** Money as whole cents and back: exact over the whole MONEY range, negative amounts included. */
class SharesTest extends SparkTestBase {

  @Test
  void centsAreTheExactUnscaledValueOfEveryMoneyAmount() {
    List<BigDecimal> amounts = new ArrayList<>(List.of(
        new BigDecimal("0.29"), new BigDecimal("-0.29"), new BigDecimal("0.01"), new BigDecimal("-0.01"),
        new BigDecimal("0.00"), new BigDecimal("1.15"), new BigDecimal("-1.15"), new BigDecimal("4.35"),
        new BigDecimal("9999999999.99"), new BigDecimal("-9999999999.99"), new BigDecimal("1234567890.05")));
    Random rnd = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      // every magnitude from cents to the 10 integer digits of DECIMAL(12,2)
      long cents = (long) (rnd.nextDouble() * Math.pow(10, 1 + rnd.nextInt(12)));
      amounts.add(BigDecimal.valueOf(rnd.nextBoolean() ? cents : -cents, 2));
    }
    List<Row> rows = new ArrayList<>();
    for (BigDecimal a : amounts) {
      rows.add(RowFactory.create(a));
    }
    Dataset<Row> money = spark().createDataFrame(rows, new StructType().add("m", Schemas.MONEY));
    List<Row> out = money.select(col("m"), Shares.cents(col("m")).as("c"),
        Shares.centsToMoney(Shares.cents(col("m"))).as("back")).collectAsList();
    assertEquals(amounts.size(), out.size());
    assertEquals(DataTypes.LongType, money.select(Shares.cents(col("m"))).schema().fields()[0].dataType());
    for (Row r : out) {
      BigDecimal m = r.getDecimal(0);
      assertEquals(m.unscaledValue().longValueExact(), r.getLong(1), "cents of " + m);
      assertEquals(m, r.getDecimal(2), "cents of " + m + " back to money");
    }
    assertTrue(out.stream().anyMatch(r -> r.getLong(1) < 0), "negative amounts covered");
  }

  @Test
  void sumOfCentsGoesBackToTheExactMoneySum() {
    List<Row> rows = List.of(
        RowFactory.create(new BigDecimal("0.10")), RowFactory.create(new BigDecimal("0.20")),
        RowFactory.create(new BigDecimal("-0.05")), RowFactory.create((Object) null));
    Dataset<Row> money = spark().createDataFrame(rows, new StructType().add("m", Schemas.MONEY));
    Row r = money.agg(Shares.centsToMoney(Shares.sumCents(col("m")))).first();
    assertEquals(new BigDecimal("0.25"), r.getDecimal(0));
  }
}
