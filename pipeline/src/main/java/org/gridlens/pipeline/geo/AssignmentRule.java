package org.gridlens.pipeline.geo;

import org.gridlens.pipeline.schema.GridAssignment;

/**
 * The single source of truth for giving one customer a grid, in this order: the explicit grid_id
 * of the extract when it names a leaf grid; the customer's lon/lat; the home cell's lon/lat;
 * otherwise unassigned with the most telling reason. Plain Java: the Spark stage only feeds it rows.
 *
 * <p>An explicit grid_id naming a main grid that has sub-grids is not precise enough: the customer
 * is located by point or home cell like any other, and when neither locates them the reason is
 * {@code main_grid_id_not_leaf}. An unknown explicit grid_id is likewise ignored for location and
 * reported as {@code unknown_grid_id} when nothing else locates the customer.
 */
public final class AssignmentRule {

  /** A customer's grid, the method used and, when unassigned, why. */
  public record Assigned(
      String gridId, String mainGridId, String method, String reason, String homeCellId, Double borderDistanceM) {}

  private AssignmentRule() {}

  public static Assigned assign(
      GridIndex index,
      String explicitGridId,
      Double lon,
      Double lat,
      String homeCellId,
      Double cellLon,
      Double cellLat) {
    String explicit = explicitGridId == null || explicitGridId.isBlank() ? null : explicitGridId.trim();
    GridIndex.IdStatus status = explicit == null ? null : index.status(explicit);
    if (status == GridIndex.IdStatus.LEAF) {
      return new Assigned(explicit, index.mainOf(explicit), GridAssignment.METHOD_EXPLICIT, null, null, null);
    }
    boolean hadLocation = false;
    if (usable(lon, lat)) {
      hadLocation = true;
      GridIndex.Location at = index.locate(lon, lat);
      if (at != null) {
        return new Assigned(at.gridId(), at.mainGridId(), GridAssignment.METHOD_POINT, null, null, at.borderDistanceM());
      }
    }
    if (homeCellId != null && usable(cellLon, cellLat)) {
      hadLocation = true;
      GridIndex.Location at = index.locate(cellLon, cellLat);
      if (at != null) {
        return new Assigned(
            at.gridId(), at.mainGridId(), GridAssignment.METHOD_HOME_CELL, null, homeCellId, at.borderDistanceM());
      }
    }
    String reason;
    if (status == GridIndex.IdStatus.UNKNOWN) {
      reason = GridAssignment.REASON_UNKNOWN_GRID_ID;
    } else if (status == GridIndex.IdStatus.NOT_LEAF) {
      reason = GridAssignment.REASON_MAIN_GRID_ID_NOT_LEAF;
    } else if (hadLocation) {
      reason = GridAssignment.REASON_OUTSIDE_GRIDS;
    } else {
      reason = GridAssignment.REASON_NO_LOCATION;
    }
    return new Assigned(null, null, GridAssignment.METHOD_UNASSIGNED, reason, homeCellId, null);
  }

  static boolean usable(Double lon, Double lat) {
    return lon != null && lat != null && Double.isFinite(lon) && Double.isFinite(lat)
        && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
  }
}
