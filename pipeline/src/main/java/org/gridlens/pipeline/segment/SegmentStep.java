package org.gridlens.pipeline.segment;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.schema.SegmentProfiles;
import org.gridlens.pipeline.schema.Segments;

/** The `segment` stage: customer view → segments and segment_profiles (docs/segmentation.md). */
public final class SegmentStep implements Step {

  @Override
  public StepName name() {
    return StepName.SEGMENT;
  }

  @Override
  public StepResult run(RunContext ctx) {
    SegmentConfig cfg = ctx.config().segment();
    Dataset<Row> view = ctx.warehouse().read(Datasets.CUSTOMER_VIEW, ctx.runDate());
    long viewRows = ctx.warehouse().rows(Datasets.CUSTOMER_VIEW, ctx.runDate());
    Segmentation.Output out = new Segmentation(cfg).apply(view);
    try {
      long segRows =
          ctx.warehouse()
              .publish(
                  out.segments()
                      .repartition(col(Segments.GRID_ID))
                      .sortWithinPartitions(Segments.GRID_ID, Segments.CUSTOMER_ID),
                  Datasets.SEGMENTS,
                  ctx.runDate());
      long profRows =
          ctx.warehouse()
              .publish(
                  out.profiles()
                      .repartition(1)
                      .sortWithinPartitions(SegmentProfiles.GRID_ID, SegmentProfiles.SEGMENT_ID),
                  Datasets.SEGMENT_PROFILES,
                  ctx.runDate());
      StepResult.Builder b =
          StepResult.builder()
              .input(Datasets.CUSTOMER_VIEW, viewRows)
              .output(Datasets.SEGMENTS, segRows)
              .output(Datasets.SEGMENT_PROFILES, profRows);
      metrics(out.profiles()).forEach(b::metric);
      return b.build();
    } finally {
      out.release();
    }
  }

  /** Grids, k distribution, mean quality and scopes, from the profiles (one row per grid). */
  static Map<String, Object> metrics(Dataset<Row> profiles) {
    List<Row> grids =
        profiles
            .filter(col(SegmentProfiles.SEGMENT_ID).equalTo(1))
            .select(
                col(SegmentProfiles.K), col(SegmentProfiles.QUALITY), col(SegmentProfiles.EXPLAINED_VARIANCE),
                col(SegmentProfiles.MODEL_SCOPE))
            .collectAsList();
    Map<String, Long> kDist = new TreeMap<>();
    Map<String, Long> scopes = new TreeMap<>();
    double q = 0;
    double ev = 0;
    for (Row r : grids) {
      kDist.merge(String.valueOf(r.getInt(0)), 1L, Long::sum);
      q += r.getDouble(1);
      ev += r.getDouble(2);
      scopes.merge(r.getString(3), 1L, Long::sum);
    }
    Map<String, Object> m = new TreeMap<>();
    m.put("grids", (long) grids.size());
    m.put("k_distribution", kDist);
    m.put("grids_by_model_scope", scopes);
    m.put("mean_silhouette", grids.isEmpty() ? 0.0 : q / grids.size());
    m.put("mean_explained_variance", grids.isEmpty() ? 0.0 : ev / grids.size());
    return m;
  }
}
