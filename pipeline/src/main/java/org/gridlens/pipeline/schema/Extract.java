package org.gridlens.pipeline.schema;

import java.util.Locale;

/**
 * The input extracts of the data contract; each has a folder of that name under the input root
 * and clean/quarantine datasets of that name in the warehouse. The grid layer is not an extract
 * (it is GeoJSON, read by the grids job).
 */
public enum Extract {
  CUSTOMERS,
  BILLING,
  CDR,
  COMPLAINTS,
  VAS,
  CELLS;

  /** Folder and dataset name: lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Extract of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
