package org.gridlens.pipeline.generate;

import java.io.Serializable;
import java.time.LocalDate;
import org.gridlens.pipeline.GridLensException;

/**
 * What synthetic city to generate. Every value in the output is a function of these options (and
 * the operator prefix table), so the same options give byte-identical files.
 *
 * @param customers number of customers (1..{@link #MAX_CUSTOMERS})
 * @param months months of activity, the window ending with the end date's month (1..36)
 * @param seed random seed
 * @param endDate last day of data (the run date the city is meant for)
 * @param grids number of leaf grids (≥ 3)
 * @param dirtyRate probability that a dirty row is planted next to a clean row (0..0.5)
 * @param customersPerFile customers per output file of each extract (fixes the work split)
 */
public record GenerateOptions(
    long customers, int months, long seed, LocalDate endDate, int grids, double dirtyRate, int customersPerFile)
    implements Serializable {

  /** One output file per this many customers, whatever the cluster. */
  public static final int DEFAULT_CUSTOMERS_PER_FILE = 50_000;
  public static final double DEFAULT_DIRTY_RATE = 0.005;
  /** Real customer ids stay below U90000000, where the ids of planted ghost customers start. */
  public static final long MAX_CUSTOMERS = 89_999_999L;

  public GenerateOptions {
    check(customers >= 1 && customers <= MAX_CUSTOMERS, "--customers must be 1.." + MAX_CUSTOMERS + ", got " + customers);
    check(months >= 1 && months <= 36, "--months must be 1..36, got " + months);
    check(grids >= 3 && grids <= 200_000, "--grids must be 3..200000, got " + grids);
    check(dirtyRate >= 0 && dirtyRate <= 0.5, "--dirty-rate must be 0..0.5, got " + dirtyRate);
    check(customersPerFile >= 1, "customers per file must be ≥ 1, got " + customersPerFile);
    check(endDate != null, "--end-date is required");
  }

  /** The default number of leaf grids: about one per 500 customers, at least 4. */
  public static int defaultGrids(long customers) {
    return (int) Math.max(4, Math.min(200_000, Math.round(customers / 500.0)));
  }

  /** First day of the activity window. */
  public LocalDate windowStart() {
    return endDate.withDayOfMonth(1).minusMonths(months - 1L);
  }

  /**
   * Days of CDR over which the pipeline looks for a home cell by default ({@code
   * geo.home_cell_days}); the generator locates customers by home cell only when they are active in
   * that window, and plants their night calls inside it.
   */
  public static final int HOME_CELL_DAYS = 90;

  /** First day of the default home-cell window ({@link #HOME_CELL_DAYS} days ending on the end date). */
  public LocalDate homeCellWindowStart() {
    return endDate.minusDays(HOME_CELL_DAYS - 1L);
  }

  /** Number of chunk files per extract. */
  public int chunks() {
    return (int) ((customers + customersPerFile - 1) / customersPerFile);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new GridLensException(GridLensException.Kind.BAD_CONFIG, message);
    }
  }
}
