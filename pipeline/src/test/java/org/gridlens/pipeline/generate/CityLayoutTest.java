package org.gridlens.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.junit.jupiter.api.Test;

class CityLayoutTest {

  private static final GeometryFactory GF = new GeometryFactory();
  private static final double ENVELOPE_AREA =
      (CityLayout.MAX_LON - CityLayout.MIN_LON) * (CityLayout.MAX_LAT - CityLayout.MIN_LAT);

  private final CityLayout city = CityLayout.build(42, 40, 20_000);

  @Test
  void leafCountIsAsAsked() {
    assertEquals(40, city.leafCount());
  }

  @Test
  void leafGridsTileTheEnvelopeWithoutGapsOrOverlaps() {
    List<Polygon> leaves = new ArrayList<>();
    for (int i = 0; i < city.leafCount(); i++) {
      Polygon p = city.polygon(city.leaf(i), GF);
      assertTrue(p.isValid(), city.leaf(i).id());
      leaves.add(p);
    }
    assertEquals(ENVELOPE_AREA, UnaryUnionOp.union(leaves).getArea(), 1e-12);
    double sum = leaves.stream().mapToDouble(Geometry::getArea).sum();
    assertEquals(ENVELOPE_AREA, sum, 1e-12, "leaf areas add up to the envelope: no overlaps");
    for (int i = 0; i < leaves.size(); i++) {
      for (int j = i + 1; j < leaves.size(); j++) {
        assertEquals(0, leaves.get(i).intersection(leaves.get(j)).getArea(), 1e-15);
      }
    }
  }

  @Test
  void mainGridsTileTheEnvelopeAndSubGridsTileTheirMainGrid() {
    List<Polygon> mains = new ArrayList<>();
    Map<String, List<CityLayout.Grid>> subs =
        city.grids().stream().filter(g -> !g.isMain()).collect(Collectors.groupingBy(CityLayout.Grid::parentId));
    for (CityLayout.Grid g : city.grids()) {
      if (!g.isMain()) {
        continue;
      }
      Polygon main = city.polygon(g, GF);
      mains.add(main);
      List<CityLayout.Grid> children = subs.getOrDefault(g.id(), List.of());
      assertEquals(g.leaf(), children.isEmpty(), g.id());
      if (!children.isEmpty()) {
        Geometry union = UnaryUnionOp.union(children.stream().map(c -> (Geometry) city.polygon(c, GF)).toList());
        assertEquals(0, union.symDifference(main).getArea(), 1e-15, g.id());
        assertTrue(children.stream().allMatch(c -> c.id().startsWith(g.id() + "-")));
      }
    }
    assertEquals(ENVELOPE_AREA, UnaryUnionOp.union(new ArrayList<Geometry>(mains)).getArea(), 1e-12);
    assertEquals(ENVELOPE_AREA, mains.stream().mapToDouble(Geometry::getArea).sum(), 1e-12);
  }

  @Test
  void sharedEdgesHaveTheSameVerticesOnBothSides() {
    // every vertex of a leaf that lies on another leaf's boundary is also a vertex of that leaf
    List<Polygon> leaves = new ArrayList<>();
    for (int i = 0; i < city.leafCount(); i++) {
      leaves.add(city.polygon(city.leaf(i), GF));
    }
    for (Polygon a : leaves) {
      for (Polygon b : leaves) {
        if (a == b) {
          continue;
        }
        for (var c : a.getCoordinates()) {
          if (b.getBoundary().distance(GF.createPoint(c)) == 0) {
            boolean vertex = false;
            for (var d : b.getCoordinates()) {
              vertex |= d.equals2D(c);
            }
            assertTrue(vertex, "T-junction at " + c);
          }
        }
      }
    }
  }

  @Test
  void emptyAndTinyGridsAndPlausibleAttributes() {
    double[] w = city.leafWeights();
    double total = 0;
    for (double v : w) {
      total += v;
    }
    int empty = 0;
    int tiny = 0;
    for (int i = 0; i < w.length; i++) {
      double expected = 20_000 * w[i] / total;
      empty += w[i] == 0 ? 1 : 0;
      tiny += w[i] > 0 && expected < 10 ? 1 : 0;
      CityLayout.Grid g = city.leaf(i);
      assertTrue(g.competitorStrength() >= 0 && g.competitorStrength() <= 1);
      assertTrue(g.households() > 0, g.id());
      if (w[i] > 0) {
        assertTrue(city.cellsOf(i).length > 0, "leaf with customers needs a cell: " + g.id());
      }
    }
    assertTrue(empty >= 1, "at least one leaf without customers");
    assertTrue(tiny >= 1, "at least one tiny leaf");
  }

  @Test
  void cellsStandInsideTheirGrid() {
    boolean anyBad = false;
    for (int c = 0; c < city.cellCount(); c++) {
      CityLayout.Cell cell = city.cell(c);
      assertTrue(city.leaf(cell.leaf()).contains(cell.lon(), cell.lat()), cell.id());
      anyBad |= cell.bad();
    }
    assertTrue(anyBad);
  }

  @Test
  void sameSeedSameCityOtherSeedOtherCity() {
    CityLayout again = CityLayout.build(42, 40, 20_000);
    CityLayout other = CityLayout.build(43, 40, 20_000);
    assertEquals(city.grids(), again.grids());
    assertTrue(!city.grids().equals(other.grids()));
  }
}
