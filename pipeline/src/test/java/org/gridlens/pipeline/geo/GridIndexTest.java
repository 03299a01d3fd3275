package org.gridlens.pipeline.geo;

import static org.gridlens.pipeline.geo.GeoFixtures.city;
import static org.gridlens.pipeline.geo.GeoFixtures.index;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridIndexTest {

  private static final GridIndex CITY = index(city(), 1.0);

  @ParameterizedTest
  @CsvSource({
    // lon, lat, expected leaf, main
    "120.005, 30.005, G001-01, G001",
    "120.015, 30.005, G001-02, G001",
    "120.025, 30.005, G002, G002",
    "120.015, 30.015, G003, G003",
    // on the edge shared by G001-01 and G001-02: both cover it, the smaller id wins
    "120.01, 30.005, G001-01, G001",
    // on the edge shared by G001-02 and G002
    "120.02, 30.003, G001-02, G001",
    // a vertex shared by G001-01, G001-02 (corners) and G003 (bottom edge)
    "120.01, 30.01, G001-01, G001",
    // a vertex shared by G001-02, G002 and G003
    "120.02, 30.01, G001-02, G001",
    // on the outer boundary: covered, so inside
    "120.03, 30.015, G003, G003",
  })
  void pointsGoToExactlyOneLeafByTheBorderRule(double lon, double lat, String leaf, String main) {
    GridIndex.Location at = CITY.locate(lon, lat);
    assertEquals(leaf, at.gridId());
    assertEquals(main, at.mainGridId());
  }

  @Test
  void theMainGridWithSubGridsIsNeverALocationButIsAKnownId() {
    assertEquals(GridIndex.IdStatus.NOT_LEAF, CITY.status("G001"));
    assertEquals(GridIndex.IdStatus.LEAF, CITY.status("G001-01"));
    assertEquals(GridIndex.IdStatus.UNKNOWN, CITY.status("G999"));
    assertEquals(List.of("G001-01", "G001-02", "G002", "G003"), CITY.leafIds());
  }

  @Test
  void pointsOutsideAreNullUnlessWithinTheSnapDistance() {
    assertNull(CITY.locate(121, 31));
    // 0.5 m east of the outer edge at lon 120.03 (1° lon ≈ 96.5 km at lat 30)
    double halfMetre = 0.5 / (Math.toRadians(1) * GridIndex.EARTH_RADIUS_M * Math.cos(Math.toRadians(30.015)));
    assertEquals("G003", CITY.locate(120.03 + halfMetre, 30.015).gridId());
    assertNull(index(city(), 0).locate(120.03 + halfMetre, 30.015));
    assertNull(CITY.locate(120.03 + 3 * halfMetre, 30.015));
  }

  @Test
  void theBorderDistanceIsInMetres() {
    // 0.001° north of G001-01's south edge, far from the others: 0.001° of latitude ≈ 111.2 m
    GridIndex.Location at = CITY.locate(120.005, 30.001);
    assertEquals(111.2, at.borderDistanceM(), 0.5);
    assertEquals(0.0, CITY.locate(120.01, 30.005).borderDistanceM(), 1e-6);
  }

  @Test
  void itSurvivesSerializationAndRebuildsItsTreeLazily() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CITY.locate(120.005, 30.005); // builds the transient runtime on this side
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(CITY);
    }
    GridIndex copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (GridIndex) in.readObject();
    }
    assertEquals("G001-02", copy.locate(120.015, 30.005).gridId());
    assertEquals("G001-01", copy.locate(120.01, 30.01).gridId());
  }
}
