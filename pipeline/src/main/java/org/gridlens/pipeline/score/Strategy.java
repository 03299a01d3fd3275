package org.gridlens.pipeline.score;

/**
 * The 攻守 quadrant of a grid: current strength (competitiveness score) against opportunity
 * (room to grow), both 0..100 within the grid's level. A value at or above its threshold counts
 * as high. See docs/scoring.md.
 */
public enum Strategy {
  /** Strong and little room left: protect the base (守). */
  DEFEND("defend", "守"),
  /** Strong and much room: expand where we already win (拓). */
  GROW("grow", "拓"),
  /** Weak but much room: take share from competitors (攻). */
  ATTACK("attack", "攻"),
  /** Weak and little room: watch, spend little (观). */
  MONITOR("monitor", "观");

  private final String id;
  private final String zh;

  Strategy(String id, String zh) {
    this.id = id;
    this.zh = zh;
  }

  public String id() {
    return id;
  }

  public String zh() {
    return zh;
  }

  /** The quadrant of a grid. */
  public static Strategy of(double strength, double opportunity, double strengthThreshold,
      double opportunityThreshold) {
    boolean strong = strength >= strengthThreshold;
    boolean room = opportunity >= opportunityThreshold;
    if (strong) {
      return room ? GROW : DEFEND;
    }
    return room ? ATTACK : MONITOR;
  }

  public static Strategy ofId(String id) {
    for (Strategy s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown strategy " + id);
  }
}
