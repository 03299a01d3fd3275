package org.gridlens.pipeline.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The grids stage's topology report: a JSON summary ({@code reports/grids/D.json}) and the problem
 * areas as a GeoJSON FeatureCollection in WGS84 ({@code reports/grids/D-problems.geojson}) that any
 * GIS opens. Deterministic: keys in fixed order, problems in report order.
 */
public final class TopologyReport {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TopologyReport() {}

  /** Status of the layer: ok, repaired (faults fixed by geo.repair) or failed. */
  public static String status(GridValidator.Result r) {
    return r.problems().isEmpty() ? "ok" : r.failed() ? "failed" : "repaired";
  }

  /** Problems per kind, for the report and the stage metrics. */
  public static Map<String, Long> counts(List<TopologyProblem> problems) {
    Map<String, Long> out = new TreeMap<>();
    for (TopologyProblem p : problems) {
      out.merge(p.kindId(), 1L, Long::sum);
    }
    return out;
  }

  public static String json(
      LocalDate runDate, List<String> files, List<String> crs, boolean repair, int features, GridValidator.Result r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_date", runDate.toString());
    root.put("status", status(r));
    root.put("repair", repair);
    ArrayNode fs = root.putArray("files");
    files.forEach(fs::add);
    ArrayNode cs = root.putArray("source_crs");
    crs.forEach(cs::add);
    root.put("features_read", features);
    root.put("grids_published", r.grids().size());
    long mains = r.grids().stream().filter(GridFeature::isMain).count();
    root.put("main_grids", mains);
    root.put("sub_grids", r.grids().size() - mains);
    ObjectNode byKind = root.putObject("problem_counts");
    counts(r.problems()).forEach(byKind::put);
    ArrayNode ps = root.putArray("problems");
    for (TopologyProblem p : r.problems()) {
      ps.add(properties(p));
    }
    return write(root);
  }

  public static String problemsGeoJson(List<TopologyProblem> problems) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "FeatureCollection");
    ArrayNode features = root.putArray("features");
    GeoJsonWriter writer = new GeoJsonWriter(9);
    writer.setEncodeCRS(false);
    for (TopologyProblem p : problems) {
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      f.set("properties", properties(p));
      if (p.where() == null) {
        f.putNull("geometry");
      } else {
        try {
          f.set("geometry", JSON.readTree(writer.write(p.where())));
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return write(root);
  }

  private static ObjectNode properties(TopologyProblem p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", p.kindId());
    ArrayNode ids = o.putArray("grid_ids");
    p.gridIds().forEach(ids::add);
    o.put("message", p.message());
    if (p.areaM2() != null) {
      o.put("area_m2", Math.round(p.areaM2() * 100) / 100.0);
    }
    Geometry w = p.where();
    if (w != null) {
      org.locationtech.jts.geom.Coordinate c;
      try {
        c = w.getDimension() == 0 ? w.getCoordinate() : w.getInteriorPoint().getCoordinate();
      } catch (RuntimeException invalidGeometry) {
        c = w.getCoordinate();
      }
      if (c != null) {
        ArrayNode at = o.putArray("location");
        at.add(Math.round(c.x * 1e7) / 1e7);
        at.add(Math.round(c.y * 1e7) / 1e7);
      }
    }
    o.put("repaired", p.repaired());
    return o;
  }

  static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
