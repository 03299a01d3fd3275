package org.gridlens.pipeline.segment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whose model segments each grid: a grid with at least {@code min_customers} customers is
 * clustered alone; a smaller one borrows the model fitted on its whole main grid (all its
 * sub-grids pooled) when that pool is large enough and is not just the grid itself, otherwise the
 * model fitted on the whole city.
 */
final class ModelScopePlanner {

  /** Customers of one grid. */
  record GridCount(String gridId, String mainGridId, long customers) {}

  /** Scope per grid, and which pooled units must be fitted. */
  record Plan(Map<String, String> scopeOf, TreeSet<String> mainPools, boolean cityPool) {}

  private ModelScopePlanner() {}

  static Plan plan(List<GridCount> grids, int minCustomers) {
    Map<String, Long> mainTotal = new TreeMap<>();
    Map<String, Integer> mainGrids = new TreeMap<>();
    for (GridCount g : grids) {
      mainTotal.merge(g.mainGridId(), g.customers(), Long::sum);
      mainGrids.merge(g.mainGridId(), 1, Integer::sum);
    }
    Map<String, String> scope = new TreeMap<>();
    TreeSet<String> mains = new TreeSet<>();
    boolean city = false;
    for (GridCount g : grids) {
      if (g.customers() >= minCustomers) {
        scope.put(g.gridId(), UnitSegmentation.SCOPE_GRID);
      } else if (mainGrids.get(g.mainGridId()) > 1 && mainTotal.get(g.mainGridId()) >= minCustomers) {
        scope.put(g.gridId(), UnitSegmentation.SCOPE_MAIN);
        mains.add(g.mainGridId());
      } else {
        scope.put(g.gridId(), UnitSegmentation.SCOPE_CITY);
        city = true;
      }
    }
    return new Plan(scope, mains, city);
  }
}
