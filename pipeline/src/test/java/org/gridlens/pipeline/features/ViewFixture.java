package org.gridlens.pipeline.features;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Hand-computed fixture of the customer view: tiny inline input rows and, per customer, the
 * expected value of every output column with the arithmetic in comments. Run date 2026-10-31,
 * default config: billing 2026-08..2026-10; CDR, VAS and complaints from 2026-08-03 (90 days);
 * off-peak [21:00, 07:00); night [22:00, 06:00).
 *
 * <p>C001 does a bit of everything; C002 has no CDR, a single bill and no VAS (silent, trend
 * null); C003 has only open complaints, calls at the window's last second, only competitor
 * contacts and a home-cell tie; C004 is closed in the window, without bills or calls, not in the
 * assignment; C005 joined on the run date, closed without a close date, no activity at all.
 * C999 is a ghost (activity, no master row) and must not appear.
 */
final class ViewFixture {

  static final LocalDate RUN = LocalDate.of(2026, 10, 31);

  static final OperatorPrefixes OPS = operators();

  private ViewFixture() {}

  private static OperatorPrefixes operators() {
    Map<String, List<String>> table = new LinkedHashMap<>();
    table.put("cmcc", List.of("138", "139"));
    table.put("cu", List.of("130", "186"));
    table.put("ct", List.of("133", "189"));
    table.put("cbn", List.of("192"));
    return new OperatorPrefixes("cmcc", table, Map.of());
  }

  static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  static LocalDateTime t(String s) {
    return LocalDateTime.parse(s.replace(' ', 'T'));
  }

  static BigDecimal m(String s) {
    return new BigDecimal(s);
  }

  // gender, birth_date, customer_type, industry, plan_id, plan_fee, join_date, channel, status, close_date
  static List<Row> customers() {
    return List.of(
        cust("C001", "F", d("1990-11-01"), "individual", null, "P1", "88.00", d("2020-01-15"), "store", "active", null),
        cust("C002", "U", null, "enterprise", "retail", "P2", "50.00", d("2026-09-10"), null, "active", null),
        cust("C003", "M", d("1960-10-31"), "individual", null, "P3", "18.00", d("2010-05-31"), "online", "active", null),
        cust("C004", "F", d("2003-02-28"), "individual", null, "P1", "88.00", d("2026-07-31"), "store", "closed",
            d("2026-10-15")),
        cust("C005", "M", d("1975-06-15"), "individual", null, "P2", "50.00", d("2026-10-31"), "agent", "closed", null));
  }

  private static Row cust(String id, String gender, LocalDate birth, String type, String industry, String plan,
      String fee, LocalDate join, String channel, String status, LocalDate close) {
    return RowFactory.create(id, "13800000000", null, null, gender, birth, type, industry, plan, m(fee), join,
        channel, status, close, null, null, null, null);
  }

  // customer_id, bill_month, total, voice, data, sms, vas, due_date, paid_date, payment_method
  static List<Row> billing() {
    return List.of(
        bill("C001", "2026-07-01", "999.00", "999.00", "0", "0", "0", "2026-08-15", "2026-08-01", "wechat"), // outside
        bill("C001", "2026-08-01", "100.00", "40.00", "50.00", "5.00", "5.00", "2026-09-15", "2026-09-10", "wechat"),
        bill("C001", "2026-09-01", "120.00", "40.00", "60.00", "10.00", "10.00", "2026-10-15", "2026-10-20", "alipay"),
        bill("C001", "2026-10-01", "140.00", "50.00", "70.00", "10.00", "10.00", "2026-10-25", null, "alipay"),
        bill("C002", "2026-10-01", "50.00", "20.00", "20.00", "0.00", "10.00", "2026-11-10", null, "bank_debit"),
        bill("C003", "2026-08-01", "30.00", "30.00", "0.00", "0.00", "0.00", "2026-09-15", "2026-09-15", "card"),
        bill("C003", "2026-09-01", "20.00", "20.00", "0.00", "0.00", "0.00", "2026-10-15", "2026-10-16", "cash"),
        bill("C999", "2026-10-01", "10.00", "10.00", "0.00", "0.00", "0.00", "2026-10-15", null, "cash")); // ghost
  }

  private static Row bill(String id, String month, String total, String voice, String data, String sms, String vas,
      String due, String paid, String method) {
    return RowFactory.create(id, d(month), m(total), m(voice), m(data), m(sms), m(vas), d(due),
        paid == null ? null : d(paid), method);
  }

  // customer_id, direction, other_party, start_time, duration_s, cell_id, call_type, end_status, forwarded
  static List<Row> cdr() {
    return List.of(
        call("C001", "MO", "19200000009", "2026-08-02 10:00:00", 600, "A", "local", "normal", false), // before window
        call("C001", "MO", "13800000001", "2026-10-01 20:59:59", 120, "A", "local", "normal", false), // peak
        call("C001", "MO", "13800000001", "2026-10-01 21:00:00", 60, "A", "local", "normal", false), // off-peak
        call("C001", "MT", "13000000002", "2026-10-02 07:00:00", 30, "B", "long_distance", "dropped", false), // peak
        call("C001", "MO", "01012345678", "2026-10-02 23:30:00", 90, "B", "roaming", "normal", true), // off-peak, night
        call("C001", "MO", "13300000003", "2026-10-03 06:59:59", 0, "B", "international", "failed", false), // off-peak
        call("C001", "MT", "13800000001", "2026-10-03 12:00:00", 180, "A", "ip_long_distance", "normal", false),
        call("C001", "MO", "13800000001", "2026-11-01 00:00:00", 60, "A", "local", "normal", false), // after window
        call("C003", "MO", "18600000001", "2026-10-31 22:00:00", 60, "C5", "local", "normal", false), // night start
        call("C003", "MO", "18600000001", "2026-10-31 23:59:59", 60, "C4", "local", "normal", false), // last second
        call("C003", "MO", "19200000002", "2026-10-31 06:00:00", 120, "C4", "local", "normal", false), // night end
        call("C003", "MT", "19200000002", "2026-10-31 10:00:00", 60, "C5", "local", "dropped", false),
        call("C999", "MO", "13800000001", "2026-10-31 10:00:00", 60, "A", "local", "normal", false)); // ghost
  }

  private static Row call(String id, String dir, String party, String start, int dur, String cell, String type,
      String end, boolean fwd) {
    return RowFactory.create(id, dir, party, t(start), dur, cell, type, end, fwd);
  }

  // complaint_id, customer_id, opened_at, category, channel, resolved_at, satisfaction
  static List<Row> complaints() {
    return List.of(
        compl("K1", "C001", "2026-09-01 10:00:00", "network", "2026-09-01 16:00:00", 4), // 6 h
        compl("K2", "C001", "2026-10-10 08:00:00", "billing_dispute", "2026-10-12 08:00:00", 2), // 48 h, other
        compl("K3", "C001", "2026-10-30 09:00:00", "billing", "2026-11-02 09:00:00", null), // open at run date
        compl("K4", "C001", "2026-08-02 09:00:00", "service", "2026-08-02 10:00:00", 5), // before window
        compl("K5", "C003", "2026-10-20 10:00:00", "product", null, null),
        compl("K6", "C003", "2026-10-25 10:00:00", "network", null, 1));
  }

  private static Row compl(String id, String cust, String opened, String cat, String resolved, Integer sat) {
    return RowFactory.create(id, cust, t(opened), cat, "hotline", resolved == null ? null : t(resolved), sat);
  }

  // customer_id, usage_date, service, usage_count, volume_mb, fee
  static List<Row> vas() {
    return List.of(
        vas("C001", "2026-10-01", "sms", 10, 0.0, "1.00"),
        vas("C001", "2026-10-02", "sms", 5, 0.0, "0.50"),
        vas("C001", "2026-10-01", "data", 1, 1024.5, "5.00"),
        vas("C001", "2026-10-05", "video", 3, 300.25, "10.00"),
        vas("C001", "2026-08-02", "music", 9, 0.0, "9.00"), // before window
        vas("C004", "2026-09-01", "game", 2, 0.0, "3.00"));
  }

  private static Row vas(String id, String day, String service, int count, double mb, String fee) {
    return RowFactory.create(id, d(day), service, count, mb, m(fee));
  }

  // customer_id, grid_id, main_grid_id, method, unassigned_reason, home_cell_id, border_distance_m
  static List<Row> assignment() {
    return List.of(
        RowFactory.create("C001", "G001-01", "G001", "point", null, null, 120.0),
        RowFactory.create("C002", "G002", "G002", "explicit", null, null, null),
        RowFactory.create("C003", "G001-02", "G001", "home_cell", null, "C4", 80.0),
        RowFactory.create("C005", null, null, "unassigned", "no_location", null, null));
  }

  /** Expected rows, customer_id to column to value; every output column for every customer. */
  static Map<String, Map<String, Object>> expected() {
    Map<String, Map<String, Object>> e = new LinkedHashMap<>();

    Map<String, Object> c1 = new LinkedHashMap<>();
    profile(c1, "C001", "individual", null, "F", 35, "35_44", // 2026-1990 = 36, 31 Oct before 1 Nov -> 35
        d("2020-01-15"), 81, "P1", "88.00", "store", "active", null, // 6*12 + (10-1) = 81, day 31 >= 15
        "G001-01", "G001", "point");
    // bills Aug 100, Sep 120, Oct 140 (Jul outside): revenue 360, arpu 360/3 = 120
    c1.put(CustomerView.ARPU, 120.0);
    c1.put(CustomerView.LAST_MONTH_FEE, m("140.00"));
    // x = 0,1,2; y = 100,120,140: (3*400 - 3*360) / (3*5 - 3^2) = 120/6 = 20 yuan/month
    c1.put(CustomerView.FEE_TREND, 20.0);
    c1.put(CustomerView.VOICE_FEE_SHARE, 130.0 / 360); // (40+40+50)/360
    c1.put(CustomerView.DATA_FEE_SHARE, 0.5); // (50+60+70)/360
    c1.put(CustomerView.SMS_FEE_SHARE, 25.0 / 360); // (5+10+10)/360
    c1.put(CustomerView.VAS_FEE_SHARE, 25.0 / 360);
    c1.put(CustomerView.MONTHS_BILLED, 3L);
    c1.put(CustomerView.PAYMENT_METHOD, "alipay"); // wechat 1, alipay 2 (Jul's wechat is outside)
    // Sep paid 10-20 > due 10-15 (5 days); Oct unpaid, due 10-25 < run date (31-25 = 6 days)
    c1.put(CustomerView.LATE_PAYMENTS, 2L);
    c1.put(CustomerView.MEAN_DAYS_LATE, 5.5); // (5+6)/2
    c1.put(CustomerView.AMOUNT_UNPAID, m("140.00"));
    c1.put(CustomerView.REVENUE, m("360.00"));
    // 6 calls in window (08-02 and 11-01 are out): MO 4 (270 s), MT 2 (30+180 = 210 s)
    c1.put(CustomerView.MO_CALLS, 4L);
    c1.put(CustomerView.MT_CALLS, 2L);
    c1.put(CustomerView.MO_MINUTES, 4.5); // (120+60+90+0)/60
    c1.put(CustomerView.MT_MINUTES, 3.5); // 210/60
    c1.put(CustomerView.ACTIVE_DAYS, 3L); // 10-01, 10-02, 10-03
    c1.put(CustomerView.CALLS_PER_ACTIVE_DAY, 2.0); // 6/3
    c1.put(CustomerView.DISTINCT_CONTACTS, 4L); // 138..01 x3, 130..02, 010..., 133..03
    // p = 3/6, 1/6, 1/6, 1/6: H = 0.5 ln 2 + 3 * (1/6) ln 6 = 0.5 ln 12 = 1.242453325
    c1.put(CustomerView.CONTACT_ENTROPY, 0.5 * Math.log(12));
    c1.put(CustomerView.TOP_CONTACT_SHARE, 0.5); // 3/6
    // off-peak: 21:00:00, 23:30:00, 06:59:59 (not 20:59:59, 07:00:00, 12:00:00) -> 3/6
    c1.put(CustomerView.OFFPEAK_SHARE, 0.5);
    c1.put(CustomerView.LOCAL_SHARE, 2.0 / 6);
    c1.put(CustomerView.LONG_DISTANCE_SHARE, 1.0 / 6);
    c1.put(CustomerView.IP_LONG_DISTANCE_SHARE, 1.0 / 6);
    c1.put(CustomerView.ROAMING_SHARE, 1.0 / 6);
    c1.put(CustomerView.INTERNATIONAL_SHARE, 1.0 / 6);
    c1.put(CustomerView.FORWARDED_CALLS, 1L);
    c1.put(CustomerView.DROPPED_CALL_RATE, 0.2); // dropped 1 / (normal 4 + dropped 1)
    c1.put(CustomerView.FAILED_CALL_RATE, 1.0 / 6); // failed 1 / 6 calls
    c1.put(CustomerView.DISTINCT_CELLS, 2L);
    // night [22:00, 06:00): only 23:30 on B -> B (A has as many calls overall, but none at night)
    c1.put(CustomerView.HOME_CELL_ID, "B");
    // contacts: cmcc 1, cu 1, ct 1, fixed line (other) 1 -> each 1/4
    c1.put(CustomerView.ONNET_CONTACT_SHARE, 0.25);
    c1.put(CustomerView.contactShare("cu"), 0.25);
    c1.put(CustomerView.contactShare("ct"), 0.25);
    c1.put(CustomerView.contactShare("cbn"), 0.0);
    c1.put(CustomerView.TOP_COMPETITOR_SHARE, 0.25);
    // K1 network 6 h, K2 billing_dispute -> other 48 h, K3 billing resolved after run date (open)
    c1.put(CustomerView.COMPLAINTS, 3L);
    complaints(c1, 1, 1, 0, 0, 1);
    c1.put(CustomerView.MEAN_RESOLUTION_HOURS, 27.0); // (6+48)/2
    c1.put(CustomerView.MAX_RESOLUTION_HOURS, 48.0);
    c1.put(CustomerView.OPEN_COMPLAINTS, 1L);
    c1.put(CustomerView.MEAN_SATISFACTION, 3.0); // (4+2)/2, K3 has none
    c1.put(CustomerView.SMS_COUNT, 15L); // 10+5
    c1.put(CustomerView.DATA_VOLUME_MB, 1024.5); // data service only; video's 300.25 MB not counted
    vas(c1, "sms", 15, "1.50");
    vas(c1, "mms", 0, "0.00");
    vas(c1, "data", 1, "5.00");
    vas(c1, "music", 0, "0.00"); // the 08-02 music row is before the window
    vas(c1, "video", 3, "10.00");
    vas(c1, "cloud", 0, "0.00");
    vas(c1, "game", 0, "0.00");
    c1.put(CustomerView.VAS_SERVICES_USED, 3L); // sms, data, video
    c1.put(CustomerView.VAS_FEE_TOTAL, m("16.50")); // 1.00+0.50+5.00+10.00
    flags(c1, false, false, false);
    e.put("C001", c1);

    Map<String, Object> c2 = new LinkedHashMap<>();
    profile(c2, "C002", "enterprise", "retail", "U", null, "unknown",
        d("2026-09-10"), 1, "P2", "50.00", null, "active", null, // (10-9) = 1, day 31 >= 10
        "G002", "G002", "explicit");
    c2.put(CustomerView.ARPU, 50.0);
    c2.put(CustomerView.LAST_MONTH_FEE, m("50.00"));
    c2.put(CustomerView.FEE_TREND, null); // a single bill: no slope
    c2.put(CustomerView.VOICE_FEE_SHARE, 0.4); // 20/50
    c2.put(CustomerView.DATA_FEE_SHARE, 0.4);
    c2.put(CustomerView.SMS_FEE_SHARE, 0.0);
    c2.put(CustomerView.VAS_FEE_SHARE, 0.2); // 10/50
    c2.put(CustomerView.MONTHS_BILLED, 1L);
    c2.put(CustomerView.PAYMENT_METHOD, "bank_debit");
    c2.put(CustomerView.LATE_PAYMENTS, 0L); // unpaid but due 11-10, after the run date
    c2.put(CustomerView.MEAN_DAYS_LATE, null);
    c2.put(CustomerView.AMOUNT_UNPAID, m("50.00"));
    c2.put(CustomerView.REVENUE, m("50.00"));
    noCalls(c2);
    noComplaints(c2);
    noVas(c2);
    flags(c2, true, false, true); // joined 09-10 >= 08-01; no CDR and no VAS
    e.put("C002", c2);

    Map<String, Object> c3 = new LinkedHashMap<>();
    profile(c3, "C003", "individual", null, "M", 66, "65_plus", // birthday on the run date counts
        d("2010-05-31"), 197, "P3", "18.00", "online", "active", null, // 16*12 + 5 = 197
        "G001-02", "G001", "home_cell");
    c3.put(CustomerView.ARPU, 25.0); // (30+20)/2
    c3.put(CustomerView.LAST_MONTH_FEE, m("20.00")); // latest billed month: Sep (no Oct bill)
    // x = 0,1; y = 30,20: (2*20 - 1*50) / (2*1 - 1) = -10
    c3.put(CustomerView.FEE_TREND, -10.0);
    c3.put(CustomerView.VOICE_FEE_SHARE, 1.0);
    c3.put(CustomerView.DATA_FEE_SHARE, 0.0);
    c3.put(CustomerView.SMS_FEE_SHARE, 0.0);
    c3.put(CustomerView.VAS_FEE_SHARE, 0.0);
    c3.put(CustomerView.MONTHS_BILLED, 2L);
    c3.put(CustomerView.PAYMENT_METHOD, "cash"); // card 1, cash 1: tie -> the latest month's (Sep)
    c3.put(CustomerView.LATE_PAYMENTS, 1L); // Aug paid on the due date (not late), Sep one day late
    c3.put(CustomerView.MEAN_DAYS_LATE, 1.0);
    c3.put(CustomerView.AMOUNT_UNPAID, m("0.00"));
    c3.put(CustomerView.REVENUE, m("50.00"));
    c3.put(CustomerView.MO_CALLS, 3L);
    c3.put(CustomerView.MT_CALLS, 1L);
    c3.put(CustomerView.MO_MINUTES, 4.0); // (60+60+120)/60
    c3.put(CustomerView.MT_MINUTES, 1.0);
    c3.put(CustomerView.ACTIVE_DAYS, 1L);
    c3.put(CustomerView.CALLS_PER_ACTIVE_DAY, 4.0);
    c3.put(CustomerView.DISTINCT_CONTACTS, 2L);
    c3.put(CustomerView.CONTACT_ENTROPY, Math.log(2)); // p = 1/2, 1/2
    c3.put(CustomerView.TOP_CONTACT_SHARE, 0.5);
    c3.put(CustomerView.OFFPEAK_SHARE, 0.75); // 22:00, 23:59:59, 06:00 in; 10:00 out
    c3.put(CustomerView.LOCAL_SHARE, 1.0);
    c3.put(CustomerView.LONG_DISTANCE_SHARE, 0.0);
    c3.put(CustomerView.IP_LONG_DISTANCE_SHARE, 0.0);
    c3.put(CustomerView.ROAMING_SHARE, 0.0);
    c3.put(CustomerView.INTERNATIONAL_SHARE, 0.0);
    c3.put(CustomerView.FORWARDED_CALLS, 0L);
    c3.put(CustomerView.DROPPED_CALL_RATE, 0.25); // 1 / (3 + 1)
    c3.put(CustomerView.FAILED_CALL_RATE, 0.0);
    c3.put(CustomerView.DISTINCT_CELLS, 2L);
    // night: 22:00 on C5, 23:59:59 on C4 (06:00:00 is not night) -> tie 1-1 -> smallest id C4
    c3.put(CustomerView.HOME_CELL_ID, "C4");
    c3.put(CustomerView.ONNET_CONTACT_SHARE, 0.0);
    c3.put(CustomerView.contactShare("cu"), 0.5); // 186...
    c3.put(CustomerView.contactShare("ct"), 0.0);
    c3.put(CustomerView.contactShare("cbn"), 0.5); // 192...
    c3.put(CustomerView.TOP_COMPETITOR_SHARE, 0.5);
    c3.put(CustomerView.COMPLAINTS, 2L); // only open complaints
    complaints(c3, 1, 0, 0, 1, 0);
    c3.put(CustomerView.MEAN_RESOLUTION_HOURS, null);
    c3.put(CustomerView.MAX_RESOLUTION_HOURS, null);
    c3.put(CustomerView.OPEN_COMPLAINTS, 2L);
    c3.put(CustomerView.MEAN_SATISFACTION, 1.0);
    noVas(c3);
    flags(c3, false, false, false); // calls, so not silent although no VAS
    e.put("C003", c3);

    Map<String, Object> c4 = new LinkedHashMap<>();
    profile(c4, "C004", "individual", null, "F", 23, "under_25",
        d("2026-07-31"), 3, "P1", "88.00", "store", "closed", d("2026-10-15"), // 10-7 = 3, day 31 >= 31
        null, null, "unassigned"); // no assignment row
    noBills(c4);
    noCalls(c4);
    noComplaints(c4);
    c4.put(CustomerView.SMS_COUNT, 0L);
    c4.put(CustomerView.DATA_VOLUME_MB, 0.0);
    for (String s : ViewConfig.DEFAULT_SERVICES) {
      vas(c4, s, s.equals("game") ? 2 : 0, s.equals("game") ? "3.00" : "0.00");
    }
    c4.put(CustomerView.VAS_SERVICES_USED, 1L);
    c4.put(CustomerView.VAS_FEE_TOTAL, m("3.00"));
    flags(c4, false, true, false); // joined 07-31, before 08-01; closed 10-15; has VAS
    e.put("C004", c4);

    Map<String, Object> c5 = new LinkedHashMap<>();
    profile(c5, "C005", "individual", null, "M", 51, "45_54",
        d("2026-10-31"), 0, "P2", "50.00", "agent", "closed", null,
        null, null, "unassigned");
    noBills(c5);
    noCalls(c5);
    noComplaints(c5);
    noVas(c5);
    flags(c5, true, true, true); // joined on the run date; closed without a close date
    e.put("C005", c5);
    return e;
  }

  private static void profile(Map<String, Object> c, String id, String type, String industry, String gender,
      Integer age, String band, LocalDate join, int tenure, String plan, String fee, String channel, String status,
      LocalDate close, String grid, String mainGrid, String method) {
    c.put(CustomerView.CUSTOMER_ID, id);
    c.put(CustomerView.CUSTOMER_TYPE, type);
    c.put(CustomerView.INDUSTRY, industry);
    c.put(CustomerView.GENDER, gender);
    c.put(CustomerView.AGE_YEARS, age);
    c.put(CustomerView.AGE_BAND, band);
    c.put(CustomerView.JOIN_DATE, join);
    c.put(CustomerView.TENURE_MONTHS, tenure);
    c.put(CustomerView.PLAN_ID, plan);
    c.put(CustomerView.PLAN_FEE, m(fee));
    c.put(CustomerView.CHANNEL, channel);
    c.put(CustomerView.STATUS, status);
    c.put(CustomerView.CLOSE_DATE, close);
    c.put(CustomerView.GRID_ID, grid);
    c.put(CustomerView.MAIN_GRID_ID, mainGrid);
    c.put(CustomerView.ASSIGNMENT_METHOD, method);
  }

  private static void noBills(Map<String, Object> c) {
    for (String k : List.of(CustomerView.ARPU, CustomerView.LAST_MONTH_FEE, CustomerView.FEE_TREND,
        CustomerView.VOICE_FEE_SHARE, CustomerView.DATA_FEE_SHARE, CustomerView.SMS_FEE_SHARE,
        CustomerView.VAS_FEE_SHARE, CustomerView.PAYMENT_METHOD, CustomerView.MEAN_DAYS_LATE)) {
      c.put(k, null);
    }
    c.put(CustomerView.MONTHS_BILLED, 0L);
    c.put(CustomerView.LATE_PAYMENTS, 0L);
    c.put(CustomerView.AMOUNT_UNPAID, m("0.00"));
    c.put(CustomerView.REVENUE, m("0.00"));
  }

  private static void noCalls(Map<String, Object> c) {
    for (String k : List.of(CustomerView.MO_CALLS, CustomerView.MT_CALLS, CustomerView.ACTIVE_DAYS,
        CustomerView.DISTINCT_CONTACTS, CustomerView.FORWARDED_CALLS, CustomerView.DISTINCT_CELLS)) {
      c.put(k, 0L);
    }
    c.put(CustomerView.MO_MINUTES, 0.0);
    c.put(CustomerView.MT_MINUTES, 0.0);
    List<String> nulls = new ArrayList<>(List.of(CustomerView.CALLS_PER_ACTIVE_DAY, CustomerView.CONTACT_ENTROPY,
        CustomerView.TOP_CONTACT_SHARE, CustomerView.OFFPEAK_SHARE, CustomerView.LOCAL_SHARE,
        CustomerView.LONG_DISTANCE_SHARE, CustomerView.IP_LONG_DISTANCE_SHARE, CustomerView.ROAMING_SHARE,
        CustomerView.INTERNATIONAL_SHARE, CustomerView.DROPPED_CALL_RATE, CustomerView.FAILED_CALL_RATE,
        CustomerView.HOME_CELL_ID, CustomerView.ONNET_CONTACT_SHARE, CustomerView.TOP_COMPETITOR_SHARE));
    for (String op : OPS.competitors()) {
      nulls.add(CustomerView.contactShare(op));
    }
    for (String k : nulls) {
      c.put(k, null);
    }
  }

  private static void noComplaints(Map<String, Object> c) {
    c.put(CustomerView.COMPLAINTS, 0L);
    complaints(c, 0, 0, 0, 0, 0);
    c.put(CustomerView.MEAN_RESOLUTION_HOURS, null);
    c.put(CustomerView.MAX_RESOLUTION_HOURS, null);
    c.put(CustomerView.OPEN_COMPLAINTS, 0L);
    c.put(CustomerView.MEAN_SATISFACTION, null);
  }

  private static void complaints(Map<String, Object> c, long network, long billing, long service, long product,
      long other) {
    c.put(CustomerView.complaintsOf("network"), network);
    c.put(CustomerView.complaintsOf("billing"), billing);
    c.put(CustomerView.complaintsOf("service"), service);
    c.put(CustomerView.complaintsOf("product"), product);
    c.put(CustomerView.complaintsOf("other"), other);
  }

  private static void noVas(Map<String, Object> c) {
    c.put(CustomerView.SMS_COUNT, 0L);
    c.put(CustomerView.DATA_VOLUME_MB, 0.0);
    for (String s : ViewConfig.DEFAULT_SERVICES) {
      vas(c, s, 0, "0.00");
    }
    c.put(CustomerView.VAS_SERVICES_USED, 0L);
    c.put(CustomerView.VAS_FEE_TOTAL, m("0.00"));
  }

  private static void vas(Map<String, Object> c, String service, long usage, String fee) {
    c.put(CustomerView.vasUsage(service), usage);
    c.put(CustomerView.vasFee(service), m(fee));
  }

  private static void flags(Map<String, Object> c, boolean isNew, boolean churned, boolean silent) {
    c.put(CustomerView.IS_NEW, isNew);
    c.put(CustomerView.IS_CHURNED, churned);
    c.put(CustomerView.IS_SILENT, silent);
  }
}
