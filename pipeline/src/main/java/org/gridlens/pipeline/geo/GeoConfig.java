package org.gridlens.pipeline.geo;

import java.time.LocalTime;
import org.gridlens.pipeline.config.ConfigNode;

/**
 * Typed configuration of the {@code geo} section of conf/gridlens.yaml: how the grid layer is read
 * and validated ({@code grids}) and how customers are located ({@code assign}). Defaults are
 * documented next to each key in conf/gridlens.yaml and in docs/geo.md.
 *
 * @param sourceCrs CRS of the grid layer when the file declares none (null: WGS84 lon/lat)
 * @param repair fix what can be fixed (GeometryFixer, first of duplicate ids, clip, overlap to the
 *     smallest id) instead of failing
 * @param overlapToleranceM2 same-level overlaps up to this area are float noise, not faults
 * @param gapToleranceM2 uncovered holes up to this area are float noise, not faults
 * @param containmentToleranceM2 a sub-grid may stick out of its main grid by up to this area
 * @param snapDistanceM a point in no grid goes to the nearest leaf within this distance (0: off)
 * @param nightStart start of the night hours (inclusive) for the home cell
 * @param nightEnd end of the night hours (exclusive); before nightStart means the window wraps
 *     midnight
 * @param homeCellDays length of the CDR window ending on the run date, in days
 */
public record GeoConfig(
    String sourceCrs,
    boolean repair,
    double overlapToleranceM2,
    double gapToleranceM2,
    double containmentToleranceM2,
    double snapDistanceM,
    LocalTime nightStart,
    LocalTime nightEnd,
    int homeCellDays) {

  public static final GeoConfig DEFAULTS = from(ConfigNode.empty("(defaults)", "geo"));

  public static GeoConfig from(ConfigNode node) {
    node.allowOnly(
        "source_crs",
        "repair",
        "overlap_tolerance_m2",
        "gap_tolerance_m2",
        "containment_tolerance_m2",
        "snap_distance_m",
        "night_start",
        "night_end",
        "home_cell_days");
    String crs = node.string("source_crs", null);
    if (crs != null) {
      crs = crs.trim();
      if (crs.isEmpty()) {
        crs = null;
      } else {
        try {
          Crs.decode(crs);
        } catch (IllegalArgumentException e) {
          throw node.error("source_crs", e.getMessage());
        }
      }
    }
    LocalTime start = node.time("night_start", LocalTime.of(21, 0));
    LocalTime end = node.time("night_end", LocalTime.of(7, 0));
    if (start.equals(end)) {
      throw node.error("night_end", "must differ from night_start (" + start + "), else the night is empty");
    }
    return new GeoConfig(
        crs,
        node.bool("repair", false),
        node.number("overlap_tolerance_m2", 1.0, 0, 1e9),
        node.number("gap_tolerance_m2", 1.0, 0, 1e9),
        node.number("containment_tolerance_m2", 1.0, 0, 1e9),
        node.number("snap_distance_m", 1.0, 0, 1000),
        start,
        end,
        node.integer("home_cell_days", 90, 1, 3660));
  }

  /** The night window of the home-cell rule. */
  public NightWindow night() {
    return new NightWindow(nightStart, nightEnd);
  }
}
