package org.gridlens.pipeline.geo;

import static org.gridlens.pipeline.geo.GeoFixtures.box;
import static org.gridlens.pipeline.geo.GeoFixtures.city;
import static org.gridlens.pipeline.geo.GeoFixtures.ellipsoidBoxAreaM2;
import static org.gridlens.pipeline.geo.GeoFixtures.grid;
import static org.gridlens.pipeline.geo.GeoFixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.gridlens.pipeline.geo.TopologyProblem.Kind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class GridValidatorTest {

  private static List<TopologyProblem> of(GridValidator.Result r, Kind kind) {
    return r.problems().stream().filter(p -> p.kind() == kind).toList();
  }

  @Test
  void aCleanLayerHasNoProblemsAndKeepsEveryGrid() {
    GridValidator.Result r = validate(city(), false);
    assertEquals(List.of(), r.problems());
    assertFalse(r.failed());
    assertEquals(List.of("G001", "G001-01", "G001-02", "G002", "G003"),
        r.grids().stream().map(GridFeature::gridId).toList());
    assertEquals(java.util.Set.of("G001"), r.parents());
  }

  @Test
  void floatNoiseOnSharedEdgesIsNeitherAnOverlapNorAGap() {
    List<GridFeature> layer = city();
    // the east sub-grid's west edge is 1e-9 degrees (0.1 mm) off: slivers of ~0.1 m², under 1 m²
    layer.set(2, grid("G001-02", "G001", box(120.01 + 1e-9, 30.00, 120.02, 30.01)));
    layer.add(grid("G004", null, box(120.03 - 1e-9, 30.00, 120.04, 30.02)));
    assertEquals(List.of(), validate(layer, false).problems());
  }

  @Test
  void aBowTieIsReportedWithItsReasonAndLocationNotCrashedOn() {
    List<GridFeature> layer = city();
    layer.add(grid("G009", null, "POLYGON ((121 30, 121.01 30.01, 121.01 30, 121 30.01, 121 30))"));
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> invalid = of(r, Kind.INVALID_GEOMETRY);
    assertEquals(1, invalid.size());
    assertEquals(List.of("G009"), invalid.get(0).gridIds());
    assertTrue(invalid.get(0).message().contains("Self-intersection at (121.0050000 30.0050000)"), invalid.get(0).message());
    assertTrue(r.failed());
    // the other grids are still checked and kept
    assertEquals(5, r.grids().size());
  }

  @Test
  void aZeroAreaRingIsReported() {
    List<GridFeature> layer = city();
    layer.add(grid("G009", null, "POLYGON ((121 30, 121.01 30.01, 121.02 30.02, 121 30))"));
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> invalid = of(r, Kind.INVALID_GEOMETRY);
    assertEquals(1, invalid.size(), r.problems().toString());
    assertEquals(List.of("G009"), invalid.get(0).gridIds());
  }

  @Test
  void repairFixesTheBowTieWithGeometryFixer() {
    List<GridFeature> layer = city();
    layer.add(grid("G009", null, "POLYGON ((121 30, 121.01 30.01, 121.01 30, 121 30.01, 121 30))"));
    GridValidator.Result r = validate(layer, true);
    assertFalse(r.failed());
    GridFeature fixed = r.grids().stream().filter(g -> g.gridId().equals("G009")).findFirst().orElseThrow();
    assertTrue(fixed.geometry().isValid());
    // two triangles, each a quarter of the 0.01° box
    assertEquals(0.5, fixed.geometry().getArea() / 1e-4, 1e-9);
    assertTrue(of(r, Kind.INVALID_GEOMETRY).get(0).repaired());
  }

  @Test
  void duplicateIdsAreReportedAndOnlyTheFirstTakesPart() {
    List<GridFeature> layer = city();
    layer.add(grid("G002", null, box(121.0, 30.0, 121.01, 30.01)));
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> dups = of(r, Kind.DUPLICATE_GRID_ID);
    assertEquals(1, dups.size());
    assertEquals(List.of("G002"), dups.get(0).gridIds());
    assertTrue(dups.get(0).message().contains("appears 2 times"), dups.get(0).message());
    assertEquals(120.025, r.grids().stream().filter(g -> g.gridId().equals("G002")).findFirst().orElseThrow()
        .geometry().getCentroid().getX(), 1e-9);
  }

  @Test
  void aSubGridOutsideItsParentIsReportedWithTheAreaOutside() {
    List<GridFeature> layer = city();
    // G001-02 extends 0.005° east into G002's latitude band... and beyond G001
    layer.set(2, grid("G001-02", "G001", box(120.01, 30.00, 120.025, 30.01)));
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> out = of(r, Kind.SUB_GRID_OUTSIDE_PARENT);
    assertEquals(1, out.size());
    assertEquals(List.of("G001-02", "G001"), out.get(0).gridIds());
    double expected = ellipsoidBoxAreaM2(120.02, 30.00, 120.025, 30.01);
    assertEquals(expected, out.get(0).areaM2(), expected * 0.005);
  }

  @Test
  void aSameLevelOverlapIsReportedWithItsAreaInSquareMetres() {
    List<GridFeature> layer = city();
    // G002 reaches 0.002° west into G001: 0.002° × 0.01° overlap at lat 30 ≈ 214 m × ... ≈ 0.2143 km²
    layer.set(3, grid("G002", null, box(120.018, 30.00, 120.03, 30.01)));
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> overlaps = of(r, Kind.OVERLAP);
    assertEquals(List.of("G001", "G002"), overlaps.get(0).gridIds());
    double expected = ellipsoidBoxAreaM2(120.018, 30.00, 120.02, 30.01);
    assertEquals(expected, overlaps.get(0).areaM2(), expected * 0.005);
    Geometry where = overlaps.get(0).where();
    assertEquals(120.019, where.getCentroid().getX(), 1e-9);
    // the leaves G001-02 and G002 overlap too, and they are different levels: not reported
    assertEquals(1, overlaps.size());
  }

  @Test
  void repairLeavesTheOverlapToTheSmallerGridId() {
    List<GridFeature> layer = city();
    layer.set(3, grid("G002", null, box(120.018, 30.00, 120.03, 30.01)));
    GridValidator.Result r = validate(layer, true);
    GridFeature g2 = r.grids().stream().filter(g -> g.gridId().equals("G002")).findFirst().orElseThrow();
    assertEquals(120.02, g2.geometry().getEnvelopeInternal().getMinX(), 1e-12);
  }

  @Test
  void aMissingSubGridLeavesAGapFoundAsAPolygon() {
    List<GridFeature> layer = city();
    layer.remove(2); // G001-02: the east half of G001 is covered by no leaf
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> gaps = of(r, Kind.GAP);
    assertEquals(1, gaps.size());
    Geometry gap = gaps.get(0).where();
    assertEquals("Polygon", gap.getGeometryType());
    assertEquals(1e-4, gap.getArea(), 1e-12);
    assertEquals(List.of("G001-01", "G002", "G003"), gaps.get(0).gridIds());
  }

  @Test
  void aHoleBetweenMainGridsIsAGap() {
    // eight 0.01° boxes around an empty centre box
    List<GridFeature> layer = new java.util.ArrayList<>();
    int n = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        if (i == 1 && j == 1) {
          continue;
        }
        layer.add(grid(String.format("G%03d", ++n), null, box(120 + i * 0.01, 30 + j * 0.01, 120.01 + i * 0.01, 30.01 + j * 0.01)));
      }
    }
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> gaps = of(r, Kind.GAP);
    assertEquals(1, gaps.size(), r.problems().toString());
    assertEquals(8, gaps.get(0).gridIds().size());
    double expected = ellipsoidBoxAreaM2(120.01, 30.01, 120.02, 30.02);
    assertEquals(expected, gaps.get(0).areaM2(), expected * 0.005);
  }

  @Test
  void badParentsAreReported() {
    List<GridFeature> layer = city();
    layer.add(grid("G001-01-A", "G001-01", box(120.00, 30.00, 120.005, 30.005)));
    layer.add(grid("G005-01", "G005", box(121.00, 30.00, 121.01, 30.01)));
    GridValidator.Result r = validate(layer, false);
    List<TopologyProblem> bad = of(r, Kind.BAD_PARENT);
    assertEquals(2, bad.size());
    assertEquals(List.of("G001-01-A", "G001-01"), bad.get(0).gridIds());
    assertTrue(bad.get(0).message().contains("is itself a sub-grid"));
    assertTrue(bad.get(1).message().contains("parent_id G005 of grid G005-01 is not in the layer"));
  }

  @Test
  void unreadableAndNonPolygonalGeometriesAreInvalid() {
    List<GridFeature> layer = city();
    layer.add(new GridFeature("G007", null, null, null, null, null, null, "f#7"));
    layer.add(grid("G008", null, "LINESTRING (121 30, 121.01 30.01)"));
    GridValidator.Result r = new GridValidator(GeoConfig.DEFAULTS).validate(layer, Map.of("f#7", "bad ring"));
    List<TopologyProblem> invalid = of(r, Kind.INVALID_GEOMETRY);
    assertEquals(2, invalid.size());
    assertTrue(invalid.get(0).message().contains("unreadable geometry: bad ring"));
    assertTrue(invalid.get(1).message().contains("a LineString, not a Polygon"));
    assertNotNull(invalid.get(1).where());
  }
}
