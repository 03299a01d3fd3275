package org.gridlens.pipeline.geo;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One fault of the grid layer, with the grids involved and where it is (lon/lat), for the
 * topology report and its GeoJSON of problem areas.
 *
 * @param areaM2 area of the fault (overlap, gap, part outside the parent), null when not an area
 * @param where the problem area or location in lon/lat; null when there is nothing to draw
 * @param repaired true when {@code geo.repair} fixed it (the published layer no longer has it)
 */
public record TopologyProblem(
    Kind kind, List<String> gridIds, String message, Double areaM2, Geometry where, boolean repaired) {

  /** Kinds of faults, in report order. */
  public enum Kind {
    /** A feature without a grid_id property (never repairable: it is dropped). */
    MISSING_GRID_ID,
    /** The same grid_id on several features; repair keeps the first in file order. */
    DUPLICATE_GRID_ID,
    /** Unreadable, non-polygonal, empty or invalid (IsValidOp) geometry; repair uses GeometryFixer. */
    INVALID_GEOMETRY,
    /** parent_id names no grid, the grid itself, or a sub-grid; repair re-parents to the main grid or drops it. */
    BAD_PARENT,
    /** A sub-grid sticks out of its main grid; repair clips it to the main grid. */
    SUB_GRID_OUTSIDE_PARENT,
    /** Two grids of the same level overlap; repair leaves the overlap to the smaller grid_id. */
    OVERLAP,
    /** A hole in the covered territory that no leaf grid covers; not repairable. */
    GAP,
    /** A leaf grid that received no customer (reported by assign; never fatal). */
    EMPTY_GRID
  }

  public String kindId() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
