package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A stand-in for the ingest stage, for tests and benchmarks only: reads an extract's CSV files
 * with Spark's CSV reader, casts every column to the CLEAN schema ({@code try_cast}: a bad value
 * becomes null) and drops rows whose required columns are null. No quarantine, no dedup, no
 * referential checks: the real ingest stage does those.
 */
final class CleanCsv {

  private CleanCsv() {}

  static Dataset<Row> read(SparkSession spark, String folder, StructType clean) {
    List<StructField> strings = new ArrayList<>();
    for (StructField f : clean.fields()) {
      strings.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true));
    }
    Dataset<Row> raw =
        spark.read()
            .option("header", "true")
            .option("mode", "PERMISSIVE")
            .option("enforceSchema", "false")
            .schema(DataTypes.createStructType(strings))
            .csv(folder);
    List<Column> cast = new ArrayList<>();
    Column ok = null;
    for (StructField f : clean.fields()) {
      Column c = col(f.name()).try_cast(f.dataType()).as(f.name());
      cast.add(c);
      if (!f.nullable()) {
        Column notNull = col(f.name()).isNotNull();
        ok = ok == null ? notNull : ok.and(notNull);
      }
    }
    Dataset<Row> typed = raw.select(cast.toArray(new Column[0]));
    return ok == null ? typed : typed.filter(ok);
  }
}
