package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.ingest.IngestConfig.GeoBox;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.RejectReason;
import org.gridlens.pipeline.schema.Vas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RowValidatorTest {

  private static final LocalDate RUN = LocalDate.of(2026, 10, 31);
  private static final LocalDate START = RowValidator.windowStart(RUN, 3);

  private static final String[] CDR_OK = {
    "C1", "MO", "13912345678", "2026-09-01 10:00:00", "60", "K1", "local", "normal", "false"
  };
  private static final String[] CUSTOMER_OK = {
    "C1", "13912345678", "11010519491231002X", "张三", "M", "1949-12-31", "individual", "", "P1", "58.00",
    "2020-01-15", "shop", "active", "", "", "116.40", "39.90", "G001-01"
  };
  private static final String[] BILLING_OK = {
    "C1", "2026-10", "88.50", "20.00", "50.00", "3.50", "15.00", "2026-11-15", "", "wechat"
  };
  private static final String[] COMPLAINT_OK = {"P1", "C1", "2026-10-02 08:00:00", "network", "", "", "4"};
  private static final String[] VAS_OK = {"C1", "2026-10-31", "music", "3", "12.5", "6.00"};
  private static final String[] CELL_OK = {"K1", "116.4", "39.9", "", "5G"};

  private static RowValidator validator(Extract e) {
    return validator(e, source(Map.of()));
  }

  private static RowValidator validator(Extract e, SourceConfig s) {
    return new RowValidator(ExtractRules.of(e), s, GeoBox.CHINA, START, RUN, false);
  }

  private static SourceConfig source(Map<String, String> overrides) {
    var root = ConfigLoader.parse("{}", "test", overrides);
    return SourceConfig.from(root.child("s"), Extract.CDR);
  }

  private static String[] with(String[] base, String column, String value, Extract e) {
    String[] a = Arrays.copyOf(base, base.length);
    a[ExtractRules.of(e).indexOf(column)] = value;
    return a;
  }

  @Test
  void windowCoversWholeCalendarMonthsEndingOnTheRunDate() {
    assertEquals(LocalDate.of(2026, 8, 1), START);
    assertEquals(LocalDate.of(2026, 10, 1), RowValidator.windowStart(RUN, 1));
    assertEquals(LocalDate.of(2025, 11, 1), RowValidator.windowStart(LocalDate.of(2026, 10, 15), 12));
  }

  @ParameterizedTest
  @EnumSource(Extract.class)
  void rulesFollowTheCleanSchemaOrder(Extract e) {
    ExtractRules r = ExtractRules.of(e);
    assertEquals(Arrays.asList(r.clean().fieldNames()), r.fields().stream().map(FieldRule::name).toList());
    for (FieldRule f : r.fields()) {
      assertEquals(!r.clean().apply(f.name()).nullable(), f.required(), f.name() + " required iff not nullable");
    }
  }

  @Test
  void validRowsAreConvertedToTheirCleanTypes() {
    Verdict c = validator(Extract.CDR).validate(CDR_OK);
    assertTrue(c.ok(), c.detail());
    assertEquals(LocalDateTime.of(2026, 9, 1, 10, 0), c.values()[3]);
    assertEquals(60, c.values()[4]);
    assertEquals(Boolean.FALSE, c.values()[8]);

    Verdict b = validator(Extract.BILLING).validate(BILLING_OK);
    assertTrue(b.ok(), b.detail());
    assertEquals(Date.valueOf(LocalDate.of(2026, 10, 1)), b.values()[1], "bill_month is the month's first day");
    assertEquals(new BigDecimal("88.50"), b.values()[2]);
    assertNull(b.values()[8], "empty optional field is null");

    Verdict cu = validator(Extract.CUSTOMERS).validate(CUSTOMER_OK);
    assertTrue(cu.ok(), cu.detail());
    assertEquals(new BigDecimal("58.00"), cu.values()[9]);
    assertEquals(116.4, cu.values()[15]);

    assertTrue(validator(Extract.COMPLAINTS).validate(COMPLAINT_OK).ok());
    assertTrue(validator(Extract.VAS).validate(VAS_OK).ok());
    assertTrue(validator(Extract.CELLS).validate(CELL_OK).ok());
  }

  @ParameterizedTest(name = "cdr {0}=''{1}'' -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "customer_id, '', MISSING_REQUIRED",
        "customer_id, '   ', MISSING_REQUIRED",
        "cell_id, NULL, MISSING_REQUIRED",
        "duration_s, abc, BAD_NUMBER",
        "duration_s, 1.5, BAD_NUMBER",
        "duration_s, 99999999999, BAD_NUMBER",
        "duration_s, -1, OUT_OF_RANGE",
        "duration_s, 0, ",
        "start_time, 2026-09-31 10:00:00, BAD_DATE",
        "start_time, 2026-09-01T10:00:00, BAD_DATE",
        "start_time, 2026-09-01 24:00:00, BAD_DATE",
        "start_time, 2026-09-01, BAD_DATE",
        "direction, mo, BAD_ENUM",
        "call_type, satellite, BAD_ENUM",
        "end_status, ok, BAD_ENUM",
        "forwarded, yes, BAD_ENUM",
        "forwarded, TRUE, BAD_ENUM",
        "forwarded, true, ",
        "other_party, 12345, BAD_FORMAT",
        "other_party, 01087654321, ",
        "other_party, 0085212345678, ",
        "start_time, 2026-07-31 23:59:59, OUTSIDE_WINDOW",
        "start_time, 2026-08-01 00:00:00, ",
        "start_time, 2026-10-31 23:59:59, ",
        "start_time, 2026-11-01 00:00:00, OUTSIDE_WINDOW"
      })
  void cdrRules(String column, String value, RejectReason expected) {
    Verdict v = validator(Extract.CDR).validate(with(CDR_OK, column, value, Extract.CDR));
    assertEquals(expected, v.reason(), v.detail());
    if (expected != null) {
      assertTrue(v.detail().startsWith(column), "detail names the field: " + v.detail());
    }
  }

  @ParameterizedTest(name = "customers {0}=''{1}'' -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "msisdn, '', MISSING_REQUIRED",
        "msisdn, 1391234567, BAD_FORMAT",
        "msisdn, 12912345678, BAD_FORMAT",
        "id_number, 110101198003074594, BAD_FORMAT",
        "id_number, '', ",
        "gender, X, BAD_ENUM",
        "gender, '', ",
        "customer_type, business, BAD_ENUM",
        "status, deleted, BAD_ENUM",
        "plan_fee, -0.01, OUT_OF_RANGE",
        "plan_fee, 12.345, BAD_NUMBER",
        "plan_fee, 12.340, ",
        "plan_fee, 1e3, BAD_NUMBER",
        "plan_fee, 12345678901.00, BAD_NUMBER",
        "join_date, 2026-02-29, BAD_DATE",
        "join_date, 2024-02-29, ",
        "birth_date, 31/12/1949, BAD_DATE",
        "lon, 500, OUT_OF_RANGE",
        "lat, -39.9, OUT_OF_RANGE",
        "lon, 0x1p3, BAD_NUMBER",
        "lon, NaN, BAD_NUMBER",
        "lon, '', "
      })
  void customerRules(String column, String value, RejectReason expected) {
    Verdict v = validator(Extract.CUSTOMERS).validate(with(CUSTOMER_OK, column, value, Extract.CUSTOMERS));
    assertEquals(expected, v.reason(), v.detail());
  }

  @ParameterizedTest(name = "billing {0}=''{1}'' -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "bill_month, 2026-13, BAD_DATE",
        "bill_month, 2026/10, BAD_FORMAT",
        "bill_month, 202610, BAD_FORMAT",
        "bill_month, 2026-10-01, BAD_FORMAT",
        "bill_month, 2026-07, OUTSIDE_WINDOW",
        "bill_month, 2026-08, ",
        "bill_month, 2026-11, OUTSIDE_WINDOW",
        "total_fee, -5.00, OUT_OF_RANGE",
        "vas_fee, abc, BAD_NUMBER",
        "due_date, '', MISSING_REQUIRED",
        "payment_method, paypal, BAD_ENUM"
      })
  void billingRules(String column, String value, RejectReason expected) {
    Verdict v = validator(Extract.BILLING).validate(with(BILLING_OK, column, value, Extract.BILLING));
    assertEquals(expected, v.reason(), v.detail());
  }

  @ParameterizedTest(name = "{0}: {1}=''{2}'' -> {3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "COMPLAINTS, satisfaction, 0, OUT_OF_RANGE",
        "COMPLAINTS, satisfaction, 6, OUT_OF_RANGE",
        "COMPLAINTS, satisfaction, 1, ",
        "COMPLAINTS, satisfaction, 5, ",
        "COMPLAINTS, satisfaction, '', ",
        "COMPLAINTS, category, weather, BAD_ENUM",
        "COMPLAINTS, opened_at, 2026-07-31 23:59:59, OUTSIDE_WINDOW",
        "COMPLAINTS, resolved_at, soon, BAD_DATE",
        "VAS, service, fax, BAD_ENUM",
        "VAS, usage_count, -1, OUT_OF_RANGE",
        "VAS, volume_mb, -0.5, OUT_OF_RANGE",
        "VAS, fee, -1.00, OUT_OF_RANGE",
        "VAS, usage_date, 2026-11-01, OUTSIDE_WINDOW",
        "VAS, usage_date, 2026-08-01, ",
        "CELLS, lon, '', MISSING_REQUIRED",
        "CELLS, lat, 91, OUT_OF_RANGE",
        "CELLS, technology, 6G, BAD_ENUM",
        "CELLS, technology, '', "
      })
  void otherRules(Extract e, String column, String value, RejectReason expected) {
    String[] base = switch (e) {
      case COMPLAINTS -> COMPLAINT_OK;
      case VAS -> VAS_OK;
      case CELLS -> CELL_OK;
      default -> throw new IllegalArgumentException();
    };
    Verdict v = validator(e).validate(with(base, column, value, e));
    assertEquals(expected, v.reason(), v.detail());
  }

  @Test
  void theFirstFailingRuleInDeclarationOrderWinsWhateverTheFieldOrder() {
    // out of range (duration) comes before a missing cell_id in field order, but MISSING_REQUIRED
    // is declared first
    String[] row = with(with(CDR_OK, Cdr.DURATION_S, "-3", Extract.CDR), Cdr.CELL_ID, "", Extract.CDR);
    Verdict v = validator(Extract.CDR).validate(row);
    assertEquals(RejectReason.MISSING_REQUIRED, v.reason());
    assertEquals("cell_id: required value is empty", v.detail());

    // bad enum (direction, field 2) vs bad number (duration, field 5): BAD_NUMBER is declared first
    row = with(with(CDR_OK, Cdr.DIRECTION, "XX", Extract.CDR), Cdr.DURATION_S, "x", Extract.CDR);
    assertEquals(RejectReason.BAD_NUMBER, validator(Extract.CDR).validate(row).reason());

    // a row both malformed in value and outside the window reports the value problem
    row = with(with(CDR_OK, Cdr.START_TIME, "2026-01-01 00:00:00", Extract.CDR), Cdr.CALL_TYPE, "x", Extract.CDR);
    assertEquals(RejectReason.BAD_ENUM, validator(Extract.CDR).validate(row).reason());
  }

  @Test
  void detailQuotesTheFieldAndValue() {
    Verdict v = validator(Extract.CDR).validate(with(CDR_OK, Cdr.DURATION_S, "-7", Extract.CDR));
    assertEquals("duration_s='-7': below 0", v.detail());
    v = validator(Extract.COMPLAINTS).validate(with(COMPLAINT_OK, Complaints.SATISFACTION, "9", Extract.COMPLAINTS));
    assertEquals("satisfaction='9': outside [1, 5]", v.detail());
  }

  @Test
  void sourcePatternsReplaceTheContractDefaults() {
    SourceConfig s = source(Map.of("s.date_format", "yyyy/MM/dd", "s.timestamp_format", "yyyyMMddHHmmss",
        "s.month_format", "yyyyMM"));
    Verdict v = validator(Extract.VAS, s).validate(with(VAS_OK, Vas.USAGE_DATE, "2026/10/31", Extract.VAS));
    assertTrue(v.ok(), v.detail());
    assertEquals(RejectReason.BAD_DATE,
        validator(Extract.VAS, s).validate(with(VAS_OK, Vas.USAGE_DATE, "2026-10-31", Extract.VAS)).reason());
    assertEquals(RejectReason.BAD_DATE,
        validator(Extract.VAS, s).validate(with(VAS_OK, Vas.USAGE_DATE, "2026/02/30", Extract.VAS)).reason());
    v = validator(Extract.CDR, s).validate(with(CDR_OK, Cdr.START_TIME, "20260901103000", Extract.CDR));
    assertEquals(LocalDateTime.of(2026, 9, 1, 10, 30), v.values()[3]);
    String[] bill = with(BILLING_OK, Billing.DUE_DATE, "2026/11/15", Extract.BILLING);
    v = validator(Extract.BILLING, s).validate(with(bill, Billing.BILL_MONTH, "202609", Extract.BILLING));
    assertTrue(v.ok(), v.detail());
    assertEquals(RejectReason.BAD_DATE,
        validator(Extract.BILLING, s).validate(with(bill, Billing.BILL_MONTH, "202613", Extract.BILLING)).reason());
    assertEquals(RejectReason.BAD_FORMAT,
        validator(Extract.BILLING, s).validate(with(bill, Billing.BILL_MONTH, "2026-09", Extract.BILLING)).reason());
  }

  @Test
  void javaTimeModeReturnsLocalDates() {
    var v = new RowValidator(ExtractRules.of(Extract.VAS), source(Map.of()), GeoBox.CHINA, START, RUN, true);
    assertEquals(LocalDate.of(2026, 10, 31), v.validate(VAS_OK).values()[1]);
  }
}
