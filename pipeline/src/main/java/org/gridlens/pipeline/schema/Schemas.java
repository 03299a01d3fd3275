package org.gridlens.pipeline.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.GridLensException;

/** Helpers shared by the schema classes: building struct types and checking a stage's input. */
public final class Schemas {

  /** Money: yuan with two decimals. */
  public static final DecimalType MONEY = DataTypes.createDecimalType(12, 2);

  private Schemas() {}

  public static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  public static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }

  /**
   * Fails with "can't find column X in dataset Y" when {@code ds} lacks one of {@code columns}.
   * Every stage calls this on entry for each of its inputs.
   */
  public static void require(Dataset<Row> ds, String dataset, String... columns) {
    List<String> have = Arrays.asList(ds.columns());
    List<String> missing = new ArrayList<>();
    for (String c : columns) {
      if (!have.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw GridLensException.stageFailed(
          "can't find column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
              + " in dataset " + dataset + " (it has: " + String.join(", ", have) + ")");
    }
  }

  /** {@link #require(Dataset, String, String...)} for every field of {@code schema}. */
  public static void require(Dataset<Row> ds, String dataset, StructType schema) {
    require(ds, dataset, schema.fieldNames());
  }
}
