package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridAssignment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid layer and assignment on the committed sample city against its ground truth. The clean
 * extracts are a stand-in for the ingest stage: the sample CSVs read with Spark's CSV reader and
 * the CLEAN schemas, customers whose id appears more than once (planted duplicates) left out of
 * the comparison.
 */
class SampleCityGeoTest extends SparkTestBase {

  private static final LocalDate D = SampleCity.RUN_DATE;

  private static Dataset<Row> csv(Path input, Extract e, StructType schema) {
    return spark().read().option("header", "true").option("mode", "DROPMALFORMED")
        .option("timestampNTZFormat", "yyyy-MM-dd HH:mm:ss").option("dateFormat", "yyyy-MM-dd")
        .schema(schema).csv(input.resolve(e.id()).toString());
  }

  @Test
  void everyLocatableCustomerLandsInTheGridTheTruthNames(@TempDir Path dir) throws Exception {
    Path input = SampleCity.sampleData().resolve("input");
    Assumptions.assumeTrue(Files.exists(input.resolve("grids")) && Files.exists(SampleCity.sampleData().resolve("truth/customers.csv")),
        "sample-data has not landed yet");
    RunContext ctx = RunContext.of(spark(), SampleCity.config().withPaths(
        new PathsConfig(input.toString(), dir.resolve("wh").toString(), dir.resolve("ex").toString())), D);
    Warehouse wh = ctx.warehouse();
    Dataset<Row> customers = csv(input, Extract.CUSTOMERS, Customers.CLEAN);
    Dataset<Row> once = customers.groupBy(col(Customers.CUSTOMER_ID)).agg(count(lit(1)).as("n")).filter(col("n").equalTo(1));
    wh.publish(customers.join(once.select(Customers.CUSTOMER_ID), Customers.CUSTOMER_ID).select(
        java.util.Arrays.stream(Customers.CLEAN.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)),
        Datasets.clean(Extract.CUSTOMERS), D);
    wh.publish(csv(input, Extract.CELLS, Cells.CLEAN).dropDuplicates(Cells.CELL_ID).filter(col(Cells.LON).isNotNull()),
        Datasets.clean(Extract.CELLS), D);
    wh.publish(csv(input, Extract.CDR, Cdr.CLEAN).filter(col(Cdr.START_TIME).isNotNull().and(col(Cdr.CELL_ID).isNotNull())),
        Datasets.clean(Extract.CDR), D);

    StepResult grids = new GridsStep().run(ctx);
    assertEquals("ok", grids.metrics().get("status"), "the sample layer validates clean");
    new AssignStep().run(ctx);

    Map<String, Row> assigned = new HashMap<>();
    for (Row r : wh.read(Datasets.GRID_ASSIGNMENT, D).collectAsList()) {
      assigned.put(r.getAs(GridAssignment.CUSTOMER_ID), r);
    }
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (CSVRecord t : SampleCity.truth("customers.csv")) {
      Row r = assigned.get(t.get("customer_id"));
      if (r == null) {
        continue; // a planted duplicate key, left out above
      }
      checked++;
      if (!t.get("grid_id").equals(r.getAs(GridAssignment.GRID_ID))) {
        wrong.add(t.get("customer_id") + " truth " + t.get("grid_id") + " by " + t.get("locate_by") + ", got "
            + r.getAs(GridAssignment.GRID_ID) + " by " + r.getAs(GridAssignment.METHOD) + " "
            + r.getAs(GridAssignment.UNASSIGNED_REASON));
      }
    }
    assertTrue(checked > 0);
    assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " of " + checked + " wrong");
  }
}
