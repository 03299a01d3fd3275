package org.gridlens.pipeline.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

/** Tiny hand-made layers shared by the geo tests, written as WKT in lon/lat. */
final class GeoFixtures {

  private GeoFixtures() {}

  static Geometry wkt(String wkt) {
    try {
      return new WKTReader().read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /** An axis-aligned box in lon/lat as WKT. */
  static String box(double lon0, double lat0, double lon1, double lat1) {
    return String.format(Locale.ROOT, "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
        lon0, lat0, lon1, lat0, lon1, lat1, lon0, lat1, lon0, lat0);
  }

  static GridFeature grid(String id, String parent, String wkt) {
    return new GridFeature(id, "name " + id, parent, null, "residential", 100L, wkt(wkt), "test#" + id);
  }

  /**
   * The reference city: main grid G001 (120.00..120.02 × 30.00..30.01) split into G001-01 (west)
   * and G001-02 (east); G002 (120.02..120.03 × 30.00..30.01) and G003 (120.00..120.03 ×
   * 30.01..30.02) have no sub-grids. Leaves: G001-01, G001-02, G002, G003; no gap, no overlap.
   */
  static List<GridFeature> city() {
    return new ArrayList<>(List.of(
        grid("G001", null, box(120.00, 30.00, 120.02, 30.01)),
        grid("G001-01", "G001", box(120.00, 30.00, 120.01, 30.01)),
        grid("G001-02", "G001", box(120.01, 30.00, 120.02, 30.01)),
        grid("G002", null, box(120.02, 30.00, 120.03, 30.01)),
        grid("G003", null, box(120.00, 30.01, 120.03, 30.02))));
  }

  static GridValidator.Result validate(List<GridFeature> layer, boolean repair) {
    GeoConfig c = GeoConfig.DEFAULTS;
    GeoConfig cfg = new GeoConfig(c.sourceCrs(), repair, c.overlapToleranceM2(), c.gapToleranceM2(),
        c.containmentToleranceM2(), c.snapDistanceM(), c.nightStart(), c.nightEnd(), c.homeCellDays());
    return new GridValidator(cfg).validate(layer, Map.of());
  }

  /** The index of a validated layer, as the assign stage builds it from the grids dataset. */
  static GridIndex index(List<GridFeature> layer, double snapM) {
    GridValidator.Result r = validate(layer, true);
    java.util.Set<String> parents = r.parents();
    List<GridIndex.Grid> grids = new ArrayList<>();
    for (GridFeature g : r.grids()) {
      grids.add(new GridIndex.Grid(g.gridId(), g.mainGridId(), !parents.contains(g.gridId()),
          new WKBWriter().write(g.geometry())));
    }
    return new GridIndex(grids, snapM);
  }

  /**
   * Exact area in m² of a lon/lat box on the WGS84 ellipsoid, from the authalic-latitude
   * formula (independent of GeoTools): A = Δλ · (S(φ2) − S(φ1)), with
   * S(φ) = b²/2 · (sinφ / (1 − e² sin²φ) + 1/(2e) · ln((1 + e sinφ) / (1 − e sinφ))).
   */
  static double ellipsoidBoxAreaM2(double lon0, double lat0, double lon1, double lat1) {
    double a = 6378137.0;
    double f = 1 / 298.257223563;
    double b = a * (1 - f);
    double e2 = f * (2 - f);
    double e = Math.sqrt(e2);
    java.util.function.DoubleUnaryOperator s = phi -> {
      double sin = Math.sin(Math.toRadians(phi));
      return b * b / 2 * (sin / (1 - e2 * sin * sin) + 1 / (2 * e) * Math.log((1 + e * sin) / (1 - e * sin)));
    };
    return Math.toRadians(lon1 - lon0) * (s.applyAsDouble(lat1) - s.applyAsDouble(lat0));
  }
}
