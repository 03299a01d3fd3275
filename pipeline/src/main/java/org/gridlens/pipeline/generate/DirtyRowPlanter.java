package org.gridlens.pipeline.generate;

import static org.gridlens.pipeline.generate.ActivityGenerator.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.RejectReason;
import org.gridlens.pipeline.schema.Vas;

/**
 * Plants dirty rows next to clean ones at a given rate and records each with the {@link
 * RejectReason} ingest must give it. Every planted row breaks exactly one rule on an otherwise
 * valid row, so its reason is that rule's (the first failing one in declaration order).
 *
 * <p>Customer and cell faults are only ever EXTRA rows (a later duplicate of a real key, or a
 * ghost id nothing else references), so no clean activity row loses its customer or cell.
 * Activity faults replace the clean row (one row fewer of clean activity) or add a row.
 */
final class DirtyRowPlanter {

  /** A kind of planted fault. */
  enum Fault {
    CUSTOMER_DUPLICATE(Extract.CUSTOMERS, RejectReason.DUPLICATE_KEY, true),
    CUSTOMER_INVALID_UTF8(Extract.CUSTOMERS, RejectReason.BAD_ENCODING, true),
    CUSTOMER_TRUNCATED(Extract.CUSTOMERS, RejectReason.MALFORMED_LINE, true),
    CUSTOMER_NO_MSISDN(Extract.CUSTOMERS, RejectReason.MISSING_REQUIRED, true),
    CUSTOMER_BAD_PLAN_FEE(Extract.CUSTOMERS, RejectReason.BAD_NUMBER, true),
    CUSTOMER_BAD_JOIN_DATE(Extract.CUSTOMERS, RejectReason.BAD_DATE, true),
    CUSTOMER_BAD_STATUS(Extract.CUSTOMERS, RejectReason.BAD_ENUM, true),
    CUSTOMER_BAD_MSISDN(Extract.CUSTOMERS, RejectReason.BAD_FORMAT, true),
    CUSTOMER_LON_OUT_OF_RANGE(Extract.CUSTOMERS, RejectReason.OUT_OF_RANGE, true),

    BILLING_TRUNCATED(Extract.BILLING, RejectReason.MALFORMED_LINE, false),
    BILLING_NO_PAYMENT_METHOD(Extract.BILLING, RejectReason.MISSING_REQUIRED, false),
    BILLING_BAD_FEE(Extract.BILLING, RejectReason.BAD_NUMBER, false),
    BILLING_BAD_DUE_DATE(Extract.BILLING, RejectReason.BAD_DATE, false),
    BILLING_BAD_PAYMENT_METHOD(Extract.BILLING, RejectReason.BAD_ENUM, false),
    BILLING_BEFORE_WINDOW(Extract.BILLING, RejectReason.OUTSIDE_WINDOW, true),
    BILLING_UNKNOWN_CUSTOMER(Extract.BILLING, RejectReason.UNKNOWN_CUSTOMER, true),
    BILLING_DUPLICATE(Extract.BILLING, RejectReason.DUPLICATE_KEY, true),

    CDR_INVALID_UTF8(Extract.CDR, RejectReason.BAD_ENCODING, false),
    CDR_TRUNCATED(Extract.CDR, RejectReason.MALFORMED_LINE, false),
    CDR_NO_CELL(Extract.CDR, RejectReason.MISSING_REQUIRED, false),
    CDR_BAD_DURATION(Extract.CDR, RejectReason.BAD_NUMBER, false),
    CDR_BAD_START_TIME(Extract.CDR, RejectReason.BAD_DATE, false),
    CDR_BAD_CALL_TYPE(Extract.CDR, RejectReason.BAD_ENUM, false),
    CDR_NEGATIVE_DURATION(Extract.CDR, RejectReason.OUT_OF_RANGE, false),
    CDR_AFTER_END(Extract.CDR, RejectReason.OUTSIDE_WINDOW, false),
    CDR_BEFORE_WINDOW(Extract.CDR, RejectReason.OUTSIDE_WINDOW, false),
    CDR_UNKNOWN_CUSTOMER(Extract.CDR, RejectReason.UNKNOWN_CUSTOMER, false),
    CDR_UNKNOWN_CELL(Extract.CDR, RejectReason.UNKNOWN_CELL, false),

    COMPLAINT_TRUNCATED(Extract.COMPLAINTS, RejectReason.MALFORMED_LINE, false),
    COMPLAINT_NO_CATEGORY(Extract.COMPLAINTS, RejectReason.MISSING_REQUIRED, false),
    COMPLAINT_BAD_SATISFACTION(Extract.COMPLAINTS, RejectReason.BAD_NUMBER, false),
    COMPLAINT_BAD_OPENED_AT(Extract.COMPLAINTS, RejectReason.BAD_DATE, false),
    COMPLAINT_BAD_CATEGORY(Extract.COMPLAINTS, RejectReason.BAD_ENUM, false),
    COMPLAINT_SATISFACTION_OUT_OF_RANGE(Extract.COMPLAINTS, RejectReason.OUT_OF_RANGE, false),
    COMPLAINT_AFTER_END(Extract.COMPLAINTS, RejectReason.OUTSIDE_WINDOW, false),
    COMPLAINT_UNKNOWN_CUSTOMER(Extract.COMPLAINTS, RejectReason.UNKNOWN_CUSTOMER, true),
    COMPLAINT_DUPLICATE(Extract.COMPLAINTS, RejectReason.DUPLICATE_KEY, true),

    VAS_TRUNCATED(Extract.VAS, RejectReason.MALFORMED_LINE, false),
    VAS_NO_SERVICE(Extract.VAS, RejectReason.MISSING_REQUIRED, false),
    VAS_BAD_VOLUME(Extract.VAS, RejectReason.BAD_NUMBER, false),
    VAS_BAD_DATE(Extract.VAS, RejectReason.BAD_DATE, false),
    VAS_BAD_SERVICE(Extract.VAS, RejectReason.BAD_ENUM, false),
    VAS_NEGATIVE_COUNT(Extract.VAS, RejectReason.OUT_OF_RANGE, false),
    VAS_AFTER_END(Extract.VAS, RejectReason.OUTSIDE_WINDOW, false),
    VAS_UNKNOWN_CUSTOMER(Extract.VAS, RejectReason.UNKNOWN_CUSTOMER, false),

    CELL_DUPLICATE(Extract.CELLS, RejectReason.DUPLICATE_KEY, true),
    CELL_TRUNCATED(Extract.CELLS, RejectReason.MALFORMED_LINE, true),
    CELL_NO_LON(Extract.CELLS, RejectReason.MISSING_REQUIRED, true),
    CELL_BAD_LON(Extract.CELLS, RejectReason.BAD_NUMBER, true),
    CELL_BAD_TECHNOLOGY(Extract.CELLS, RejectReason.BAD_ENUM, true),
    CELL_LAT_OUT_OF_RANGE(Extract.CELLS, RejectReason.OUT_OF_RANGE, true);

    final Extract extract;
    final RejectReason reason;
    /** True: written after the intact clean row; false: written instead of it. */
    final boolean extra;

    Fault(Extract extract, RejectReason reason, boolean extra) {
      this.extract = extract;
      this.reason = reason;
      this.extra = extra;
    }

    static Fault[] of(Extract extract) {
      return Arrays.stream(values()).filter(f -> f.extract == extract).toArray(Fault[]::new);
    }
  }

  /** One planted row: where it is and what ingest must say. */
  record Planted(Extract extract, String sourceFile, long lineNumber, RejectReason reason) {
    String csvLine() {
      return extract.id() + "," + sourceFile + "," + lineNumber + "," + reason.name();
    }
  }

  /** An extract file being written, with the row counter used to force early faults. */
  static final class Target {
    final Extract extract;
    final String sourceFile;
    final ExtractWriter writer;
    final Fault[] faults;
    long cleanRows;

    Target(Extract extract, String sourceFile, ExtractWriter writer) {
      this.extract = extract;
      this.sourceFile = sourceFile;
      this.writer = writer;
      this.faults = Fault.of(extract);
    }
  }

  private final double rate;
  private final boolean forceEveryFault;
  private final SplittableRandom r;
  private final LocalDate windowStart;
  private final LocalDate end;
  private final String ghostPrefix;
  private long ghosts;
  private final List<Planted> planted = new ArrayList<>();

  /**
   * @param forceEveryFault plant each fault kind once near the top of each file (used for the
   *     first chunk, so even a small city shows every kind)
   * @param ghostBase makes ghost ids unique across chunks
   */
  DirtyRowPlanter(double rate, boolean forceEveryFault, SplittableRandom r, LocalDate windowStart, LocalDate end,
      long ghostBase) {
    this.rate = rate;
    this.forceEveryFault = forceEveryFault && rate > 0;
    this.r = r;
    this.windowStart = windowStart;
    this.end = end;
    this.ghostPrefix = Long.toString(ghostBase);
  }

  List<Planted> planted() {
    return planted;
  }

  /** Writes a clean row, and maybe a dirty one after it or instead of it. */
  void write(Target t, String[] row) {
    long n = t.cleanRows++;
    Fault fault = null;
    if (forceEveryFault && n >= 3 && (n - 3) % 5 == 0 && (n - 3) / 5 < t.faults.length) {
      fault = t.faults[(int) ((n - 3) / 5)];
    } else if (rate > 0 && r.nextDouble() < rate) {
      fault = t.faults[r.nextInt(t.faults.length)];
    }
    if (fault == null) {
      t.writer.write(row);
      return;
    }
    if (fault.extra) {
      t.writer.write(row);
    }
    String[] dirty = apply(fault, row.clone());
    long line = t.writer.write(dirty);
    planted.add(new Planted(t.extract, t.sourceFile, line, fault.reason));
  }

  /**
   * A customer id no real customer has: U9 + chunk number + counter, i.e. at least U90000000, above
   * the largest real id ({@link GenerateOptions} caps customers below that).
   */
  private String ghostCustomer() {
    return "U9" + ghostPrefix + String.format("%06d", ghosts++);
  }

  private String[] apply(Fault f, String[] row) {
    switch (f) {
      case CUSTOMER_DUPLICATE, BILLING_DUPLICATE, COMPLAINT_DUPLICATE, CELL_DUPLICATE -> {
        return row;
      }
      default -> { }
    }
    String[] cu = ActivityGenerator.CUSTOMER_COLUMNS;
    if (f.extract == Extract.CUSTOMERS) {
      row[index(cu, Customers.CUSTOMER_ID)] = ghostCustomer();
    }
    String[] bi = ActivityGenerator.BILLING_COLUMNS;
    String[] cd = ActivityGenerator.CDR_COLUMNS;
    String[] co = ActivityGenerator.COMPLAINT_COLUMNS;
    String[] va = ActivityGenerator.VAS_COLUMNS;
    String[] ce = Cells.CLEAN.fieldNames();
    switch (f) {
      case CUSTOMER_INVALID_UTF8 -> {
        int i = index(cu, Customers.NAME);
        row[i] = row[i].charAt(0) + ExtractWriter.INVALID_UTF8 + row[i].substring(1);
      }
      case CUSTOMER_TRUNCATED, CELL_TRUNCATED -> row = Arrays.copyOf(row, row.length - 3);
      case CUSTOMER_NO_MSISDN -> row[index(cu, Customers.MSISDN)] = null;
      case CUSTOMER_BAD_PLAN_FEE -> row[index(cu, Customers.PLAN_FEE)] = row[index(cu, Customers.PLAN_FEE)].replace('.', 'O');
      case CUSTOMER_BAD_JOIN_DATE -> row[index(cu, Customers.JOIN_DATE)] = row[index(cu, Customers.JOIN_DATE)].substring(0, 8) + "32";
      case CUSTOMER_BAD_STATUS -> row[index(cu, Customers.STATUS)] = "frozen";
      case CUSTOMER_BAD_MSISDN -> row[index(cu, Customers.MSISDN)] = row[index(cu, Customers.MSISDN)].substring(0, 10);
      case CUSTOMER_LON_OUT_OF_RANGE -> {
        row[index(cu, Customers.LON)] = "500.000000";
        if (row[index(cu, Customers.LAT)] == null) {
          row[index(cu, Customers.LAT)] = "30.250000";
        }
        row[index(cu, Customers.GRID_ID)] = null;
      }
      case BILLING_TRUNCATED, CDR_TRUNCATED, COMPLAINT_TRUNCATED, VAS_TRUNCATED -> row = Arrays.copyOf(row, row.length - 2);
      case BILLING_NO_PAYMENT_METHOD -> row[index(bi, Billing.PAYMENT_METHOD)] = null;
      case BILLING_BAD_FEE -> row[index(bi, Billing.TOTAL_FEE)] = row[index(bi, Billing.TOTAL_FEE)].replace('.', 'O');
      case BILLING_BAD_DUE_DATE -> row[index(bi, Billing.DUE_DATE)] = row[index(bi, Billing.DUE_DATE)].substring(0, 8) + "32";
      case BILLING_BAD_PAYMENT_METHOD -> row[index(bi, Billing.PAYMENT_METHOD)] = "bitcoin";
      case BILLING_BEFORE_WINDOW -> {
        LocalDate month = windowStart.minusMonths(1 + r.nextInt(3));
        row[index(bi, Billing.BILL_MONTH)] = Formats.month(month);
        row[index(bi, Billing.DUE_DATE)] = Formats.date(month.withDayOfMonth(25));
        row[index(bi, Billing.PAID_DATE)] = Formats.date(month.withDayOfMonth(20));
      }
      case BILLING_UNKNOWN_CUSTOMER -> row[index(bi, Billing.CUSTOMER_ID)] = ghostCustomer();
      case CDR_INVALID_UTF8 -> {
        int i = index(cd, Cdr.OTHER_PARTY);
        row[i] = row[i].substring(0, 3) + ExtractWriter.INVALID_UTF8 + row[i].substring(3);
      }
      case CDR_NO_CELL -> row[index(cd, Cdr.CELL_ID)] = null;
      case CDR_BAD_DURATION -> row[index(cd, Cdr.DURATION_S)] = row[index(cd, Cdr.DURATION_S)] + "s";
      case CDR_BAD_START_TIME -> {
        int i = index(cd, Cdr.START_TIME);
        row[i] = row[i].substring(0, 8) + "32" + row[i].substring(10);
      }
      case CDR_BAD_CALL_TYPE -> row[index(cd, Cdr.CALL_TYPE)] = "video_call";
      case CDR_NEGATIVE_DURATION -> row[index(cd, Cdr.DURATION_S)] = "-" + (1 + r.nextInt(300));
      case CDR_AFTER_END -> {
        int i = index(cd, Cdr.START_TIME);
        row[i] = Formats.date(end.plusDays(1 + r.nextInt(5))) + row[i].substring(10);
      }
      case CDR_BEFORE_WINDOW -> {
        int i = index(cd, Cdr.START_TIME);
        row[i] = Formats.date(windowStart.minusDays(1 + r.nextInt(20))) + row[i].substring(10);
      }
      case CDR_UNKNOWN_CUSTOMER -> row[index(cd, Cdr.CUSTOMER_ID)] = ghostCustomer();
      case CDR_UNKNOWN_CELL -> row[index(cd, Cdr.CELL_ID)] = "C9" + ghostPrefix + String.format("%05d", ghosts++);
      case COMPLAINT_NO_CATEGORY -> row[index(co, Complaints.CATEGORY)] = null;
      case COMPLAINT_BAD_SATISFACTION -> row[index(co, Complaints.SATISFACTION)] = "good";
      case COMPLAINT_BAD_OPENED_AT -> {
        int i = index(co, Complaints.OPENED_AT);
        row[i] = row[i].substring(0, 8) + "32" + row[i].substring(10);
      }
      case COMPLAINT_BAD_CATEGORY -> row[index(co, Complaints.CATEGORY)] = "refund";
      case COMPLAINT_SATISFACTION_OUT_OF_RANGE -> row[index(co, Complaints.SATISFACTION)] = r.nextBoolean() ? "7" : "0";
      case COMPLAINT_AFTER_END -> {
        int i = index(co, Complaints.OPENED_AT);
        row[i] = Formats.date(end.plusDays(1 + r.nextInt(5))) + row[i].substring(10);
        row[index(co, Complaints.RESOLVED_AT)] = null;
        row[index(co, Complaints.SATISFACTION)] = null;
      }
      case COMPLAINT_UNKNOWN_CUSTOMER -> {
        row[index(co, Complaints.CUSTOMER_ID)] = ghostCustomer();
        row[index(co, Complaints.COMPLAINT_ID)] = "K9" + ghostPrefix + String.format("%06d", ghosts++);
      }
      case VAS_NO_SERVICE -> row[index(va, Vas.SERVICE)] = null;
      case VAS_BAD_VOLUME -> row[index(va, Vas.VOLUME_MB)] = row[index(va, Vas.VOLUME_MB)] + "MB";
      case VAS_BAD_DATE -> row[index(va, Vas.USAGE_DATE)] = row[index(va, Vas.USAGE_DATE)].substring(0, 8) + "32";
      case VAS_BAD_SERVICE -> row[index(va, Vas.SERVICE)] = "ringtone";
      case VAS_NEGATIVE_COUNT -> row[index(va, Vas.USAGE_COUNT)] = "-" + (1 + r.nextInt(9));
      case VAS_AFTER_END -> row[index(va, Vas.USAGE_DATE)] = Formats.date(end.plusDays(1 + r.nextInt(5)));
      case VAS_UNKNOWN_CUSTOMER -> row[index(va, Vas.CUSTOMER_ID)] = ghostCustomer();
      case CELL_NO_LON -> {
        row[index(ce, Cells.CELL_ID)] = ghostCell();
        row[index(ce, Cells.LON)] = null;
      }
      case CELL_BAD_LON -> {
        row[index(ce, Cells.CELL_ID)] = ghostCell();
        row[index(ce, Cells.LON)] = row[index(ce, Cells.LON)].replace('.', 'O');
      }
      case CELL_BAD_TECHNOLOGY -> {
        row[index(ce, Cells.CELL_ID)] = ghostCell();
        row[index(ce, Cells.TECHNOLOGY)] = "6G";
      }
      case CELL_LAT_OUT_OF_RANGE -> {
        row[index(ce, Cells.CELL_ID)] = ghostCell();
        row[index(ce, Cells.LAT)] = "95.500000";
      }
      default -> throw new IllegalStateException("unhandled fault " + f);
    }
    if (f == Fault.CELL_TRUNCATED) {
      row[index(ce, Cells.CELL_ID)] = ghostCell();
    }
    return row;
  }

  private String ghostCell() {
    return "C9" + ghostPrefix + String.format("%05d", ghosts++);
  }
}
