package org.gridlens.pipeline.geo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.Datasets;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.Step;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;
import org.gridlens.pipeline.run.Warehouse;
import org.gridlens.pipeline.schema.GridTable;
import org.locationtech.jts.io.WKBWriter;

/**
 * The {@code grids} stage: reads the grid layer ({@code <input>/grids/*.geojson}) on the driver,
 * reprojects it to WGS84 lon/lat, validates its topology, writes the topology report
 * ({@code reports/grids/D.json} and {@code D-problems.geojson}) and publishes the {@code grids}
 * dataset. Fails with BAD_INPUT, after writing the report, when the layer has faults that
 * {@code geo.repair} did not fix.
 */
public final class GridsStep implements Step {

  private static final Logger LOG = LogManager.getLogger(GridsStep.class);

  @Override
  public StepName name() {
    return StepName.GRIDS;
  }

  @Override
  public StepResult run(RunContext ctx) {
    GeoConfig cfg = ctx.config().geo();
    Warehouse wh = ctx.warehouse();
    String pattern = ctx.input() + "/grids/*.geojson";
    Map<String, String> texts = readLayerFiles(wh, pattern);

    GridLayerReader reader = new GridLayerReader(cfg.sourceCrs());
    List<GridFeature> features = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<String> crs = new ArrayList<>();
    texts.forEach((file, text) -> {
      GridLayerReader.Layer layer = reader.read(file, text);
      features.addAll(layer.features());
      unreadable.putAll(layer.unreadable());
      if (!crs.contains(layer.crs())) {
        crs.add(layer.crs());
      }
    });
    GridValidator.Result result = new GridValidator(cfg).validate(features, unreadable);

    String base = "reports/grids/" + ctx.runDate();
    List<String> names = texts.keySet().stream().toList();
    wh.writeText(wh.file(base + ".json"),
        TopologyReport.json(ctx.runDate(), names, crs, cfg.repair(), features.size(), result));
    wh.writeText(wh.file(base + "-problems.geojson"), TopologyReport.problemsGeoJson(result.problems()));
    Map<String, Long> counts = TopologyReport.counts(result.problems());
    LOG.info("grid layer: {} features, {} usable grids, problems {}", features.size(), result.grids().size(), counts);
    if (result.failed()) {
      throw GridLensException.badInput(
          "grid layer " + pattern + " has topology faults " + counts + " (see " + wh.file(base + ".json")
              + " and " + wh.file(base + "-problems.geojson") + "); fix the layer or set geo.repair: true");
    }
    if (result.grids().isEmpty()) {
      throw GridLensException.badInput("grid layer " + pattern + " has no usable grid");
    }

    List<Row> rows = rows(result);
    Dataset<Row> grids = ctx.spark().createDataFrame(rows, GridTable.SCHEMA).coalesce(1);
    long written = wh.publish(grids, Datasets.GRIDS, ctx.runDate());
    long leaves = rows.stream().filter(r -> r.getBoolean(GridTable.SCHEMA.fieldIndex(GridTable.IS_LEAF))).count();
    long mains = result.grids().stream().filter(GridFeature::isMain).count();
    return StepResult.builder()
        .input("grids_features", features.size())
        .output(Datasets.GRIDS, written)
        .metric("status", TopologyReport.status(result))
        .metric("source_crs", crs)
        .metric("main_grids", mains)
        .metric("sub_grids", result.grids().size() - mains)
        .metric("leaf_grids", leaves)
        .metric("problems", counts)
        .build();
  }

  /** The grids dataset rows, sorted by grid_id: areas and centroids on the layer's equal-area plane. */
  static List<Row> rows(GridValidator.Result result) {
    Set<String> parents = result.parents();
    EqualAreaProjection proj = result.projection();
    WKBWriter wkb = new WKBWriter(2);
    List<Row> rows = new ArrayList<>();
    List<GridFeature> sorted = new ArrayList<>(result.grids());
    sorted.sort(Comparator.comparing(GridFeature::gridId));
    for (GridFeature g : sorted) {
      double[] c = proj.centroid(g.geometry());
      rows.add(RowFactory.create(
          g.gridId(),
          g.name(),
          g.parentId(),
          g.isMain() ? GridTable.LEVEL_MAIN : GridTable.LEVEL_SUB,
          g.manager(),
          g.gridKind(),
          g.households(),
          proj.areaM2(g.geometry()) / 1e6,
          c[0],
          c[1],
          !parents.contains(g.gridId()),
          wkb.write(g.geometry())));
    }
    return rows;
  }

  /** The layer's files by name (sorted), read as UTF-8 text on the driver. */
  private static Map<String, String> readLayerFiles(Warehouse wh, String pattern) {
    Path glob = new Path(pattern);
    Map<String, String> out = new LinkedHashMap<>();
    try {
      FileSystem fs = wh.fs(glob);
      FileStatus[] found = fs.globStatus(glob);
      if (found == null || found.length == 0) {
        throw GridLensException.badInput("no grid layer: nothing matches " + pattern);
      }
      Arrays.sort(found, Comparator.comparing(s -> s.getPath().getName()));
      for (FileStatus st : found) {
        try (var in = fs.open(st.getPath())) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
          }
          out.put(st.getPath().getName(), text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the grid layer " + pattern, e);
    }
    return out;
  }
}
