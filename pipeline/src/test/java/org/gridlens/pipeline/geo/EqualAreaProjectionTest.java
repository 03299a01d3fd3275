package org.gridlens.pipeline.geo;

import static org.gridlens.pipeline.geo.GeoFixtures.box;
import static org.gridlens.pipeline.geo.GeoFixtures.ellipsoidBoxAreaM2;
import static org.gridlens.pipeline.geo.GeoFixtures.wkt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EqualAreaProjectionTest {

  @ParameterizedTest
  @CsvSource({
    // lon0, lat0, size°, projection centre lon, lat (a layer's centre, not the square's)
    "120.00, 30.00, 0.01, 120.005, 30.005",
    "120.00, 30.00, 0.01, 120.5, 30.4",
    "114.30, 22.50, 0.05, 114.2, 22.6",
    "87.60, 43.80, 0.20, 87.6, 43.8",
  })
  void areasMatchTheEllipsoidFormula(double lon, double lat, double size, double cLon, double cLat) {
    EqualAreaProjection p = EqualAreaProjection.centredOn(cLon, cLat);
    double expected = ellipsoidBoxAreaM2(lon, lat, lon + size, lat + size);
    double got = p.areaM2(wkt(box(lon, lat, lon + size, lat + size)));
    assertEquals(expected, got, expected * 0.005);
    double fault = EqualAreaProjection.faultAreaM2(wkt(box(lon, lat, lon + size, lat + size)));
    assertEquals(expected, fault, expected * 0.005);
  }

  @org.junit.jupiter.api.Test
  void aHundredthOfADegreeSquareAtLatitude30IsAbout1Point07Km2() {
    double got = EqualAreaProjection.centredOn(120.005, 30.005).areaM2(wkt(box(120, 30, 120.01, 30.01))) / 1e6;
    assertEquals(1.0715, got, 1.0715 * 0.005);
    // independent check: on a sphere of the authalic radius, R² Δλ (sin φ2 − sin φ1)
    double r = 6371007.2;
    double sphere = r * r * Math.toRadians(0.01)
        * (Math.sin(Math.toRadians(30.01)) - Math.sin(Math.toRadians(30))) / 1e6;
    assertEquals(sphere, got, sphere * 0.005);
  }

  @org.junit.jupiter.api.Test
  void aSliverCollinearInLonLatHasNoFaultArea() {
    // float noise left by a round trip through a projected CRS: 3.5e-17 deg² ≈ 4e-7 m²
    double a = EqualAreaProjection.faultAreaM2(
        wkt("POLYGON ((114.015 30.01, 114.01 30.009999999999998, 114.00000000000001 30.010000000000005, 114.015 30.01))"));
    assertEquals(0, a, 1e-5);
  }

  @org.junit.jupiter.api.Test
  void theCentroidIsComputedOnTheEqualAreaPlane() {
    EqualAreaProjection p = EqualAreaProjection.centredOn(120, 30);
    double[] c = p.centroid(wkt(box(120, 30, 120.02, 30.02)));
    assertEquals(120.01, c[0], 1e-6);
    assertEquals(30.01, c[1], 1e-5);
  }
}
