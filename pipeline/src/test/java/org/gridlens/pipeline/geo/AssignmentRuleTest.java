package org.gridlens.pipeline.geo;

import static org.gridlens.pipeline.geo.GeoFixtures.city;
import static org.gridlens.pipeline.geo.GeoFixtures.index;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gridlens.pipeline.schema.GridAssignment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssignmentRuleTest {

  private static final GridIndex CITY = index(city(), 1.0);

  // points: P1 in G002, P2 in G001-02; home cell H at a point in G003; X outside every grid
  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
    // case, explicit, lon, lat, home cell, cell lon, cell lat, grid, main, method, reason
    "explicit beats point and home cell, G001-01, 120.025, 30.005, H, 120.015, 30.015, G001-01, G001, explicit, -",
    "explicit main grid without sub-grids, G002, -, -, -, -, -, G002, G002, explicit, -",
    "point beats home cell, -, 120.025, 30.005, H, 120.015, 30.015, G002, G002, point, -",
    "home cell when no point, -, -, -, H, 120.015, 30.015, G003, G003, home_cell, -",
    "home cell when the point is outside, -, 121, 31, H, 120.015, 30.015, G003, G003, home_cell, -",
    "main grid with sub-grids located by point, G001, 120.015, 30.005, -, -, -, G001-02, G001, point, -",
    "main grid with sub-grids and no location, G001, -, -, -, -, -, -, -, unassigned, main_grid_id_not_leaf",
    "unknown grid id located by point, G999, 120.025, 30.005, -, -, -, G002, G002, point, -",
    "unknown grid id and no location, G999, -, -, -, -, -, -, -, unassigned, unknown_grid_id",
    "unknown grid id and outside, G999, 121, 31, -, -, -, -, -, unassigned, unknown_grid_id",
    "point outside and no home cell, -, 121, 31, -, -, -, -, -, unassigned, outside_grids",
    "home cell outside, -, -, -, H, 121, 31, -, -, unassigned, outside_grids",
    "home cell without coordinates, -, -, -, H, -, -, -, -, unassigned, no_location",
    "nothing at all, -, -, -, -, -, -, -, -, unassigned, no_location",
    "blank explicit id is no id, '  ', 120.025, 30.005, -, -, -, G002, G002, point, -",
    "out-of-range coordinates are no coordinates, -, 200, 95, -, -, -, -, -, unassigned, no_location",
  })
  void theAssignmentOrderIsExplicitThenPointThenHomeCell(
      String name, String explicit, Double lon, Double lat, String cell, Double cellLon, Double cellLat,
      String grid, String main, String method, String reason) {
    AssignmentRule.Assigned a = AssignmentRule.assign(CITY, explicit, lon, lat, cell, cellLon, cellLat);
    assertEquals(grid, a.gridId());
    assertEquals(main, a.mainGridId());
    assertEquals(method, a.method());
    assertEquals(reason, a.reason());
    assertEquals(GridAssignment.METHOD_HOME_CELL.equals(method) ? cell : null,
        GridAssignment.METHOD_HOME_CELL.equals(method) ? a.homeCellId() : null);
  }
}
