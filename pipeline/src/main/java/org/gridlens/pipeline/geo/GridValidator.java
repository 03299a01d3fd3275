package org.gridlens.pipeline.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Validates a grid layer: ids, geometries, the main/sub hierarchy, same-level overlaps and gaps,
 * each fault reported with the grids involved. With {@code geo.repair} it also fixes what can be
 * fixed, in a fixed order (ids, geometries, parents, main overlaps, containment, sub overlaps), so
 * each check sees the repaired layer of the previous one. Plain Java over JTS: no Spark.
 */
public final class GridValidator {

  /** Grids farther apart than this (degrees, about 1 mm) do not border a gap. */
  private static final double TOUCH_DEGREES = 1e-8;
  /** A ring enclosing less than this (degrees², about 1 cm²) encloses nothing. */
  private static final double ZERO_AREA_DEG2 = 1e-14;

  private final GeoConfig config;
  private final GeometryFactory gf = new GeometryFactory();

  public GridValidator(GeoConfig config) {
    this.config = config;
  }

  /**
   * The validated layer.
   *
   * @param grids the usable grids (repaired when repair is on), sorted by grid_id
   * @param problems every fault found, in report order
   * @param projection the equal-area projection centred on the layer, for areas
   */
  public record Result(
      List<GridFeature> grids, List<TopologyProblem> problems, EqualAreaProjection projection, boolean repair) {

    /**
     * True when the stage must fail: faults were found and repair is off. With repair on, every
     * fault is fixed, dropped or (gaps) left for assignment to report as outside_grids.
     */
    public boolean failed() {
      return !repair && !problems.isEmpty();
    }

    /** Grid ids that are the parent of some grid. */
    public java.util.Set<String> parents() {
      java.util.Set<String> s = new TreeSet<>();
      for (GridFeature g : grids) {
        if (g.parentId() != null) {
          s.add(g.parentId());
        }
      }
      return s;
    }
  }

  public Result validate(List<GridFeature> features, Map<String, String> unreadable) {
    List<TopologyProblem> problems = new ArrayList<>();
    boolean repair = config.repair();

    // 1. ids: a feature without an id cannot be published; later duplicates never take part.
    Map<String, GridFeature> byId = new LinkedHashMap<>();
    Map<String, List<GridFeature>> dups = new TreeMap<>();
    for (GridFeature f : features) {
      if (f.gridId() == null) {
        problems.add(problem(TopologyProblem.Kind.MISSING_GRID_ID, List.of(),
            f.source() + ": feature without grid_id", null, where(f.geometry()), false));
        continue;
      }
      GridFeature first = byId.putIfAbsent(f.gridId(), f);
      if (first != null) {
        dups.computeIfAbsent(f.gridId(), k -> new ArrayList<>(List.of(first))).add(f);
      }
    }
    dups.forEach((id, list) -> {
      List<String> sources = list.stream().map(GridFeature::source).toList();
      List<Geometry> later = new ArrayList<>();
      for (int i = 1; i < list.size(); i++) {
        if (list.get(i).geometry() != null) {
          later.add(list.get(i).geometry());
        }
      }
      problems.add(problem(TopologyProblem.Kind.DUPLICATE_GRID_ID, List.of(id),
          "grid_id " + id + " appears " + list.size() + " times: " + String.join(", ", sources)
              + (repair ? "; kept the first" : ""),
          null, later.isEmpty() ? null : gf.buildGeometry(later), repair));
    });

    // 2. geometries
    Map<String, GridFeature> grids = new TreeMap<>();
    for (GridFeature f : byId.values()) {
      GridFeature checked = checkGeometry(f, unreadable.get(f.source()), problems);
      if (checked != null) {
        grids.put(checked.gridId(), checked);
      }
    }
    // 3. parents: two levels only, main grids and their sub-grids
    checkParents(grids, problems, byId);

    Envelope env = new Envelope();
    grids.values().forEach(g -> env.expandToInclude(g.geometry().getEnvelopeInternal()));
    EqualAreaProjection projection =
        env.isNull() ? EqualAreaProjection.centredOn(0, 0) : EqualAreaProjection.centredOn(env);

    // 4. same-level overlaps among main grids, 5. sub-grids inside their main, 6. sub overlaps
    checkOverlaps(grids, true, projection, problems);
    checkContainment(grids, projection, problems);
    checkOverlaps(grids, false, projection, problems);
    // 7. gaps inside the covered territory
    checkGaps(grids, projection, problems);

    problems.sort(Comparator.comparing(TopologyProblem::kind)
        .thenComparing(p -> String.join(",", p.gridIds())));
    return new Result(List.copyOf(grids.values()), List.copyOf(problems), projection, repair);
  }

  private GridFeature checkGeometry(GridFeature f, String unreadableReason, List<TopologyProblem> problems) {
    Geometry g = f.geometry();
    List<String> id = List.of(f.gridId());
    if (g == null) {
      String why = unreadableReason != null ? "unreadable geometry: " + unreadableReason : "no geometry";
      problems.add(problem(TopologyProblem.Kind.INVALID_GEOMETRY, id, f.source() + ": " + why, null, null, false));
      return null;
    }
    if (!(g instanceof Polygonal)) {
      problems.add(problem(TopologyProblem.Kind.INVALID_GEOMETRY, id,
          f.source() + ": a " + g.getGeometryType() + ", not a Polygon or MultiPolygon", null, where(g), false));
      return null;
    }
    if (g.isEmpty()) {
      problems.add(problem(TopologyProblem.Kind.INVALID_GEOMETRY, id, f.source() + ": empty geometry", null, null, false));
      return null;
    }
    TopologyValidationError err = new IsValidOp(g).getValidationError();
    if (err == null) {
      err = zeroAreaRing(g);
    }
    if (err == null) {
      return f;
    }
    Coordinate at = err.getCoordinate();
    String msg = f.source() + ": " + err.getMessage()
        + (at == null ? "" : String.format(Locale.ROOT, " at (%.7f %.7f)", at.x, at.y));
    Geometry point = at == null ? where(g) : gf.createPoint(at);
    if (!config.repair()) {
      problems.add(problem(TopologyProblem.Kind.INVALID_GEOMETRY, id, msg, null, point, false));
      return null;
    }
    Geometry fixed = polygonal(GeometryFixer.fix(g));
    boolean ok = !fixed.isEmpty();
    problems.add(problem(TopologyProblem.Kind.INVALID_GEOMETRY, id,
        msg + (ok ? "; repaired with GeometryFixer" : "; GeometryFixer left nothing, grid dropped"), null, point, ok));
    return ok ? f.withGeometry(fixed) : null;
  }

  /** IsValidOp accepts a ring folded back on itself (collinear points); a grid must not. */
  private static TopologyValidationError zeroAreaRing(Geometry g) {
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      for (int r = -1; r < p.getNumInteriorRing(); r++) {
        org.locationtech.jts.geom.LinearRing ring = r < 0 ? p.getExteriorRing() : p.getInteriorRingN(r);
        if (Math.abs(Area.ofRing(ring.getCoordinateSequence())) < ZERO_AREA_DEG2) {
          return new TopologyValidationError(TopologyValidationError.RING_SELF_INTERSECTION, ring.getCoordinate()) {
            @Override
            public String getMessage() {
              return "Zero-area ring";
            }
          };
        }
      }
    }
    return null;
  }

  private void checkParents(Map<String, GridFeature> grids, List<TopologyProblem> problems, Map<String, GridFeature> all) {
    boolean repair = config.repair();
    List<String> drop = new ArrayList<>();
    Map<String, GridFeature> changed = new HashMap<>();
    for (GridFeature f : grids.values()) {
      String parent = f.parentId();
      if (parent == null) {
        continue;
      }
      List<String> ids = List.of(f.gridId(), parent);
      GridFeature p = grids.get(parent);
      if (parent.equals(f.gridId())) {
        problems.add(problem(TopologyProblem.Kind.BAD_PARENT, List.of(f.gridId()),
            f.source() + ": grid " + f.gridId() + " is its own parent" + (repair ? "; made a main grid" : ""),
            null, where(f.geometry()), repair));
        changed.put(f.gridId(), f.withParent(null));
      } else if (p == null) {
        String why = all.containsKey(parent) ? "has an unusable geometry" : "is not in the layer";
        problems.add(problem(TopologyProblem.Kind.BAD_PARENT, ids,
            f.source() + ": parent_id " + parent + " of grid " + f.gridId() + " " + why
                + (repair ? "; grid dropped" : ""),
            null, where(f.geometry()), repair));
        drop.add(f.gridId());
      } else if (p.parentId() != null) {
        String main = p.parentId();
        boolean fixable = grids.containsKey(main) && grids.get(main).parentId() == null;
        problems.add(problem(TopologyProblem.Kind.BAD_PARENT, ids,
            f.source() + ": parent " + parent + " of grid " + f.gridId() + " is itself a sub-grid (only main and sub levels)"
                + (repair ? (fixable ? "; re-parented to main grid " + main : "; grid dropped") : ""),
            null, where(f.geometry()), repair));
        if (fixable) {
          changed.put(f.gridId(), f.withParent(main));
        } else {
          drop.add(f.gridId());
        }
      }
    }
    if (repair) {
      grids.putAll(changed);
      drop.forEach(grids::remove);
    } else {
      // left out of the geometric checks: where they belong is unknown
      drop.forEach(grids::remove);
      changed.keySet().forEach(grids::remove);
    }
  }

  private void checkContainment(Map<String, GridFeature> grids, EqualAreaProjection proj, List<TopologyProblem> problems) {
    Map<String, GridFeature> clipped = new HashMap<>();
    for (GridFeature f : grids.values()) {
      GridFeature parent = f.parentId() == null ? null : grids.get(f.parentId());
      if (parent == null) {
        continue;
      }
      Geometry outside = polygonal(OverlayNGRobust.overlay(f.geometry(), parent.geometry(), OverlayNG.DIFFERENCE));
      double area = EqualAreaProjection.faultAreaM2(outside);
      if (area <= config.containmentToleranceM2()) {
        continue;
      }
      Geometry inside = polygonal(OverlayNGRobust.overlay(f.geometry(), parent.geometry(), OverlayNG.INTERSECTION));
      boolean fix = config.repair() && !inside.isEmpty();
      problems.add(problem(TopologyProblem.Kind.SUB_GRID_OUTSIDE_PARENT, List.of(f.gridId(), parent.gridId()),
          String.format(Locale.ROOT, "sub-grid %s sticks out of its main grid %s by %.1f m²%s", f.gridId(),
              parent.gridId(), area, fix ? "; clipped to the main grid" : ""),
          area, outside, fix));
      if (fix) {
        clipped.put(f.gridId(), f.withGeometry(inside));
      }
    }
    grids.putAll(clipped);
  }

  private void checkOverlaps(Map<String, GridFeature> grids, boolean mains, EqualAreaProjection proj, List<TopologyProblem> problems) {
    List<GridFeature> level = grids.values().stream().filter(g -> g.isMain() == mains).toList(); // sorted by id
    STRtree tree = new STRtree();
    List<PreparedGeometry> prepared = new ArrayList<>();
    for (int i = 0; i < level.size(); i++) {
      Geometry g = level.get(i).geometry();
      prepared.add(PreparedGeometryFactory.prepare(g));
      tree.insert(g.getEnvelopeInternal(), i);
    }
    Map<String, List<Geometry>> lost = new TreeMap<>();
    for (int i = 0; i < level.size(); i++) {
      GridFeature a = level.get(i);
      List<Integer> near = new ArrayList<>();
      for (Object o : tree.query(a.geometry().getEnvelopeInternal())) {
        if ((Integer) o > i) {
          near.add((Integer) o);
        }
      }
      near.sort(null);
      for (int j : near) {
        GridFeature b = level.get(j);
        if (!prepared.get(i).intersects(b.geometry())) {
          continue;
        }
        Geometry overlap = polygonal(OverlayNGRobust.overlay(a.geometry(), b.geometry(), OverlayNG.INTERSECTION));
        double area = EqualAreaProjection.faultAreaM2(overlap);
        if (area <= config.overlapToleranceM2()) {
          continue;
        }
        problems.add(problem(TopologyProblem.Kind.OVERLAP, List.of(a.gridId(), b.gridId()),
            String.format(Locale.ROOT, "%s grids %s and %s overlap by %.1f m²%s", mains ? "main" : "sub",
                a.gridId(), b.gridId(), area, config.repair() ? "; the overlap stays with " + a.gridId() : ""),
            area, overlap, config.repair()));
        lost.computeIfAbsent(b.gridId(), k -> new ArrayList<>()).add(overlap);
      }
    }
    if (config.repair()) {
      lost.forEach((id, parts) -> {
        GridFeature b = grids.get(id);
        Geometry rest = polygonal(OverlayNGRobust.overlay(
            b.geometry(), OverlayNGRobust.union(parts), OverlayNG.DIFFERENCE));
        grids.put(id, b.withGeometry(rest.isEmpty() ? b.geometry() : rest));
      });
    }
  }

  private void checkGaps(Map<String, GridFeature> grids, EqualAreaProjection proj, List<TopologyProblem> problems) {
    if (grids.isEmpty()) {
      return;
    }
    java.util.Set<String> parents = new TreeSet<>();
    grids.values().forEach(g -> { if (g.parentId() != null) parents.add(g.parentId()); });
    List<Geometry> all = new ArrayList<>();
    List<Geometry> leaves = new ArrayList<>();
    for (GridFeature g : grids.values()) {
      all.add(g.geometry());
      if (!parents.contains(g.gridId())) {
        leaves.add(g.geometry());
      }
    }
    Geometry territory = fillHoles(OverlayNGRobust.union(all));
    Geometry covered = OverlayNGRobust.union(leaves);
    Geometry gaps = polygonal(OverlayNGRobust.overlay(territory, covered, OverlayNG.DIFFERENCE));
    STRtree tree = new STRtree();
    grids.values().forEach(g -> tree.insert(g.geometry().getEnvelopeInternal(), g));
    for (int i = 0; i < gaps.getNumGeometries(); i++) {
      Geometry gap = gaps.getGeometryN(i);
      double area = EqualAreaProjection.faultAreaM2(gap);
      if (area <= config.gapToleranceM2()) {
        continue;
      }
      Envelope e = new Envelope(gap.getEnvelopeInternal());
      e.expandBy(TOUCH_DEGREES);
      TreeSet<String> around = new TreeSet<>();
      for (Object o : tree.query(e)) {
        GridFeature g = (GridFeature) o;
        if (!parents.contains(g.gridId()) && g.geometry().isWithinDistance(gap, TOUCH_DEGREES)) {
          around.add(g.gridId());
        }
      }
      problems.add(problem(TopologyProblem.Kind.GAP, List.copyOf(around),
          String.format(Locale.ROOT, "gap of %.1f m² that no leaf grid covers, between %s", area, String.join(", ", around)),
          area, gap, false));
    }
  }

  private Geometry fillHoles(Geometry g) {
    List<Polygon> shells = new ArrayList<>();
    for (Object o : PolygonExtracter.getPolygons(g)) {
      shells.add(gf.createPolygon(((Polygon) o).getExteriorRing().getCoordinates()));
    }
    return OverlayNGRobust.union(new ArrayList<Geometry>(shells), gf);
  }

  /** The polygonal part of a geometry (overlay results may carry lines and points). */
  static Geometry polygonal(Geometry g) {
    if (g instanceof Polygonal) {
      return g;
    }
    @SuppressWarnings("unchecked")
    List<Polygon> polys = PolygonExtracter.getPolygons(g);
    GeometryFactory f = g.getFactory();
    if (polys.isEmpty()) {
      return f.createMultiPolygon();
    }
    return polys.size() == 1 ? polys.get(0) : f.createMultiPolygon(polys.toArray(new Polygon[0]));
  }

  private Geometry where(Geometry g) {
    if (g == null || g.isEmpty()) {
      return null;
    }
    return g;
  }

  private static TopologyProblem problem(
      TopologyProblem.Kind kind, List<String> ids, String msg, Double area, Geometry where, boolean repaired) {
    return new TopologyProblem(kind, ids, msg, area, where, repaired);
  }
}
