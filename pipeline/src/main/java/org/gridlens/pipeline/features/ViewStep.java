package org.gridlens.pipeline.features;

import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.SparkSessions;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Extract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The `view` stage: reads the clean extracts and grid_assignment, publishes customer_view. */
public final class ViewStep implements Step {

  private static final Logger LOG = LoggerFactory.getLogger(ViewStep.class);

  /**
   * The view is planned and written with whole-stage generated code only for plan nodes of at
   * most 40 fields: each source's aggregation (the widest, the calls, has 27) keeps it, the five
   * joins and the projection to the view's 85 columns run operator by operator. Generated as one
   * stage, they made a {@code processNext} of 7.5 KB whose two C2 compilations took about 15 s of
   * CPU each, on 2 cores beside the tasks: the view's last stage ran about 10 s faster cold
   * (`nightly` runs each stage once, cold) and as fast warm (docs/benchmarks.md, "view").
   */
  static final Map<String, String> WRITE_SETTINGS = Map.of(SparkSessions.CODEGEN_MAX_FIELDS, "40");

  @Override
  public StepName name() {
    return StepName.VIEW;
  }

  @Override
  public StepResult run(RunContext ctx) {
    LocalDate date = ctx.runDate();
    Warehouse wh = ctx.warehouse();
    StepResult.Builder result = StepResult.builder();
    Dataset<Row> customers = read(wh, Datasets.clean(Extract.CUSTOMERS), date, result);
    Dataset<Row> billing = read(wh, Datasets.clean(Extract.BILLING), date, result);
    Dataset<Row> cdr = read(wh, Datasets.clean(Extract.CDR), date, result);
    Dataset<Row> complaints = read(wh, Datasets.clean(Extract.COMPLAINTS), date, result);
    Dataset<Row> vas = read(wh, Datasets.clean(Extract.VAS), date, result);
    Dataset<Row> assignment = read(wh, Datasets.GRID_ASSIGNMENT, date, result);

    // ingest writes the calls clustered by customer; a CDR published otherwise is shuffled
    boolean clustered = Cdr.CUSTOMER_ID.equals(wh.clusteredBy(Datasets.clean(Extract.CDR), date));
    CustomerViewBuilder builder = new CustomerViewBuilder(
        ctx.config().view(), ctx.config().operators(), ctx.config().geo().night(), date)
        .withCallsClusteredByCustomer(clustered);
    ViewWindows w = builder.windows();
    LOG.info("view {}: billing {}..{}, cdr from {} ({}), vas from {}, complaints from {}",
        date, w.billingFrom(), w.billingTo(), w.cdrFrom(), clustered ? "clustered by customer" : "shuffled by customer",
        w.vasFrom(), w.complaintFrom());
    Dataset<Row> view = builder.apply(customers, billing, cdr, complaints, vas, assignment);
    long rows = SparkSessions.withSettings(ctx.spark(), WRITE_SETTINGS, () -> wh.publish(
        view, Datasets.CUSTOMER_VIEW, date, Warehouse.withoutDictionary(CustomerView.WITHOUT_DICTIONARY)));
    long expected = result.build().inputRows().get(Datasets.clean(Extract.CUSTOMERS));
    LOG.info("view {}: {} customers written", date, rows);
    result.output(Datasets.CUSTOMER_VIEW, rows);
    result.metric("columns", view.columns().length);
    result.metric("customers_in_master", expected);
    return result.build();
  }

  /** An input dataset, its rows counted into the result (from its footers, no Spark job). */
  private static Dataset<Row> read(Warehouse wh, String dataset, LocalDate date, StepResult.Builder result) {
    result.input(dataset, wh.rows(dataset, date));
    return wh.read(dataset, date);
  }
}
