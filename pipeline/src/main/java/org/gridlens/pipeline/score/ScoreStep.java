package org.gridlens.pipeline.score;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.CellAssignment;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.GridScores;
import org.gridlens.pipeline.schema.GridTable;
import org.gridlens.pipeline.schema.Schemas;

/**
 * The {@code score} stage: reads customer_view, grids, cell_assignment and clean/cdr, publishes
 * grid_scores. The CSV / GeoJSON exports of the scores are written by {@code uplift}, once the
 * projected gains exist (docs/scoring.md, "Stage order").
 */
public final class ScoreStep implements Step {

  @Override
  public StepName name() {
    return StepName.SCORE;
  }

  @Override
  public StepResult run(RunContext ctx) {
    List<String> competitors = ctx.config().operators().competitors();
    ScoreConfig conf = ctx.config().score();
    conf.checkCompetitors(competitors, ctx.config().source());
    GridCompetitiveness stage = new GridCompetitiveness(conf, competitors);

    Dataset<Row> view = ctx.warehouse().read(Datasets.CUSTOMER_VIEW, ctx.runDate());
    Schemas.require(view, Datasets.CUSTOMER_VIEW, stage.customerColumns().toArray(new String[0]));
    Dataset<Row> grids = ctx.warehouse().read(Datasets.GRIDS, ctx.runDate());
    Schemas.require(grids, Datasets.GRIDS, GridTable.GRID_ID, GridTable.NAME, GridTable.LEVEL,
        GridTable.PARENT_ID, GridTable.MANAGER, GridTable.GRID_KIND, GridTable.HOUSEHOLDS);
    Dataset<Row> cells = ctx.warehouse().read(Datasets.CELL_ASSIGNMENT, ctx.runDate());
    Schemas.require(cells, Datasets.CELL_ASSIGNMENT, CellAssignment.SCHEMA);
    Dataset<Row> cdr = ctx.warehouse().read(Datasets.clean(Extract.CDR), ctx.runDate());
    Schemas.require(cdr, Datasets.clean(Extract.CDR), Cdr.CELL_ID, Cdr.END_STATUS);

    Dataset<Row> scores = stage.apply(
        view.select(stage.customerColumns().stream().map(c -> col(c)).toArray(Column[]::new)),
        grids, cells, cdr);
    long written = ctx.warehouse().publish(scores, Datasets.GRID_SCORES, ctx.runDate());

    Dataset<Row> published = ctx.warehouse().read(Datasets.GRID_SCORES, ctx.runDate());
    Map<String, Object> strategies = new LinkedHashMap<>();
    for (Row r : published.groupBy(GridScores.LEVEL, GridScores.STRATEGY).count()
        .orderBy(GridScores.LEVEL, GridScores.STRATEGY).collectAsList()) {
      strategies.put(r.getString(0) + "." + r.getString(1), r.getLong(2));
    }
    return StepResult.builder()
        .input(Datasets.CUSTOMER_VIEW, ctx.warehouse().rows(Datasets.CUSTOMER_VIEW, ctx.runDate()))
        .input(Datasets.GRIDS, ctx.warehouse().rows(Datasets.GRIDS, ctx.runDate()))
        .output(Datasets.GRID_SCORES, written)
        .metric("strategies", strategies)
        .metric("normalisation", conf.normalisation().name().toLowerCase(java.util.Locale.ROOT))
        .build();
  }
}
