package org.gridlens.pipeline.run;

import org.gridlens.pipeline.schema.Extract;

/** Names of the warehouse datasets, each stored under {@code <warehouse>/<name>/run_date=D/}. */
public final class Datasets {
  public static final String GRIDS = "grids";
  public static final String GRID_ASSIGNMENT = "grid_assignment";
  public static final String CELL_ASSIGNMENT = "cell_assignment";
  public static final String CUSTOMER_VIEW = "customer_view";
  public static final String SEGMENTS = "segments";
  public static final String SEGMENT_PROFILES = "segment_profiles";
  public static final String GRID_SCORES = "grid_scores";
  public static final String UPLIFT = "uplift";
  /** Per grid: projected monthly gain of the uplift offers (written by uplift, beside grid_scores). */
  public static final String GRID_UPLIFT = "grid_uplift";
  public static final String TARGETS = "targets";

  public static String clean(Extract e) {
    return "clean/" + e.id();
  }

  public static String quarantine(Extract e) {
    return "quarantine/" + e.id();
  }

  private Datasets() {}
}
