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

  /**
   * {@code ds} projected onto {@code schema}: its columns in the schema's order, cast to the
   * schema's types, and non-nullable where the schema says so. The caller guarantees those columns
   * hold no null (e.g. rows that passed validation); the projection only tells Spark, through
   * {@code coalesce(column, <a constant of the type>)}, which never takes the constant then. A
   * projection instead of {@code createDataFrame(ds.javaRDD(), schema)}, which converts every row
   * to a Java object and back.
   */
  public static Dataset<Row> conform(Dataset<Row> ds, StructType schema) {
    StructType have = ds.schema();
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[schema.fields().length];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      org.apache.spark.sql.Column c = org.apache.spark.sql.functions.col(f.name());
      if (!have.apply(f.name()).dataType().equals(f.dataType())) {
        c = c.cast(f.dataType());
      }
      if (!f.nullable() && have.apply(f.name()).nullable()) {
        c = org.apache.spark.sql.functions.coalesce(c, org.apache.spark.sql.functions.lit(neverUsed(f)).cast(f.dataType()));
      }
      cols[i] = c.as(f.name());
    }
    return ds.select(cols);
  }

  private static Object neverUsed(StructField f) {
    DataType t = f.dataType();
    if (t.equals(DataTypes.StringType)) {
      return "";
    } else if (t.equals(DataTypes.BooleanType)) {
      return false;
    } else if (t instanceof org.apache.spark.sql.types.NumericType) {
      return 0;
    } else if (t.equals(DataTypes.DateType)) {
      return java.sql.Date.valueOf("1970-01-01");
    } else if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
      return java.time.LocalDateTime.of(1970, 1, 1, 0, 0);
    }
    throw new IllegalArgumentException("no constant for non-nullable column " + f.name() + " of type " + t);
  }

  /** {@link #require(Dataset, String, String...)} for every field of {@code schema}. */
  public static void require(Dataset<Row> ds, String dataset, StructType schema) {
    require(ds, dataset, schema.fieldNames());
  }
}
