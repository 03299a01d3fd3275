package org.gridlens.pipeline.features;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The run date's windows, all ending on the run date (inclusive). Timestamps are compared as
 * half-open intervals [first day 00:00, day after the run date 00:00), so a call at 23:59:59 on
 * the run date is in and one at 00:00:00 the next day is out.
 *
 * @param runDate the last day of data
 * @param billingFrom first day of the first billed month (bill_month is a month's first day)
 * @param billingTo first day of the run date's month (the last bill_month in the window)
 * @param cdrFrom first day of the CDR window
 * @param vasFrom first day of the VAS window
 * @param complaintFrom first day of the complaint window (by opened_at)
 */
public record ViewWindows(
    LocalDate runDate,
    LocalDate billingFrom,
    LocalDate billingTo,
    LocalDate cdrFrom,
    LocalDate vasFrom,
    LocalDate complaintFrom) {

  public static ViewWindows of(LocalDate runDate, ViewConfig cfg) {
    LocalDate monthStart = runDate.withDayOfMonth(1);
    return new ViewWindows(
        runDate,
        monthStart.minusMonths(cfg.billingMonths() - 1L),
        monthStart,
        runDate.minusDays(cfg.cdrDays() - 1L),
        runDate.minusDays(cfg.vasDays() - 1L),
        runDate.minusDays(cfg.complaintDays() - 1L));
  }

  /** Midnight starting the day after the run date: the exclusive end of every timestamp window. */
  public LocalDateTime end() {
    return runDate.plusDays(1).atStartOfDay();
  }

  /** The flags' window (new customer, churned): the billing window's first day to the run date. */
  public LocalDate flagsFrom() {
    return billingFrom;
  }
}
