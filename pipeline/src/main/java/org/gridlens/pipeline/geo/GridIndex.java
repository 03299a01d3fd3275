package org.gridlens.pipeline.geo;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The grid layer as a point-location index: which leaf grid covers a lon/lat point, and how far the
 * point is from that grid's border. Plain Java over JTS: an STRtree of PreparedGeometry.
 *
 * <p>It is broadcast to the executors as ids and WKB only: the tree and the prepared geometries
 * are transient and built lazily once per JVM, so the broadcast is small, works with Kryo and Java
 * serialization alike, and no executor depends on JTS internals being serializable.
 *
 * <p>Border rule: a point is given to the leaf grid whose polygon covers it (interior or boundary);
 * when several do (a point on a shared edge or vertex, or in an overlap), the smallest grid_id wins.
 * A point covered by none goes to the nearest leaf within the snap distance (float noise on
 * borders), ties to the smallest grid_id, else it is outside the grids.
 */
public final class GridIndex implements Serializable {

  private static final long serialVersionUID = 1L;
  /** Mean Earth radius (IUGG), metres. */
  static final double EARTH_RADIUS_M = 6_371_008.8;

  private final String[] ids;
  private final String[] mainIds;
  private final boolean[] leaf;
  private final byte[][] wkb;
  private final double snapDistanceM;
  private transient volatile Runtime runtime;

  /** A grid of the layer: id, main grid, whether customers go to it, geometry in lon/lat as WKB. */
  public record Grid(String gridId, String mainGridId, boolean isLeaf, byte[] wkb) {}

  /** Where a point is: the leaf grid, its main grid, and the distance to the leaf's border in metres. */
  public record Location(String gridId, String mainGridId, double borderDistanceM) {}

  /** What the layer knows of a grid id. */
  public enum IdStatus {
    LEAF,
    NOT_LEAF,
    UNKNOWN
  }

  public GridIndex(List<Grid> grids, double snapDistanceM) {
    int n = grids.size();
    ids = new String[n];
    mainIds = new String[n];
    leaf = new boolean[n];
    wkb = new byte[n][];
    List<Grid> sorted = grids.stream().sorted(java.util.Comparator.comparing(Grid::gridId)).toList();
    for (int i = 0; i < n; i++) {
      Grid g = sorted.get(i);
      ids[i] = g.gridId();
      mainIds[i] = g.mainGridId();
      leaf[i] = g.isLeaf();
      // only leaves are located into; a main grid with sub-grids needs no geometry here
      wkb[i] = g.isLeaf() ? g.wkb() : null;
    }
    this.snapDistanceM = snapDistanceM;
  }

  public int size() {
    return ids.length;
  }

  /** Leaf grid ids, sorted. */
  public List<String> leafIds() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (leaf[i]) {
        out.add(ids[i]);
      }
    }
    return out;
  }

  public IdStatus status(String gridId) {
    Integer i = rt().byId.get(gridId);
    return i == null ? IdStatus.UNKNOWN : leaf[i] ? IdStatus.LEAF : IdStatus.NOT_LEAF;
  }

  /** The main grid of a known grid id. */
  public String mainOf(String gridId) {
    Integer i = rt().byId.get(gridId);
    return i == null ? null : mainIds[i];
  }

  /** The leaf grid of a lon/lat point by the border rule, or null when it is outside every grid. */
  public Location locate(double lon, double lat) {
    Runtime r = rt();
    Point p = r.gf.createPoint(new Coordinate(lon, lat));
    Envelope at = new Envelope(lon, lon, lat, lat);
    Entry best = null;
    for (Object o : r.tree.query(at)) {
      Entry e = (Entry) o;
      if ((best == null || e.index < best.index) && e.prepared.covers(p)) {
        best = e;
      }
    }
    if (best != null) {
      return new Location(ids[best.index], mainIds[best.index], best.distanceToBorder(lon, lat));
    }
    return snapDistanceM > 0 ? snap(r, lon, lat) : null;
  }

  private Location snap(Runtime r, double lon, double lat) {
    double dLat = Math.toDegrees(snapDistanceM / EARTH_RADIUS_M);
    double dLon = dLat / Math.max(0.01, Math.cos(Math.toRadians(lat)));
    Envelope around = new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat);
    Entry best = null;
    double bestD = Double.MAX_VALUE;
    for (Object o : r.tree.query(around)) {
      Entry e = (Entry) o;
      double d = e.distanceToBorder(lon, lat);
      if (d <= snapDistanceM && (d < bestD || (d == bestD && e.index < best.index))) {
        best = e;
        bestD = d;
      }
    }
    return best == null ? null : new Location(ids[best.index], mainIds[best.index], 0.0);
  }

  private Runtime rt() {
    Runtime r = runtime;
    if (r == null) {
      synchronized (this) {
        r = runtime;
        if (r == null) {
          r = new Runtime(this);
          runtime = r;
        }
      }
    }
    return r;
  }

  /** A leaf in the tree: its prepared polygon, and its border in local metres for distances. */
  private static final class Entry {
    final int index;
    final PreparedGeometry prepared;
    final double refLat;
    final double xScale;
    final IndexedFacetDistance border;
    final GeometryFactory gf;

    Entry(int index, Geometry g, GeometryFactory gf) {
      this.index = index;
      this.prepared = PreparedGeometryFactory.prepare(g);
      Envelope e = g.getEnvelopeInternal();
      this.refLat = (e.getMinY() + e.getMaxY()) / 2;
      // local equirectangular plane around the grid: distances within a grid are true to < 0.1%
      this.xScale = Math.toRadians(1) * EARTH_RADIUS_M * Math.cos(Math.toRadians(refLat));
      this.gf = gf;
      Geometry local = new GeometryTransformer() {
        @Override
        protected CoordinateSequence transformCoordinates(CoordinateSequence coords, Geometry parent) {
          CoordinateSequence c = coords.copy();
          for (int i = 0; i < c.size(); i++) {
            c.setOrdinate(i, 0, c.getX(i) * xScale);
            c.setOrdinate(i, 1, c.getY(i) * Math.toRadians(1) * EARTH_RADIUS_M);
          }
          return c;
        }
      }.transform(g);
      this.border = new IndexedFacetDistance(local.getBoundary());
    }

    double distanceToBorder(double lon, double lat) {
      return border.distance(gf.createPoint(new Coordinate(lon * xScale, lat * Math.toRadians(1) * EARTH_RADIUS_M)));
    }
  }

  /** The per-JVM structures built from the serialized form. */
  private static final class Runtime {
    final GeometryFactory gf = new GeometryFactory();
    final STRtree tree = new STRtree();
    final Map<String, Integer> byId = new HashMap<>();

    Runtime(GridIndex idx) {
      WKBReader reader = new WKBReader(gf);
      for (int i = 0; i < idx.ids.length; i++) {
        byId.put(idx.ids[i], i);
        if (idx.wkb[i] == null) {
          continue;
        }
        Geometry g;
        try {
          g = reader.read(idx.wkb[i]);
        } catch (ParseException e) {
          throw new IllegalStateException("grid " + idx.ids[i] + ": unreadable WKB in the grids dataset", e);
        }
        tree.insert(g.getEnvelopeInternal(), new Entry(i, g, gf));
      }
      tree.build();
    }
  }
}
