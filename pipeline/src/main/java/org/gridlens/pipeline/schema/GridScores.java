package org.gridlens.pipeline.schema;

/**
 * Grid competitiveness (dataset {@code grid_scores}): one row per grid of either level. Indicator
 * columns are named {@link #indicator(String)} (raw value) and {@link #normalised(String)} (0..1,
 * higher is better); definitions in docs/scoring.md.
 */
public final class GridScores {
  public static final String GRID_ID = "grid_id";
  public static final String NAME = "name";
  public static final String LEVEL = "level";
  public static final String PARENT_ID = "parent_id";
  public static final String MANAGER = "manager";
  public static final String GRID_KIND = "grid_kind";
  /** The grid's households (a main grid without its own figure: the sum of its sub-grids'). */
  public static final String HOUSEHOLDS = "households";
  /** Customers of the grid in the customer view (any status). */
  public static final String CUSTOMERS = "customers";
  /** Number of grids of the same level (the population ranks and normalisation run over). */
  public static final String GRIDS_IN_LEVEL = "grids_in_level";
  /** Room to grow, 0..100 within the level (uncovered households, ARPU gap); docs/scoring.md. */
  public static final String OPPORTUNITY = "opportunity";
  /** 0..100. */
  public static final String SCORE = "score";
  /** 1 = strongest within its level. */
  public static final String RANK = "rank";
  /** defend, grow, attack or monitor. */
  public static final String STRATEGY = "strategy";
  /** Indicators that raise / lower the score most, comma-separated. */
  public static final String STRENGTHS = "strengths";
  public static final String WEAKNESSES = "weaknesses";
  /** Dataset {@code grid_uplift} (written by uplift): eligible customers of the grid. */
  public static final String ELIGIBLE_CUSTOMERS = "eligible_customers";
  /** Current monthly revenue of the grid: sum of its active customers' ARPU (yuan). */
  public static final String MONTHLY_REVENUE = "monthly_revenue";
  public static final String PROJECTED_GAIN_TOP = "projected_gain_top";
  public static final String PROJECTED_GAIN_ALL = "projected_gain_all";
  public static final String ARPU_AFTER_GAIN = "arpu_after_gain";
  public static final String GAIN_PCT_OF_REVENUE = "gain_pct_of_revenue";

  public static String indicator(String name) {
    return "ind_" + name;
  }

  public static String normalised(String name) {
    return "norm_" + name;
  }

  private GridScores() {}
}
