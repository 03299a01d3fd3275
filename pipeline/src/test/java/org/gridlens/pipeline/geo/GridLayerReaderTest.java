package org.gridlens.pipeline.geo;

import static org.gridlens.pipeline.geo.GeoFixtures.city;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.geotools.api.referencing.operation.MathTransform;
import org.gridlens.pipeline.GridLensException;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

class GridLayerReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The layer as a GeoJSON FeatureCollection in {@code crs} (null: no crs member, coordinates WGS84). */
  static String geoJson(List<GridFeature> layer, String crs) {
    MathTransform t = crs == null ? null : Crs.between(Crs.WGS84, Crs.decode(crs));
    GeoJsonWriter writer = new GeoJsonWriter(12);
    writer.setEncodeCRS(false);
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "FeatureCollection");
    if (crs != null) {
      root.putObject("crs").put("type", "name").putObject("properties").put("name", crs);
    }
    ArrayNode fs = root.putArray("features");
    for (GridFeature g : layer) {
      ObjectNode f = fs.addObject();
      f.put("type", "Feature");
      ObjectNode p = f.putObject("properties");
      p.put("grid_id", g.gridId());
      p.put("name", g.name());
      if (g.parentId() != null) {
        p.put("parent_id", g.parentId());
      }
      p.put("grid_kind", g.gridKind());
      p.put("households", g.households());
      Geometry geom = t == null ? g.geometry() : Crs.transform(g.geometry(), t);
      try {
        f.set("geometry", JSON.readTree(writer.write(geom)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return root.toString();
  }

  @Test
  void propertiesAndGeometriesAreRead() {
    String text = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"G001\","
        + "\"name\":\"西湖\",\"manager\":\"M01\",\"grid_kind\":\"campus\",\"households\":\"120\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[120.01,30],[120.01,30.01],[120,30]]]}},"
        + "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"G001-01\",\"parent_id\":\"G001\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[120.01,30],[120,30]]]}},"
        + "{\"type\":\"Feature\",\"properties\":{\"grid_id\":\"G002\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\"oops\"}}]}";
    GridLayerReader.Layer layer = new GridLayerReader(null).read("grids.geojson", text);
    GridFeature g = layer.features().get(0);
    assertEquals("G001", g.gridId());
    assertEquals("西湖", g.name());
    assertEquals("M01", g.manager());
    assertEquals("campus", g.gridKind());
    assertEquals(120L, g.households());
    assertNull(g.parentId());
    assertEquals(3, g.geometry().getNumPoints() - 1);
    assertEquals("EPSG:4326", layer.crs());
    // a geometry JTS cannot read is kept as null with the reason, and reported, not thrown
    assertNull(layer.features().get(2).geometry());
    assertTrue(layer.unreadable().containsKey("grids.geojson#2"), layer.unreadable().toString());
    GridValidator.Result r = new GridValidator(GeoConfig.DEFAULTS).validate(layer.features(), layer.unreadable());
    List<TopologyProblem> invalid =
        r.problems().stream().filter(p -> p.kind() == TopologyProblem.Kind.INVALID_GEOMETRY).toList();
    // the 3-point ring (a degenerate polygon) and the unreadable geometry
    assertEquals(List.of(List.of("G001-01"), List.of("G002")), invalid.stream().map(TopologyProblem::gridIds).toList());
    assertTrue(invalid.get(1).message().startsWith("grids.geojson#2: unreadable geometry"), invalid.get(1).message());
  }

  @Test
  void aLayerInWebMercatorOrProjectedCgcs2000GivesTheSameAreasAndAssignment() {
    // around lon 114 so EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E) is in its zone
    List<GridFeature> wgs = new ArrayList<>();
    for (GridFeature g : city()) {
      Geometry moved = g.geometry().copy();
      moved.apply((org.locationtech.jts.geom.CoordinateFilter) c -> c.x -= 6.0);
      moved.geometryChanged();
      wgs.add(g.withGeometry(moved));
    }
    GridValidator.Result base = GeoFixtures.validate(
        new GridLayerReader(null).read("wgs84.geojson", geoJson(wgs, null)).features(), false);
    GridIndex baseIndex = GeoFixtures.index(base.grids(), 0);
    for (String crs : List.of("EPSG:3857", "EPSG:4547", "urn:ogc:def:crs:EPSG::4490")) {
      GridLayerReader.Layer layer = new GridLayerReader(null).read("twin.geojson", geoJson(wgs, crs));
      GridValidator.Result twin = GeoFixtures.validate(layer.features(), false);
      assertEquals(List.of(), twin.problems(), crs);
      for (int i = 0; i < base.grids().size(); i++) {
        double a = base.projection().areaM2(base.grids().get(i).geometry());
        double b = twin.projection().areaM2(twin.grids().get(i).geometry());
        assertEquals(a, b, a * 1e-6, crs + " " + base.grids().get(i).gridId());
      }
      GridIndex twinIndex = GeoFixtures.index(twin.grids(), 0);
      Random rnd = new Random(7);
      for (int k = 0; k < 500; k++) {
        double lon = 113.999 + rnd.nextDouble() * 0.032;
        double lat = 29.999 + rnd.nextDouble() * 0.022;
        GridIndex.Location x = baseIndex.locate(lon, lat);
        GridIndex.Location y = twinIndex.locate(lon, lat);
        assertEquals(x == null ? null : x.gridId(), y == null ? null : y.gridId(), crs + " at " + lon + " " + lat);
      }
    }
  }

  @Test
  void theConfiguredCrsAppliesWhenTheFileDeclaresNoneAndMustNotContradictIt() {
    List<GridFeature> wgs = city();
    String mercatorNoCrs = geoJson(wgs, "EPSG:3857").replaceFirst("\"crs\":\\{[^}]*\\}\\},", "");
    GridLayerReader.Layer layer = new GridLayerReader("EPSG:3857").read("m.geojson", mercatorNoCrs);
    assertEquals(120.005, layer.features().get(1).geometry().getCentroid().getX(), 1e-9);
    GridLensException e = assertThrows(GridLensException.class,
        () -> new GridLayerReader("EPSG:4490").read("m.geojson", geoJson(wgs, "EPSG:3857")));
    assertTrue(e.getMessage().contains("declares CRS 'EPSG:3857' but geo.source_crs is 'EPSG:4490'"), e.getMessage());
    GridLensException unknown = assertThrows(GridLensException.class,
        () -> new GridLayerReader("EPSG:999999").read("m.geojson", mercatorNoCrs));
    assertTrue(unknown.getMessage().contains("EPSG:999999"), unknown.getMessage());
  }

  @Test
  void notAFeatureCollectionIsBadInput() {
    GridLensException e = assertThrows(GridLensException.class,
        () -> new GridLayerReader(null).read("x.geojson", "{\"type\":\"Feature\"}"));
    assertEquals(GridLensException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("x.geojson: "));
    assertEquals(Map.of(), new GridLayerReader(null).read("y.geojson", geoJson(city(), null)).unreadable());
  }
}
