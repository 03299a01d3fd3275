package org.gridlens.pipeline.features;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Extract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The `view` stage: reads the clean extracts and grid_assignment, publishes customer_view. */
public final class ViewStep implements Step {

  private static final Logger LOG = LoggerFactory.getLogger(ViewStep.class);

  @Override
  public StepName name() {
    return StepName.VIEW;
  }

  @Override
  public StepResult run(RunContext ctx) {
    LocalDate date = ctx.runDate();
    Warehouse wh = ctx.warehouse();
    StepResult.Builder result = StepResult.builder();
    Dataset<Row> customers = read(wh, Extract.CUSTOMERS, date, result);
    Dataset<Row> billing = read(wh, Extract.BILLING, date, result);
    Dataset<Row> cdr = read(wh, Extract.CDR, date, result);
    Dataset<Row> complaints = read(wh, Extract.COMPLAINTS, date, result);
    Dataset<Row> vas = read(wh, Extract.VAS, date, result);
    Dataset<Row> assignment = wh.read(Datasets.GRID_ASSIGNMENT, date);
    result.input(Datasets.GRID_ASSIGNMENT, assignment.count());

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
    long rows = wh.publish(view, Datasets.CUSTOMER_VIEW, date);
    long expected = result.build().inputRows().get(Datasets.clean(Extract.CUSTOMERS));
    LOG.info("view {}: {} customers written", date, rows);
    result.output(Datasets.CUSTOMER_VIEW, rows);
    result.metric("columns", view.columns().length);
    result.metric("customers_in_master", expected);
    return result.build();
  }

  private static Dataset<Row> read(Warehouse wh, Extract e, LocalDate date, StepResult.Builder result) {
    Dataset<Row> ds = wh.read(Datasets.clean(e), date);
    result.input(Datasets.clean(e), ds.count());
    return ds;
  }
}
