package org.gridlens.pipeline.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Vas;

/**
 * The activity of one customer over the window: bills, calls, complaints and VAS usage, each row
 * in its extract's column order and sorted by time. Drawn from the customer's own activity stream,
 * so it depends only on (seed, customer index) and the options.
 */
final class ActivityGenerator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** VAS services in contract order; the last four are the adoptable products. */
  static final String[] SERVICES = {"sms", "mms", "data", "music", "video", "cloud", "game"};
  private static final double[] PRODUCT_DAYS = {3, 4, 2, 3};
  private static final double[] PRODUCT_MB = {30, 380, 120, 60};
  private static final long[] PRODUCT_FEE_CENTS = {1000, 1500, 600, 2000};
  private static final String[] COMPLAINT_CATEGORIES = {"network", "billing", "service", "product", "other"};
  private static final double[] COMPLAINT_WEIGHTS = {0.3, 0.3, 0.2, 0.1, 0.1};
  private static final String[] COMPLAINT_CHANNELS = {"hotline", "app", "store", "wechat", "web"};
  private static final String[] INTERNATIONAL = {"001", "0044", "0081", "0082", "00852", "0065", "0049"};
  /** Relative call volume per hour of the day. */
  private static final double[] DAY_HOURS = {0, 0, 0, 0, 0, 0, 0, 0.6, 1.0, 1.4, 1.6, 1.5, 1.1, 1.0, 1.3, 1.5, 1.5, 1.4, 1.3, 1.2, 1.0, 0, 0, 0};
  /** Night calls at the home cell that open each month of a customer located by home cell. */
  private static final int HOME_NIGHT_ANCHORS = 3;
  private static final double[] NIGHT_HOURS = {0.5, 0.25, 0.1, 0.05, 0.05, 0.1, 0.4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.2, 1.0, 0.8};

  static final String[] CUSTOMER_COLUMNS = Customers.CLEAN.fieldNames();
  static final String[] BILLING_COLUMNS = Billing.CLEAN.fieldNames();
  static final String[] CDR_COLUMNS = Cdr.CLEAN.fieldNames();
  static final String[] COMPLAINT_COLUMNS = Complaints.CLEAN.fieldNames();
  static final String[] VAS_COLUMNS = Vas.CLEAN.fieldNames();

  private static final int BILLING_BILL_MONTH = index(BILLING_COLUMNS, Billing.BILL_MONTH);
  private static final int BILLING_CUSTOMER_ID = index(BILLING_COLUMNS, Billing.CUSTOMER_ID);
  private static final int BILLING_DATA_FEE = index(BILLING_COLUMNS, Billing.DATA_FEE);
  private static final int BILLING_DUE_DATE = index(BILLING_COLUMNS, Billing.DUE_DATE);
  private static final int BILLING_PAID_DATE = index(BILLING_COLUMNS, Billing.PAID_DATE);
  private static final int BILLING_PAYMENT_METHOD = index(BILLING_COLUMNS, Billing.PAYMENT_METHOD);
  private static final int BILLING_SMS_FEE = index(BILLING_COLUMNS, Billing.SMS_FEE);
  private static final int BILLING_TOTAL_FEE = index(BILLING_COLUMNS, Billing.TOTAL_FEE);
  private static final int BILLING_VAS_FEE = index(BILLING_COLUMNS, Billing.VAS_FEE);
  private static final int BILLING_VOICE_FEE = index(BILLING_COLUMNS, Billing.VOICE_FEE);
  private static final int CDR_CALL_TYPE = index(CDR_COLUMNS, Cdr.CALL_TYPE);
  private static final int CDR_CELL_ID = index(CDR_COLUMNS, Cdr.CELL_ID);
  private static final int CDR_CUSTOMER_ID = index(CDR_COLUMNS, Cdr.CUSTOMER_ID);
  private static final int CDR_DIRECTION = index(CDR_COLUMNS, Cdr.DIRECTION);
  private static final int CDR_DURATION_S = index(CDR_COLUMNS, Cdr.DURATION_S);
  private static final int CDR_END_STATUS = index(CDR_COLUMNS, Cdr.END_STATUS);
  private static final int CDR_FORWARDED = index(CDR_COLUMNS, Cdr.FORWARDED);
  private static final int CDR_OTHER_PARTY = index(CDR_COLUMNS, Cdr.OTHER_PARTY);
  private static final int CDR_START_TIME = index(CDR_COLUMNS, Cdr.START_TIME);
  private static final int COMPLAINT_CATEGORY = index(COMPLAINT_COLUMNS, Complaints.CATEGORY);
  private static final int COMPLAINT_CHANNEL = index(COMPLAINT_COLUMNS, Complaints.CHANNEL);
  private static final int COMPLAINT_CUSTOMER_ID = index(COMPLAINT_COLUMNS, Complaints.CUSTOMER_ID);
  private static final int COMPLAINT_OPENED_AT = index(COMPLAINT_COLUMNS, Complaints.OPENED_AT);
  private static final int COMPLAINT_RESOLVED_AT = index(COMPLAINT_COLUMNS, Complaints.RESOLVED_AT);
  private static final int COMPLAINT_SATISFACTION = index(COMPLAINT_COLUMNS, Complaints.SATISFACTION);
  private static final int VAS_CUSTOMER_ID = index(VAS_COLUMNS, Vas.CUSTOMER_ID);
  private static final int VAS_FEE = index(VAS_COLUMNS, Vas.FEE);
  private static final int VAS_SERVICE = index(VAS_COLUMNS, Vas.SERVICE);
  private static final int VAS_USAGE_COUNT = index(VAS_COLUMNS, Vas.USAGE_COUNT);
  private static final int VAS_USAGE_DATE = index(VAS_COLUMNS, Vas.USAGE_DATE);
  private static final int VAS_VOLUME_MB = index(VAS_COLUMNS, Vas.VOLUME_MB);

  /** The rows of one customer, per extract. */
  static final class Activity {
    final List<String[]> billing = new ArrayList<>();
    final List<String[]> cdr = new ArrayList<>();
    final List<String[]> complaints = new ArrayList<>();
    final List<String[]> vas = new ArrayList<>();
  }

  private final GenerateOptions options;
  private final CityLayout layout;

  ActivityGenerator(GenerateOptions options, CityLayout layout) {
    this.options = options;
    this.layout = layout;
  }

  /** The customer master row, in contract column order. */
  static String[] customerRow(Customer c) {
    String[] row = new String[CUSTOMER_COLUMNS.length];
    set(row, CUSTOMER_COLUMNS, Customers.CUSTOMER_ID, c.id);
    set(row, CUSTOMER_COLUMNS, Customers.MSISDN, c.msisdn);
    set(row, CUSTOMER_COLUMNS, Customers.ID_NUMBER, c.idNumber);
    set(row, CUSTOMER_COLUMNS, Customers.NAME, c.name);
    set(row, CUSTOMER_COLUMNS, Customers.GENDER, c.enterprise ? "U" : c.male ? "M" : "F");
    set(row, CUSTOMER_COLUMNS, Customers.BIRTH_DATE, c.enterprise ? null : Formats.date(c.birthDate));
    set(row, CUSTOMER_COLUMNS, Customers.CUSTOMER_TYPE, c.enterprise ? Customers.TYPE_ENTERPRISE : Customers.TYPE_INDIVIDUAL);
    set(row, CUSTOMER_COLUMNS, Customers.INDUSTRY, c.industry);
    set(row, CUSTOMER_COLUMNS, Customers.PLAN_ID, c.planId);
    set(row, CUSTOMER_COLUMNS, Customers.PLAN_FEE, Formats.money(c.planFeeCents));
    set(row, CUSTOMER_COLUMNS, Customers.JOIN_DATE, Formats.date(c.joinDate));
    set(row, CUSTOMER_COLUMNS, Customers.CHANNEL, c.channel);
    set(row, CUSTOMER_COLUMNS, Customers.STATUS, c.status);
    set(row, CUSTOMER_COLUMNS, Customers.CLOSE_DATE, c.closeDate == null ? null : Formats.date(c.closeDate));
    set(row, CUSTOMER_COLUMNS, Customers.ADDRESS, c.address);
    if (c.locateBy == Customer.LocateBy.POINT) {
      set(row, CUSTOMER_COLUMNS, Customers.LON, Formats.decimal(c.lon, 6));
      set(row, CUSTOMER_COLUMNS, Customers.LAT, Formats.decimal(c.lat, 6));
    } else if (c.locateBy == Customer.LocateBy.EXPLICIT) {
      set(row, CUSTOMER_COLUMNS, Customers.GRID_ID, c.grid.id());
    }
    return row;
  }

  static void set(String[] row, String[] columns, String column, String value) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].equals(column)) {
        row[i] = value;
        return;
      }
    }
    throw new IllegalArgumentException("no column " + column);
  }

  static int index(String[] columns, String column) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + column);
  }

  /** Draws the customer's activity from {@code r}, the customer's own activity stream. */
  Activity generate(Customer c, SplittableRandom r) {
    Activity out = new Activity();
    Archetype a = c.archetype;
    LocalDate windowStart = options.windowStart();
    LocalDate end = options.endDate();
    LocalDate from = c.joinDate.isAfter(windowStart) ? c.joinDate : windowStart;
    LocalDate until = c.activeUntil.isBefore(end) ? c.activeUntil : end;
    LocalDate homeFrom = options.homeCellWindowStart();
    List<long[]> calls = new ArrayList<>();
    List<String[]> callRows = new ArrayList<>();
    List<long[]> complaintTimes = new ArrayList<>();
    List<String[]> complaintRows = new ArrayList<>();
    boolean homeBad = layout.cell(c.homeCell).bad();
    double competitorDrag = 1 - 0.35 * c.competitorStrength;

    for (int m = 0; m < options.months(); m++) {
      LocalDate monthStart = windowStart.plusMonths(m);
      LocalDate monthEnd = monthStart.plusMonths(1).minusDays(1);
      if (monthEnd.isAfter(end)) {
        monthEnd = end;
      }
      LocalDate s = from.isAfter(monthStart) ? from : monthStart;
      LocalDate e = until.isBefore(monthEnd) ? until : monthEnd;
      if (e.isBefore(s)) {
        continue;
      }
      int activeDays = (int) ChronoUnit.DAYS.between(s, e) + 1;
      double activeShare = activeDays / (double) monthStart.lengthOfMonth();
      double trend = Math.pow(1 + a.feeTrend, m);

      // calls: about 10 per customer-month on average, heavy-tailed per customer
      int n = Seeds.poisson(r, 7.7 * a.callFactor * c.callRate * activeShare);
      double nightShare = a.nightShare;
      int anchors = 0;
      LocalDate anchorFrom = s.isBefore(homeFrom) ? homeFrom : s;
      if (c.locateBy == Customer.LocateBy.HOME_CELL) {
        // located by night-time home cell: make sure the nights are observed
        n = Math.max(n, 4);
        nightShare = Math.max(nightShare, 0.4);
        if (!e.isBefore(anchorFrom)) {
          // and that the home cell wins the night count the pipeline makes: the month's first
          // calls are night calls at home inside the home-cell window (a planted dirty row may
          // replace one; the others still outnumber any random cell)
          anchors = HOME_NIGHT_ANCHORS;
        }
      }
      for (int k = 0; k < n; k++) {
        long[] key = new long[1];
        if (k < anchors) {
          int anchorDays = (int) ChronoUnit.DAYS.between(anchorFrom, e) + 1;
          callRows.add(call(c, r, anchorFrom, anchorDays, 1.0, true, key));
        } else {
          callRows.add(call(c, r, s, activeDays, nightShare, false, key));
        }
        calls.add(key);
      }

      // VAS usage and its fees
      long smsCents = 0;
      long vasCents = 0;
      List<String[]> monthVas = new ArrayList<>();
      int smsDays = Math.min(activeDays, Seeds.poisson(r, 1.2));
      for (int day : days(r, activeDays, smsDays)) {
        int count = 1 + Seeds.poisson(r, 3);
        smsCents += count * 10L;
        monthVas.add(vasRow(c, s.plusDays(day), 0, count, 0.0, count * 10L));
      }
      int mmsDays = Math.min(activeDays, Seeds.poisson(r, 0.15));
      for (int day : days(r, activeDays, mmsDays)) {
        smsCents += 30;
        monthVas.add(vasRow(c, s.plusDays(day), 1, 1, 0.3, 30));
      }
      double monthMb = a.dataGbPerMonth * 1024 * c.dataFactor * activeShare;
      int dataDays = Math.min(activeDays, Math.max(1, Seeds.poisson(r, a.dataDays * activeShare)));
      int[] dd = days(r, activeDays, dataDays);
      double[] share = new double[dd.length];
      double shareSum = 0;
      for (int k = 0; k < dd.length; k++) {
        share[k] = Seeds.logNormal(r, 1, 0.5);
        shareSum += share[k];
      }
      for (int k = 0; k < dd.length; k++) {
        double mb = monthMb * share[k] / shareSum;
        monthVas.add(vasRow(c, s.plusDays(dd[k]), 2, 1 + Seeds.poisson(r, Math.min(200, mb / 40)), mb, 0));
      }
      for (int p = 0; p < 4; p++) {
        if (!c.adopts[p]) {
          continue;
        }
        double rate = PRODUCT_DAYS[p] * (a == Archetype.YOUNG_STREAMER && (p == 1 || p == 3) ? 2 : 1);
        int pd = Math.min(activeDays, Math.max(1, Seeds.poisson(r, rate * activeShare)));
        int[] pds = days(r, activeDays, pd);
        for (int k = 0; k < pds.length; k++) {
          long fee = k == 0 ? PRODUCT_FEE_CENTS[p] : 0;
          vasCents += fee;
          double mb = Seeds.logNormal(r, PRODUCT_MB[p], 0.7);
          monthVas.add(vasRow(c, s.plusDays(pds[k]), 3 + p, 1 + Seeds.poisson(r, 4), mb, fee));
        }
      }
      monthVas.sort(VAS_ORDER);
      out.vas.addAll(monthVas);

      // the bill: plan share plus heavy-tailed usage charges; competition and at-risk trend drag it down
      double plan = c.planFeeCents / 100.0;
      boolean shock = r.nextDouble() < (a == Archetype.AT_RISK_COMPLAINER ? 0.08 : 0.02);
      double voice = plan * 0.45 * activeShare
          + Seeds.logNormal(r, 4 * a.callFactor * c.callRate, 0.9) * competitorDrag * trend * activeShare;
      double data = plan * 0.45 * activeShare
          + Seeds.logNormal(r, 0.6 * a.dataGbPerMonth * c.dataFactor, 1.0) * competitorDrag * trend * activeShare
          + (shock ? Seeds.logNormal(r, 160, 0.5) : 0);
      long voiceCents = Formats.cents(voice * trend);
      long dataCents = Formats.cents(data * (shock ? 1 : trend));
      long smsTotal = smsCents + Formats.cents(plan * 0.1 * activeShare * trend);
      long total = voiceCents + dataCents + smsTotal + vasCents;
      LocalDate due = monthStart.withDayOfMonth(Math.min(25, monthStart.lengthOfMonth()));
      LocalDate paid;
      double pay = r.nextDouble();
      if (pay < a.unpaidRate) {
        paid = null;
      } else if (pay < a.unpaidRate + a.lateRate) {
        paid = due.plusDays(1 + r.nextInt(20));
      } else {
        paid = due.minusDays(r.nextInt(12));
      }
      if (paid != null && paid.isAfter(end)) {
        paid = null;
      }
      String[] bill = new String[BILLING_COLUMNS.length];
      bill[BILLING_CUSTOMER_ID] = c.id;
      bill[BILLING_BILL_MONTH] = Formats.month(monthStart);
      bill[BILLING_TOTAL_FEE] = Formats.money(total);
      bill[BILLING_VOICE_FEE] = Formats.money(voiceCents);
      bill[BILLING_DATA_FEE] = Formats.money(dataCents);
      bill[BILLING_SMS_FEE] = Formats.money(smsTotal);
      bill[BILLING_VAS_FEE] = Formats.money(vasCents);
      bill[BILLING_DUE_DATE] = Formats.date(due);
      bill[BILLING_PAID_DATE] = paid == null ? null : Formats.date(paid);
      bill[BILLING_PAYMENT_METHOD] = c.paymentMethod;
      out.billing.add(bill);

      // complaints: the complainers, customers living on a bad cell, and bill shocks
      double rate = a.complaintRate + (homeBad ? 0.12 : 0) + (shock ? 0.6 : 0) + 0.01;
      int nc = Seeds.poisson(r, rate * activeShare);
      for (int k = 0; k < nc; k++) {
        String category;
        if (homeBad && r.nextDouble() < 0.5) {
          category = "network";
        } else if (shock && r.nextDouble() < 0.7) {
          category = "billing";
        } else {
          category = COMPLAINT_CATEGORIES[Seeds.pick(r, COMPLAINT_WEIGHTS)];
        }
        long opened = epoch(s.plusDays(r.nextInt(activeDays)), LocalTime.of(8 + r.nextInt(14), r.nextInt(60), r.nextInt(60)));
        String resolved = null;
        String satisfaction = null;
        if (r.nextDouble() >= 0.08) {
          long at = opened + (long) (Seeds.logNormal(r, 20, 1.0) * 3600);
          if (at < epoch(end, LocalTime.MAX)) {
            resolved = Formats.timestamp(at);
            if (r.nextDouble() < 0.85) {
              double[] w = a == Archetype.AT_RISK_COMPLAINER
                  ? new double[] {0.4, 0.3, 0.2, 0.07, 0.03}
                  : new double[] {0.04, 0.08, 0.2, 0.35, 0.33};
              satisfaction = String.valueOf(1 + Seeds.pick(r, w));
            }
          }
        }
        String[] row = new String[COMPLAINT_COLUMNS.length];
        row[COMPLAINT_CUSTOMER_ID] = c.id;
        row[COMPLAINT_OPENED_AT] = Formats.timestamp(opened);
        row[COMPLAINT_CATEGORY] = category;
        row[COMPLAINT_CHANNEL] = COMPLAINT_CHANNELS[r.nextInt(COMPLAINT_CHANNELS.length)];
        row[COMPLAINT_RESOLVED_AT] = resolved;
        row[COMPLAINT_SATISFACTION] = satisfaction;
        complaintRows.add(row);
        complaintTimes.add(new long[] {opened});
      }
    }
    out.cdr.addAll(sortedBy(callRows, calls));
    out.complaints.addAll(sortedBy(complaintRows, complaintTimes));
    // ids follow the opening order: K + customer number + sequence
    int id = index(COMPLAINT_COLUMNS, Complaints.COMPLAINT_ID);
    for (int k = 0; k < out.complaints.size(); k++) {
      out.complaints.get(k)[id] = "K" + Formats.zeroPadded(c.index + 1, 8) + Formats.zeroPadded(k + 1, 2);
    }
    return out;
  }

  private String[] call(Customer c, SplittableRandom r, LocalDate s, int activeDays, double nightShare,
      boolean atHome, long[] key) {
    Archetype a = c.archetype;
    boolean night = r.nextDouble() < nightShare;
    LocalDate day = s.plusDays(r.nextInt(activeDays));
    int hour = Seeds.pick(r, night ? NIGHT_HOURS : DAY_HOURS);
    long start = epoch(day, LocalTime.of(hour, r.nextInt(60), r.nextInt(60)));
    int cell;
    if (night) {
      cell = atHome || r.nextDouble() < 0.85 ? c.homeCell : r.nextInt(layout.cellCount());
    } else {
      double v = r.nextDouble();
      cell = v < a.mobility ? r.nextInt(layout.cellCount()) : v < a.mobility + 0.45 * (1 - a.mobility) ? c.workCell : c.homeCell;
    }
    boolean bad = layout.cell(cell).bad();
    double t = r.nextDouble();
    String callType;
    String other;
    if (t < a.international) {
      callType = "international";
      String cc = INTERNATIONAL[r.nextInt(INTERNATIONAL.length)];
      other = cc + CustomerGenerator.digits(r, 14 - cc.length());
    } else {
      t -= a.international;
      callType = t < a.roaming ? "roaming"
          : t < a.roaming + a.longDistance ? "long_distance"
          : t < a.roaming + a.longDistance + a.ipLongDistance ? "ip_long_distance" : "local";
      other = c.contacts[Seeds.pick(r, c.contactWeights)];
    }
    boolean mo = r.nextDouble() < 0.55;
    double es = r.nextDouble();
    double failed = bad ? 0.07 : 0.01;
    double dropped = (bad ? 0.12 : 0.012) + a.droppedBoost;
    String endStatus = es < failed ? "failed" : es < failed + dropped ? "dropped" : "normal";
    int duration = switch (endStatus) {
      case "failed" -> 0;
      case "dropped" -> 3 + r.nextInt(90);
      default -> (int) Seeds.clamp(Math.round(Seeds.logNormal(r, a.durationMedian * c.durationFactor, 0.9)), 1, 7200);
    };
    boolean forwarded = !mo && r.nextDouble() < 0.03;
    key[0] = start;
    String[] row = new String[CDR_COLUMNS.length];
    row[CDR_CUSTOMER_ID] = c.id;
    row[CDR_DIRECTION] = mo ? Cdr.DIRECTION_MO : Cdr.DIRECTION_MT;
    row[CDR_OTHER_PARTY] = other;
    row[CDR_START_TIME] = Formats.timestamp(start);
    row[CDR_DURATION_S] = Integer.toString(duration);
    row[CDR_CELL_ID] = layout.cell(cell).id();
    row[CDR_CALL_TYPE] = callType;
    row[CDR_END_STATUS] = endStatus;
    row[CDR_FORWARDED] = forwarded ? "true" : "false";
    return row;
  }

  private static String[] vasRow(Customer c, LocalDate day, int service, int count, double mb, long feeCents) {
    String[] row = new String[VAS_COLUMNS.length];
    row[VAS_CUSTOMER_ID] = c.id;
    row[VAS_USAGE_DATE] = Formats.date(day);
    row[VAS_SERVICE] = SERVICES[service];
    row[VAS_USAGE_COUNT] = Integer.toString(count);
    row[VAS_VOLUME_MB] = Formats.decimal(mb, 1);
    row[VAS_FEE] = Formats.money(feeCents);
    return row;
  }

  private static final List<String> SERVICE_ORDER = List.of(SERVICES);
  private static final Comparator<String[]> VAS_ORDER =
      Comparator.<String[], String>comparing(row -> row[VAS_USAGE_DATE])
          .thenComparingInt(row -> SERVICE_ORDER.indexOf(row[VAS_SERVICE]));
  /** k distinct day offsets in [0, n), ascending. */
  private static int[] days(SplittableRandom r, int n, int k) {
    k = Math.min(k, n);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] out = Arrays.copyOf(all, k);
    Arrays.sort(out);
    return out;
  }

  static long epoch(LocalDate day, LocalTime time) {
    return day.toEpochDay() * 86400L + time.toSecondOfDay();
  }

  /** Rows in the order of their time keys (epoch seconds), stable for equal times. */
  private static List<String[]> sortedBy(List<String[]> rows, List<long[]> keys) {
    // time and position packed in one long: seconds < 2^37 (year 6000), position < 2^24
    long[] packed = new long[rows.size()];
    for (int i = 0; i < packed.length; i++) {
      packed[i] = keys.get(i)[0] << 24 | i;
    }
    Arrays.sort(packed);
    List<String[]> out = new ArrayList<>(rows.size());
    for (long p : packed) {
      out.add(rows.get((int) (p & 0xFFFFFF)));
    }
    return out;
  }
}
