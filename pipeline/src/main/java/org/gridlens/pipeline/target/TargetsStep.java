package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.gridlens.pipeline.StableLayout;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code targets} stage: reads uplift, customer view, segments, grids and clean customers,
 * builds the target lists ({@link TargetList}), publishes dataset {@code targets} partitioned by
 * grid, and writes the masked CSV per grid plus the index ({@link TargetExport}).
 */
public final class TargetsStep implements Step {

  private static final Logger LOG = LoggerFactory.getLogger(TargetsStep.class);

  @Override
  public StepName name() {
    return StepName.TARGETS;
  }

  @Override
  public StepResult run(RunContext ctx) {
    TargetConfig cfg = ctx.config().targets();
    Warehouse w = ctx.warehouse();
    LocalDate d = ctx.runDate();
    SparkSession spark = ctx.spark();

    Dataset<Row> uplift = w.read(Datasets.UPLIFT, d);
    Dataset<Row> view = w.read(Datasets.CUSTOMER_VIEW, d);
    Dataset<Row> segments = w.read(Datasets.SEGMENTS, d);
    Dataset<Row> grids = w.read(Datasets.GRIDS, d);
    Dataset<Row> customers = w.read(Datasets.clean(Extract.CUSTOMERS), d);
    Dataset<Row> optOut =
        cfg.optOutFile() == null ? null : ContactLists.optOut(spark, cfg.optOutFile(), "targets.opt_out_file", customers);
    Dataset<Row> contacts =
        cfg.contactHistoryFile() == null
            ? null
            : ContactLists.contactHistory(spark, cfg.contactHistoryFile(), "targets.contact_history_file");

    TargetList.Result r = new TargetList(cfg, d).apply(uplift, view, segments, optOut, contacts);
    // read twice (the counts per rule, then the lists): the eligible rows' joins and windows are
    // cached, and both reads find them in the cache; the ineligible rows are counted from the
    // uplift rows themselves (a scan of one boolean column)
    Dataset<Row> eligible = r.eligibleDecisions().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> byRule = exclusionCounts(r.decisions());
      Dataset<Row> sorted = StableLayout.byKey(r.targets(), ctx.config().run().shufflePartitions(),
          Targets.GRID_ID, Targets.OFFER_ID, Targets.CONTROL, Targets.RANK);
      // not partitioned by grid on disk: a city has thousands of grids, and a folder of small
      // files per grid made this stage the slowest but two at 1M customers (docs/benchmarks.md);
      // hash partitions of grid_id, a fixed number, sorted within: the same files every run
      long rows = w.publish(sorted, Datasets.TARGETS, d);
      Dataset<Row> published = w.read(Datasets.TARGETS, d);
      long control = published.filter(col(Targets.CONTROL)).count();

      String exportDir = trimSlash(w.exportFile(d, ""));
      TargetExport.Written x =
          new TargetExport(cfg.locale()).write(published, customers, grids, exportDir, spark.sparkContext().hadoopConfiguration());
      long candidates = byRule.values().stream().mapToLong(Long::longValue).sum();
      LOG.info(
          "targets for {}: {} uplift rows, {} listed ({} control), {} grid files, {} stale files removed",
          d, candidates, rows, control, x.grids().size(), x.staleRemoved());

      StepResult.Builder b =
          StepResult.builder()
              .input(Datasets.UPLIFT, candidates)
              .output(Datasets.TARGETS, rows)
              .output("exports/" + TargetCsv.FILE_NAME, x.rows())
              .metric("campaign_id", cfg.campaignFor(d))
              .metric("control_rows", control)
              .metric("listed_rows", rows - control)
              .metric("grid_files", (long) x.grids().size())
              .metric("stale_grid_files_removed", (long) x.staleRemoved());
      for (Exclusion e : Exclusion.values()) {
        b.metric("excluded." + e.id(), byRule.getOrDefault(e.id(), 0L));
      }
      return b.build();
    } finally {
      eligible.unpersist();
    }
  }

  /** Rows per exclusion rule; key null (listed rows) is left out but counted in the total. */
  static Map<String, Long> exclusionCounts(Dataset<Row> decisions) {
    Map<String, Long> out = new LinkedHashMap<>();
    List<Row> counts = decisions.groupBy(col(TargetList.EXCLUDED_BY)).count().collectAsList();
    for (Row c : counts) {
      out.put(c.isNullAt(0) ? "" : c.getString(0), c.getLong(1));
    }
    return out;
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
