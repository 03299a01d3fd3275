package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;

/** The manifest's row hash: the exact decimal sum of the rows' xxhash64, whatever the partitioning. */
class RowHashTest extends SparkTestBase {

  @Test
  void equalsTheDecimalSumOfTheRowHashesAndIgnoresTheLayout() {
    Dataset<Row> df = spark().range(0, 50_000).selectExpr("id", "cast(id * 7 % 1000 as string) as s",
        "case when id % 5 = 0 then null else id / 3.0 end as d");
    String expected = df.agg(sum(xxhash64(col("id"), col("s"), col("d")).cast(DataTypes.createDecimalType(38, 0))))
        .first().get(0).toString();
    assertEquals(expected, PublishedOutputs.rowHash(df));
    assertEquals(expected, PublishedOutputs.rowHash(df.repartition(7).sortWithinPartitions("s")));
    assertNotEquals(expected, PublishedOutputs.rowHash(df.filter(col("id").notEqual(12_345))));
    assertEquals("0", PublishedOutputs.rowHash(df.limit(0)));
  }
}
