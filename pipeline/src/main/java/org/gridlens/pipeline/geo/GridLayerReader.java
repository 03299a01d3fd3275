package org.gridlens.pipeline.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.gridlens.pipeline.GridLensException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads a grid layer (a GeoJSON FeatureCollection) into {@link GridFeature}s in WGS84 lon/lat.
 * Jackson reads the collection and the properties (JTS' GeoJsonReader drops them); JTS reads each
 * feature's geometry member. A geometry that cannot be read at all becomes a null geometry, which
 * validation reports as invalid, so one bad feature never hides the others' faults.
 */
public final class GridLayerReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The features of one file, the CRS they were read in, and why some geometries could not be read
   * (by feature source).
   */
  public record Layer(List<GridFeature> features, String crs, Map<String, String> unreadable) {}

  private final String configuredCrs;

  /** @param configuredCrs {@code geo.source_crs}, used when a file declares no CRS (null: WGS84) */
  public GridLayerReader(String configuredCrs) {
    this.configuredCrs = configuredCrs;
  }

  /**
   * Parses one file's text. {@code file} names it in errors and in each feature's source.
   *
   * @throws GridLensException BAD_INPUT when the text is not a FeatureCollection or its CRS is
   *     unknown or contradicts {@code geo.source_crs}
   */
  public Layer read(String file, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw GridLensException.badInput(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw GridLensException.badInput(file + ": expected a GeoJSON FeatureCollection");
    }
    String crsName = crsOf(file, root);
    CoordinateReferenceSystem crs;
    try {
      crs = Crs.decode(crsName);
    } catch (IllegalArgumentException e) {
      throw GridLensException.badInput(file + ": " + e.getMessage());
    }
    MathTransform toWgs84 = Crs.isWgs84(crs) ? null : Crs.toWgs84(crs);
    GeoJsonReader reader = new GeoJsonReader(new GeometryFactory(new PrecisionModel(), 4326));
    List<GridFeature> out = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    JsonNode features = root.path("features");
    if (!features.isArray()) {
      throw GridLensException.badInput(file + ": the FeatureCollection has no features array");
    }
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      JsonNode p = f.path("properties");
      String source = file + "#" + i;
      Geometry g = null;
      JsonNode gj = f.get("geometry");
      if (gj != null && !gj.isNull()) {
        try {
          g = reader.read(gj.toString());
          if (toWgs84 != null) {
            g = Crs.transform(g, toWgs84);
          }
          g.setSRID(4326);
        } catch (ParseException | RuntimeException e) {
          unreadable.put(source, String.valueOf(e.getMessage()));
          g = null;
        }
      }
      out.add(
          new GridFeature(
              text(p, "grid_id"),
              text(p, "name"),
              text(p, "parent_id"),
              text(p, "manager"),
              text(p, "grid_kind"),
              households(file, i, p),
              g,
              source));
    }
    return new Layer(out, Crs.canonical(crsName), unreadable);
  }

  private String crsOf(String file, JsonNode root) {
    JsonNode name = root.path("crs").path("properties").path("name");
    String declared = name.isTextual() ? name.asText() : null;
    if (declared == null) {
      return configuredCrs == null ? "EPSG:4326" : configuredCrs;
    }
    if (configuredCrs != null) {
      CoordinateReferenceSystem a = Crs.decode(declared);
      CoordinateReferenceSystem b = Crs.decode(configuredCrs);
      if (!org.geotools.referencing.CRS.equalsIgnoreMetadata(a, b)) {
        throw GridLensException.badInput(
            file + ": the file declares CRS '" + declared + "' but geo.source_crs is '" + configuredCrs
                + "'; fix one of them");
      }
    }
    return declared;
  }

  private static String text(JsonNode props, String key) {
    JsonNode v = props.get(key);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  private static Long households(String file, int i, JsonNode props) {
    JsonNode v = props.get("households");
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    String s = v.asText().trim();
    if (s.matches("\\d+")) {
      return Long.parseLong(s);
    }
    throw GridLensException.badInput(
        file + ": feature " + i + " (grid_id " + text(props, "grid_id") + "): households must be a whole number, got '" + s + "'");
  }
}
