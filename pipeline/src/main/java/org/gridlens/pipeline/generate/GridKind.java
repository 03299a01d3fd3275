package org.gridlens.pipeline.generate;

import java.util.Locale;

/** The land use of a grid: drives customer density, cell density and the archetype mix. */
enum GridKind {
  RESIDENTIAL(2.5, 120, 0.35),
  COMMERCIAL(3.0, 70, 0.6),
  CAMPUS(2.0, 90, 0.55),
  INDUSTRIAL(0.6, 150, 0.3),
  RURAL(0.25, 260, 0.15);

  /** Relative customers per unit of area. */
  final double density;
  /** Customers served per cell (lower = denser network). */
  final int customersPerCell;
  /** Share of 5G cells. */
  final double share5g;

  GridKind(double density, int customersPerCell, double share5g) {
    this.density = density;
    this.customersPerCell = customersPerCell;
    this.share5g = share5g;
  }

  /** The contract value of grid_kind. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
