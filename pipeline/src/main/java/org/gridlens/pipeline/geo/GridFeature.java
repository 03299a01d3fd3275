package org.gridlens.pipeline.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature of the grid layer as read: its properties and its geometry in WGS84 lon/lat.
 *
 * @param source where it came from ({@code grids.geojson#12}: file and 0-based feature index)
 * @param geometry null when the feature's geometry could not be read at all
 */
public record GridFeature(
    String gridId,
    String name,
    String parentId,
    String manager,
    String gridKind,
    Long households,
    Geometry geometry,
    String source) {

  public boolean isMain() {
    return parentId == null;
  }

  public GridFeature withGeometry(Geometry g) {
    return new GridFeature(gridId, name, parentId, manager, gridKind, households, g, source);
  }

  public GridFeature withParent(String parent) {
    return new GridFeature(gridId, name, parent, manager, gridKind, households, geometry, source);
  }

  /** The main grid of this grid: its parent, or itself for a main grid. */
  public String mainGridId() {
    return parentId == null ? gridId : parentId;
  }
}
