package org.gridlens.pipeline.geo;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.CellAssignment;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridAssignment;

/**
 * The {@code assign} stage: reads clean customers, cells and CDR and the validated grids, gives
 * every customer exactly one leaf grid (or a reason) and every cell its grid, publishes
 * {@code grid_assignment} and {@code cell_assignment}, and reports counts per method and reason and
 * the leaf grids left without customers ({@code reports/assign/D.json}).
 */
public final class AssignStep implements Step {

  private static final Logger LOG = LogManager.getLogger(AssignStep.class);

  @Override
  public StepName name() {
    return StepName.ASSIGN;
  }

  @Override
  public StepResult run(RunContext ctx) {
    Warehouse wh = ctx.warehouse();
    Dataset<Row> customers = wh.read(Datasets.clean(Extract.CUSTOMERS), ctx.runDate());
    Dataset<Row> cdr = wh.read(Datasets.clean(Extract.CDR), ctx.runDate());
    Dataset<Row> cells = wh.read(Datasets.clean(Extract.CELLS), ctx.runDate());
    Dataset<Row> grids = wh.read(Datasets.GRIDS, ctx.runDate());

    GridAssigner.Output out = new GridAssigner(ctx.config().geo(), ctx.runDate()).apply(customers, cdr, cells, grids);
    long assigned = wh.publish(out.customers(), Datasets.GRID_ASSIGNMENT, ctx.runDate());
    long locatedCells = wh.publish(out.cells(), Datasets.CELL_ASSIGNMENT, ctx.runDate());

    // counts from the published data (small aggregates: methods, reasons, grids)
    Dataset<Row> published = wh.read(Datasets.GRID_ASSIGNMENT, ctx.runDate());
    Map<String, Long> methods = new TreeMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    for (Row r : published.groupBy(col(GridAssignment.METHOD), col(GridAssignment.UNASSIGNED_REASON)).count().collectAsList()) {
      methods.merge(r.getString(0), r.getLong(2), Long::sum);
      if (!r.isNullAt(1)) {
        reasons.merge(r.getString(1), r.getLong(2), Long::sum);
      }
    }
    Set<String> used = new HashSet<>();
    for (Row r : published.filter(col(GridAssignment.GRID_ID).isNotNull()).select(col(GridAssignment.GRID_ID)).distinct().collectAsList()) {
      used.add(r.getString(0));
    }
    List<String> empty = new ArrayList<>();
    for (String id : out.index().leafIds()) {
      if (!used.contains(id)) {
        empty.add(id);
      }
    }
    long cellsOutside =
        wh.read(Datasets.CELL_ASSIGNMENT, ctx.runDate()).filter(col(CellAssignment.GRID_ID).isNull()).count();

    wh.writeText(wh.file("reports/assign/" + ctx.runDate() + ".json"),
        report(ctx, assigned, methods, reasons, empty, locatedCells, cellsOutside));
    LOG.info("assigned {} customers: methods {}, unassigned reasons {}; {} empty leaf grids; {} of {} cells outside the grids",
        assigned, methods, reasons, empty.size(), cellsOutside, locatedCells);
    return StepResult.builder()
        .input(Datasets.clean(Extract.CUSTOMERS), assigned)
        .input(Datasets.GRIDS, out.index().size())
        .output(Datasets.GRID_ASSIGNMENT, assigned)
        .output(Datasets.CELL_ASSIGNMENT, locatedCells)
        .metric("methods", methods)
        .metric("unassigned_reasons", reasons)
        .metric("empty_leaf_grids", empty)
        .metric("cells_outside_grids", cellsOutside)
        .build();
  }

  private static String report(
      RunContext ctx, long customers, Map<String, Long> methods, Map<String, Long> reasons, List<String> empty,
      long cells, long cellsOutside) {
    ObjectNode root = TopologyReport.JSON.createObjectNode();
    root.put("run_date", ctx.runDate().toString());
    root.put("customers", customers);
    ObjectNode m = root.putObject("methods");
    methods.forEach(m::put);
    ObjectNode r = root.putObject("unassigned_reasons");
    reasons.forEach(r::put);
    root.put("cells", cells);
    root.put("cells_outside_grids", cellsOutside);
    ArrayNode e = root.putArray("empty_leaf_grids");
    empty.forEach(e::add);
    ArrayNode problems = root.putArray("problems");
    for (String id : empty) {
      ObjectNode p = problems.addObject();
      p.put("kind", new TopologyProblem(TopologyProblem.Kind.EMPTY_GRID, List.of(id), "", null, null, false).kindId());
      p.putArray("grid_ids").add(id);
      p.put("message", "leaf grid " + id + " received no customer");
    }
    return TopologyReport.write(root);
  }
}
