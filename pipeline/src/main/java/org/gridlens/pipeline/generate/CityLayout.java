package org.gridlens.pipeline.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The geography of a synthetic city: a WGS84 envelope cut into main grids and sub-grids that tile
 * it exactly, with each leaf grid's kind, latent competitor strength, customer weight and cells.
 *
 * <p>Grids are axis-aligned rectangles built from shared, rounded cut coordinates, so neighbours
 * share identical coordinates. Every polygon ring also carries each other grid's corner that lies
 * on its edges, so shared edges have the same vertices on both sides (a valid polygon coverage,
 * no T-junctions).
 */
final class CityLayout implements Serializable {

  private static final long serialVersionUID = 1L;

  static final double MIN_LON = 120.0;
  static final double MAX_LON = 120.4;
  static final double MIN_LAT = 30.1;
  static final double MAX_LAT = 30.4;
  /** East-west degrees are shorter than north-south ones by this factor at the city's latitude. */
  private static final double COS_LAT = Math.cos(Math.toRadians((MIN_LAT + MAX_LAT) / 2));

  /** One grid of either level; a rectangle [x0,x1] × [y0,y1] in lon/lat. */
  record Grid(
      String id,
      String name,
      String parentId,
      boolean leaf,
      int mainIndex,
      GridKind kind,
      String manager,
      long households,
      double competitorStrength,
      double x0,
      double y0,
      double x1,
      double y1)
      implements Serializable {

    boolean isMain() {
      return parentId == null;
    }

    /** The grid a customer of this leaf reports under: its parent, or itself for a main leaf. */
    String mainGridId() {
      return parentId == null ? id : parentId;
    }

    boolean contains(double lon, double lat) {
      return lon > x0 && lon < x1 && lat > y0 && lat < y1;
    }
  }

  /** A cell of the radio network, placed inside one leaf grid. */
  record Cell(String id, String siteId, int leaf, double lon, double lat, String technology, boolean bad)
      implements Serializable {}

  private final List<Grid> grids;
  private final Grid[] leaves;
  private final double[] leafWeights;
  private final Cell[] cells;
  private final int[][] cellsOfLeaf;
  private final double[] workWeights;
  private transient Map<Double, NavigableSet<Double>> ysOnVertical;
  private transient Map<Double, NavigableSet<Double>> xsOnHorizontal;

  private CityLayout(List<Grid> grids, double[] leafWeights, List<Cell> cells) {
    this.grids = List.copyOf(grids);
    this.leaves = grids.stream().filter(Grid::leaf).toArray(Grid[]::new);
    this.leafWeights = leafWeights;
    this.cells = cells.toArray(new Cell[0]);
    List<List<Integer>> byLeaf = new ArrayList<>();
    for (int i = 0; i < leaves.length; i++) {
      byLeaf.add(new ArrayList<>());
    }
    for (int c = 0; c < this.cells.length; c++) {
      byLeaf.get(this.cells[c].leaf()).add(c);
    }
    this.cellsOfLeaf = byLeaf.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    this.workWeights = new double[this.cells.length];
    for (int c = 0; c < this.cells.length; c++) {
      workWeights[c] =
          switch (leaves[this.cells[c].leaf()].kind()) {
            case COMMERCIAL -> 4;
            case INDUSTRIAL -> 3;
            case CAMPUS -> 1.5;
            case RESIDENTIAL -> 1;
            case RURAL -> 0.3;
          };
    }
  }

  /** Every grid, each main grid followed by its sub-grids. */
  List<Grid> grids() {
    return grids;
  }

  /** Leaf grids (where customers live), in grid order. */
  Grid leaf(int i) {
    return leaves[i];
  }

  int leafCount() {
    return leaves.length;
  }

  /** Relative number of customers of each leaf (0 for a grid left empty on purpose). */
  double[] leafWeights() {
    return leafWeights.clone();
  }

  double leafWeight(int i) {
    return leafWeights[i];
  }

  Cell cell(int i) {
    return cells[i];
  }

  int cellCount() {
    return cells.length;
  }

  /** Indices of the cells inside a leaf grid. */
  int[] cellsOf(int leaf) {
    return cellsOfLeaf[leaf];
  }

  /** Where people work: cell weights leaning to commercial and industrial grids. */
  double[] workWeights() {
    return workWeights;
  }

  /** Builds the city for a seed, a number of leaf grids and the customer count it must hold. */
  static CityLayout build(long seed, int leafCount, long customers) {
    if (leafCount < 3) {
      throw new IllegalArgumentException("a city needs at least 3 leaf grids, got " + leafCount);
    }
    SplittableRandom r = Seeds.random(seed, Seeds.LAYOUT, 0);
    // how many leaves each main grid holds: 1 = the main grid is itself a leaf
    int[] splitChoices = {1, 2, 3, 4, 6};
    double[] splitWeights = {0.25, 0.2, 0.2, 0.25, 0.1};
    List<Integer> perMain = new ArrayList<>();
    int total = 0;
    while (total < leafCount) {
      int k = splitChoices[Seeds.pick(r, splitWeights)];
      k = Math.min(k, leafCount - total);
      perMain.add(k);
      total += k;
    }
    int mains = perMain.size();
    double width = MAX_LON - MIN_LON;
    double height = MAX_LAT - MIN_LAT;
    double aspect = width * COS_LAT / height;
    int cols = Math.max(1, Math.min(mains, (int) Math.round(Math.sqrt(mains * aspect))));
    double[] xCuts = cuts(r, MIN_LON, MAX_LON, cols, 0.25);
    String idFormat = "G%0" + Math.max(3, String.valueOf(mains).length()) + "d";

    double[] hot = new double[6];
    for (int h = 0; h < 3; h++) {
      hot[2 * h] = MIN_LON + width * (0.1 + 0.8 * r.nextDouble());
      hot[2 * h + 1] = MIN_LAT + height * (0.1 + 0.8 * r.nextDouble());
    }

    List<Grid> grids = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int main = 0;
    for (int c = 0; c < cols; c++) {
      int rows = mains / cols + (c < mains % cols ? 1 : 0);
      double[] yCuts = cuts(r, MIN_LAT, MAX_LAT, rows, 0.25);
      for (int row = 0; row < rows; row++, main++) {
        double x0 = xCuts[c];
        double x1 = xCuts[c + 1];
        double y0 = yCuts[row];
        double y1 = yCuts[row + 1];
        GridKind mainKind = kindAt(r, (x0 + x1) / 2, (y0 + y1) / 2);
        String mainId = String.format(idFormat, main + 1);
        String mainName = ChineseNames.mainGridName(main);
        String manager = ChineseNames.person(r, r.nextBoolean());
        int k = perMain.get(main);
        if (k == 1) {
          double cs = competitorStrength(r, hot, (x0 + x1) / 2, (y0 + y1) / 2);
          grids.add(new Grid(mainId, mainName, null, true, main, mainKind, manager, 0, cs, x0, y0, x1, y1));
          weights.add(mainKind.density * (x1 - x0) * (y1 - y0) * Seeds.logNormal(r, 1, 0.5));
          continue;
        }
        int mainPos = grids.size();
        grids.add(null);
        int nx;
        int ny;
        boolean wide = (x1 - x0) * COS_LAT >= (y1 - y0);
        if (k == 4) {
          nx = 2;
          ny = 2;
        } else if (k == 6) {
          nx = wide ? 3 : 2;
          ny = wide ? 2 : 3;
        } else {
          nx = wide ? k : 1;
          ny = wide ? 1 : k;
        }
        double[] sx = cuts(r, x0, x1, nx, 0.2);
        double[] sy = cuts(r, y0, y1, ny, 0.2);
        double csSum = 0;
        int sub = 0;
        for (int i = 0; i < nx; i++) {
          for (int j = 0; j < ny; j++) {
            sub++;
            double cx = (sx[i] + sx[i + 1]) / 2;
            double cy = (sy[j] + sy[j + 1]) / 2;
            GridKind kind = r.nextDouble() < 0.7 ? mainKind : kindAt(r, cx, cy);
            double cs = competitorStrength(r, hot, cx, cy);
            csSum += cs;
            grids.add(
                new Grid(
                    String.format("%s-%02d", mainId, sub), ChineseNames.subGridName(mainName, sub), mainId, true,
                    main, kind, ChineseNames.person(r, r.nextBoolean()), 0, cs, sx[i], sy[j], sx[i + 1], sy[j + 1]));
            weights.add(kind.density * (sx[i + 1] - sx[i]) * (sy[j + 1] - sy[j]) * Seeds.logNormal(r, 1, 0.5));
          }
        }
        grids.set(
            mainPos,
            new Grid(mainId, mainName, null, false, main, mainKind, manager, 0, round3(csSum / sub), x0, y0, x1, y1));
      }
    }

    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    plantEmptyAndTinyGrids(r, grids, w, customers);
    List<Grid> withHouseholds = households(r, grids, w, customers);
    List<Cell> cells = cells(r, withHouseholds, w, customers);
    return new CityLayout(withHouseholds, w, cells);
  }

  /** n slices of [lo, hi] with interior cuts jittered by up to ±jitter of a slice, rounded to 6 decimals. */
  private static double[] cuts(SplittableRandom r, double lo, double hi, int n, double jitter) {
    double[] out = new double[n + 1];
    out[0] = lo;
    out[n] = hi;
    for (int k = 1; k < n; k++) {
      out[k] = Formats.round6(lo + (hi - lo) * (k + jitter * (2 * r.nextDouble() - 1)) / n);
    }
    return out;
  }

  /** Centre: commercial and residential; ring: residential with industry; edge: rural and industrial. */
  private static GridKind kindAt(SplittableRandom r, double lon, double lat) {
    double dx = Math.abs(lon - (MIN_LON + MAX_LON) / 2) / ((MAX_LON - MIN_LON) / 2);
    double dy = Math.abs(lat - (MIN_LAT + MAX_LAT) / 2) / ((MAX_LAT - MIN_LAT) / 2);
    double d = Math.max(dx, dy);
    double[] w;
    if (d < 0.3) {
      w = new double[] {0.4, 0.45, 0.15, 0.0, 0.0};
    } else if (d < 0.65) {
      w = new double[] {0.55, 0.12, 0.1, 0.18, 0.05};
    } else {
      w = new double[] {0.15, 0.03, 0.05, 0.3, 0.47};
    }
    return GridKind.values()[Seeds.pick(r, w)];
  }

  /** Competitor strength 0..1: high near the competitors' strongholds, plus local noise. */
  private static double competitorStrength(SplittableRandom r, double[] hot, double lon, double lat) {
    double peak = 0;
    for (int h = 0; h < hot.length / 2; h++) {
      double dx = (lon - hot[2 * h]) / 0.09;
      double dy = (lat - hot[2 * h + 1]) / 0.07;
      peak = Math.max(peak, Math.exp(-(dx * dx + dy * dy) / 2));
    }
    return round3(Seeds.clamp(0.1 + 0.7 * peak + 0.1 * r.nextGaussian(), 0.02, 0.95));
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** At least one leaf gets no customers at all, a few get only a handful. */
  private static void plantEmptyAndTinyGrids(SplittableRandom r, List<Grid> grids, double[] w, long customers) {
    int n = w.length;
    int empty = Math.max(1, n / 150);
    int tiny = Math.max(1, n / 60);
    List<Integer> order = new ArrayList<>();
    List<Integer> leaves = new ArrayList<>();
    for (int i = 0, leaf = 0; i < grids.size(); i++) {
      if (grids.get(i).leaf()) {
        leaves.add(i);
        order.add(leaf++);
      }
    }
    // prefer rural and industrial leaves for the empty ones: a new development zone has no customers yet
    order.sort((a, b) -> Integer.compare(rank(grids.get(leaves.get(a)).kind()), rank(grids.get(leaves.get(b)).kind())));
    int[] chosen = new int[empty + tiny];
    List<Integer> pool = new ArrayList<>(order.subList(0, Math.max(empty, Math.min(n, n / 3 + 1))));
    for (int e = 0; e < empty; e++) {
      chosen[e] = pool.remove(r.nextInt(pool.size()));
    }
    List<Integer> rest = new ArrayList<>(order);
    for (int e = 0; e < empty; e++) {
      rest.remove(Integer.valueOf(chosen[e]));
    }
    rest.sort(Integer::compare);
    for (int t = 0; t < tiny && rest.size() > 1; t++) {
      chosen[empty + t] = rest.remove(r.nextInt(rest.size()));
    }
    double normal = 0;
    for (double v : w) {
      normal += v;
    }
    for (int e = 0; e < empty; e++) {
      w[chosen[e]] = 0;
    }
    for (int t = 0; t < tiny; t++) {
      normal -= w[chosen[empty + t]];
    }
    for (int t = 0; t < tiny; t++) {
      // 2 to 8 customers expected
      w[chosen[empty + t]] = normal * (2 + 6 * r.nextDouble()) / Math.max(customers, 1);
    }
  }

  private static int rank(GridKind k) {
    return switch (k) {
      case RURAL -> 0;
      case INDUSTRIAL -> 1;
      default -> 2;
    };
  }

  /** households = expected customers / penetration; penetration falls with competitor strength. */
  private static List<Grid> households(SplittableRandom r, List<Grid> grids, double[] w, long customers) {
    double total = 0;
    for (double v : w) {
      total += v;
    }
    List<Grid> out = new ArrayList<>();
    Map<String, Long> perMain = new HashMap<>();
    int leaf = 0;
    for (Grid g : grids) {
      if (!g.leaf()) {
        out.add(g);
        continue;
      }
      double expected = customers * w[leaf++] / total;
      double penetration = Seeds.clamp(0.62 - 0.45 * g.competitorStrength() + 0.04 * r.nextGaussian(), 0.08, 0.95);
      long hh = expected == 0 ? 50 + r.nextInt(250) : Math.max(1, Math.round(expected / penetration));
      out.add(withHouseholds(g, hh));
      perMain.merge(g.mainGridId(), hh, Long::sum);
    }
    for (int i = 0; i < out.size(); i++) {
      Grid g = out.get(i);
      if (!g.leaf()) {
        out.set(i, withHouseholds(g, perMain.getOrDefault(g.id(), 0L)));
      }
    }
    return out;
  }

  private static Grid withHouseholds(Grid g, long hh) {
    return new Grid(g.id(), g.name(), g.parentId(), g.leaf(), g.mainIndex(), g.kind(), g.manager(), hh,
        g.competitorStrength(), g.x0(), g.y0(), g.x1(), g.y1());
  }

  /** Cells in sites of up to three sectors; density follows grid kind and expected customers. */
  private static List<Cell> cells(SplittableRandom r, List<Grid> grids, double[] w, long customers) {
    double total = 0;
    for (double v : w) {
      total += v;
    }
    List<Cell> out = new ArrayList<>();
    int leaf = 0;
    int site = 0;
    for (Grid g : grids) {
      if (!g.leaf()) {
        continue;
      }
      double expected = customers * w[leaf] / total;
      int n = Math.max(1, (int) Math.round(expected / g.kind().customersPerCell * Seeds.logNormal(r, 1, 0.2)));
      double[] p = null;
      for (int c = 0; c < n; c++) {
        if (c % 3 == 0) {
          site++;
          p = pointInside(r, g);
        }
        String tech = r.nextDouble() < g.kind().share5g ? "5G" : "4G";
        out.add(new Cell(String.format("C%06d", out.size() + 1), String.format("S%05d", site), leaf, p[0], p[1], tech,
            r.nextDouble() < 0.07));
      }
      leaf++;
    }
    if (out.stream().noneMatch(Cell::bad)) {
      Cell c = out.get(0);
      out.set(0, new Cell(c.id(), c.siteId(), c.leaf(), c.lon(), c.lat(), c.technology(), true));
    }
    return out;
  }

  /** A point strictly inside a grid, never on (or within rounding distance of) its border. */
  static double[] pointInside(SplittableRandom r, Grid g) {
    double mx = (g.x1() - g.x0()) * 0.03;
    double my = (g.y1() - g.y0()) * 0.03;
    double lon = Formats.round6(g.x0() + mx + (g.x1() - g.x0() - 2 * mx) * r.nextDouble());
    double lat = Formats.round6(g.y0() + my + (g.y1() - g.y0() - 2 * my) * r.nextDouble());
    return new double[] {lon, lat};
  }

  /**
   * The exterior ring of a grid, counter-clockwise (RFC 7946), closed, with every grid corner of the
   * city that lies on one of its edges.
   */
  List<double[]> ring(Grid g) {
    indexVertices();
    List<double[]> ring = new ArrayList<>();
    ring.add(new double[] {g.x0(), g.y0()});
    for (double x : xsOnHorizontal.get(g.y0()).subSet(g.x0(), false, g.x1(), false)) {
      ring.add(new double[] {x, g.y0()});
    }
    ring.add(new double[] {g.x1(), g.y0()});
    for (double y : ysOnVertical.get(g.x1()).subSet(g.y0(), false, g.y1(), false)) {
      ring.add(new double[] {g.x1(), y});
    }
    ring.add(new double[] {g.x1(), g.y1()});
    for (double x : xsOnHorizontal.get(g.y1()).subSet(g.x0(), false, g.x1(), false).descendingSet()) {
      ring.add(new double[] {x, g.y1()});
    }
    ring.add(new double[] {g.x0(), g.y1()});
    for (double y : ysOnVertical.get(g.x0()).subSet(g.y0(), false, g.y1(), false).descendingSet()) {
      ring.add(new double[] {g.x0(), y});
    }
    ring.add(new double[] {g.x0(), g.y0()});
    return ring;
  }

  /** The grid as a JTS polygon (for checks and tests). */
  Polygon polygon(Grid g, GeometryFactory factory) {
    List<double[]> ring = ring(g);
    Coordinate[] cs = new Coordinate[ring.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(ring.get(i)[0], ring.get(i)[1]);
    }
    return factory.createPolygon(cs);
  }

  private synchronized void indexVertices() {
    if (ysOnVertical != null) {
      return;
    }
    Map<Double, NavigableSet<Double>> v = new HashMap<>();
    Map<Double, NavigableSet<Double>> h = new HashMap<>();
    for (Grid g : grids) {
      for (double x : new double[] {g.x0(), g.x1()}) {
        for (double y : new double[] {g.y0(), g.y1()}) {
          v.computeIfAbsent(x, k -> new TreeSet<>()).add(y);
          h.computeIfAbsent(y, k -> new TreeSet<>()).add(x);
        }
      }
    }
    ysOnVertical = v;
    xsOnHorizontal = h;
  }
}
