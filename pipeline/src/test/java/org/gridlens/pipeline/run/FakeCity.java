package org.gridlens.pipeline.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridAssignment;
import org.gridlens.pipeline.schema.Targets;

/**
 * Fake stages for orchestration tests: each publishes a tiny dataset under the stage's real
 * dataset name (so the gates see real shapes), counts its calls, and can be told to fail, to
 * break a gate, or to write different export text.
 */
final class FakeCity {

  final SparkSession spark;
  final Map<StepName, AtomicInteger> calls = new ConcurrentHashMap<>();
  final Set<StepName> failing = EnumSet.noneOf(StepName.class);
  boolean duplicateAssignment;
  boolean duplicateTargetRank;
  int customers = 6;
  String exportText = "grid,offer,rank\nG001,music,1\n";

  FakeCity(SparkSession spark) {
    this.spark = spark;
    for (StepName n : StepName.values()) {
      calls.put(n, new AtomicInteger());
    }
  }

  int calls(StepName n) {
    return calls.get(n).get();
  }

  void resetCalls() {
    calls.values().forEach(c -> c.set(0));
  }

  Step step(StepName name) {
    return new Step() {
      @Override
      public StepName name() {
        return name;
      }

      @Override
      public StepResult run(RunContext ctx) {
        calls.get(name).incrementAndGet();
        if (failing.contains(name)) {
          throw GridLensException.stageFailed("stage " + name.id() + " failed on purpose");
        }
        return FakeCity.this.run(name, ctx);
      }
    };
  }

  private StepResult run(StepName name, RunContext ctx) {
    Warehouse w = ctx.warehouse();
    var b = StepResult.builder();
    switch (name) {
      case INGEST -> {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
          rows.add(RowFactory.create("C" + i));
        }
        b.output(Datasets.clean(Extract.CUSTOMERS), w.publish(df(rows, Customers.CUSTOMER_ID), Datasets.clean(Extract.CUSTOMERS), ctx.runDate()));
        b.output(Datasets.quarantine(Extract.CUSTOMERS),
            w.publish(df(List.of(RowFactory.create("line 7")), "raw"), Datasets.quarantine(Extract.CUSTOMERS), ctx.runDate()));
        b.rejects(1);
      }
      // grids, segment and uplift publish nothing here: fewer Spark jobs, same orchestration
      case GRIDS, SEGMENT, UPLIFT -> b.metric("fake", true);
      case ASSIGN -> {
        StructType s = new StructType()
            .add(GridAssignment.CUSTOMER_ID, DataTypes.StringType)
            .add(GridAssignment.GRID_ID, DataTypes.StringType)
            .add(GridAssignment.METHOD, DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
          rows.add(RowFactory.create("C" + i, "G001", GridAssignment.METHOD_POINT));
        }
        if (duplicateAssignment) {
          rows.add(RowFactory.create("C1", "G001", GridAssignment.METHOD_POINT));
        }
        b.output(Datasets.GRID_ASSIGNMENT, w.publish(spark.createDataFrame(rows, s).coalesce(1), Datasets.GRID_ASSIGNMENT, ctx.runDate()));
      }
      case VIEW -> b.output(Datasets.CUSTOMER_VIEW,
          w.publish(w.read(Datasets.clean(Extract.CUSTOMERS), ctx.runDate()).withColumnRenamed(Customers.CUSTOMER_ID, CustomerView.CUSTOMER_ID)
              .orderBy(CustomerView.CUSTOMER_ID).coalesce(1), Datasets.CUSTOMER_VIEW, ctx.runDate()));
      case SCORE -> {
        b.output(Datasets.GRID_SCORES, w.publish(df(List.of(RowFactory.create("G001")), "grid_id"), Datasets.GRID_SCORES, ctx.runDate()));
        w.writeText(w.exportFile(ctx.runDate(), "grid_scores.csv"), "grid_id\nG001\n");
      }
      case TARGETS -> {
        StructType s = new StructType()
            .add(Targets.GRID_ID, DataTypes.StringType)
            .add(Targets.OFFER_ID, DataTypes.StringType)
            .add(Targets.CONTROL, DataTypes.BooleanType)
            .add(Targets.RANK, DataTypes.IntegerType);
        // rank 1 in the treated list and in the control group is no duplicate
        List<Row> rows = new ArrayList<>(List.of(RowFactory.create("G001", "music", false, 1),
            RowFactory.create("G001", "music", false, 2), RowFactory.create("G001", "music", true, 1)));
        if (duplicateTargetRank) {
          rows.add(RowFactory.create("G001", "music", false, 2));
        }
        b.output(Datasets.TARGETS, w.publish(spark.createDataFrame(rows, s).coalesce(1), Datasets.TARGETS, ctx.runDate()));
        w.writeBytes(w.exportFile(ctx.runDate(), "G001/targets.csv"), exportText.getBytes(StandardCharsets.UTF_8));
      }
    }
    return b.build();
  }

  private Dataset<Row> df(List<Row> rows, String column) {
    return spark.createDataFrame(rows, new StructType().add(column, DataTypes.StringType)).coalesce(1);
  }
}
