package org.gridlens.pipeline.generate;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.RejectReason;
import org.gridlens.pipeline.schema.Vas;

/**
 * An independent, deliberately simple reading of the contract's validation rules (test code
 * only): the first failing {@link RejectReason} of a raw line, used to check that the generator's
 * truth file names the reason of every planted row and that no other row breaks a rule.
 */
final class ReferenceValidator {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
  private static final Map<String, Set<String>> ENUMS = Map.ofEntries(
      Map.entry(Customers.GENDER, Set.of("M", "F", "U")),
      Map.entry(Customers.CUSTOMER_TYPE, Set.of("individual", "enterprise")),
      Map.entry(Customers.STATUS, Set.of("active", "suspended", "closed")),
      Map.entry(Cdr.DIRECTION, Set.of("MO", "MT")),
      Map.entry(Cdr.CALL_TYPE, Set.of(Cdr.CALL_TYPES)),
      Map.entry(Cdr.END_STATUS, Set.of(Cdr.END_STATUSES)),
      Map.entry(Billing.PAYMENT_METHOD, Set.of("bank_debit", "wechat", "alipay", "cash", "card")),
      Map.entry(Vas.SERVICE, Set.of("sms", "mms", "data", "music", "video", "cloud", "game")),
      Map.entry(Complaints.CATEGORY, Set.of("network", "billing", "service", "product", "other")),
      Map.entry(Cells.TECHNOLOGY, Set.of("4G", "5G")));

  private final LocalDate windowStart;
  private final LocalDate end;
  final Set<String> customers = new HashSet<>();
  final Set<String> cells = new HashSet<>();
  private final Map<Extract, Set<String>> keys = new java.util.EnumMap<>(Extract.class);

  ReferenceValidator(LocalDate windowStart, LocalDate end) {
    this.windowStart = windowStart;
    this.end = end;
  }

  static StructType schema(Extract e) {
    return switch (e) {
      case CUSTOMERS -> Customers.CLEAN;
      case BILLING -> Billing.CLEAN;
      case CDR -> Cdr.CLEAN;
      case COMPLAINTS -> Complaints.CLEAN;
      case VAS -> Vas.CLEAN;
      case CELLS -> Cells.CLEAN;
    };
  }

  /** The reason for a raw data line, or null if it is clean. Clean keyed rows are remembered. */
  RejectReason check(Extract e, byte[] raw) {
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException ex) {
      return RejectReason.BAD_ENCODING;
    }
    StructType schema = schema(e);
    List<String> v;
    try (CSVParser p = CSVParser.parse(line, CSVFormat.DEFAULT)) {
      List<CSVRecord> rs = p.getRecords();
      if (rs.size() != 1) {
        return RejectReason.MALFORMED_LINE;
      }
      v = rs.get(0).toList();
    } catch (Exception ex) {
      return RejectReason.MALFORMED_LINE;
    }
    StructField[] f = schema.fields();
    if (v.size() != f.length) {
      return RejectReason.MALFORMED_LINE;
    }
    for (int i = 0; i < f.length; i++) {
      if (!f[i].nullable() && v.get(i).isEmpty()) {
        return RejectReason.MISSING_REQUIRED;
      }
    }
    for (int i = 0; i < f.length; i++) {
      if (!v.get(i).isEmpty() && numeric(f[i].dataType()) && !parsesNumber(f[i].dataType(), v.get(i))) {
        return RejectReason.BAD_NUMBER;
      }
    }
    for (int i = 0; i < f.length; i++) {
      String s = v.get(i);
      if (s.isEmpty()) {
        continue;
      }
      if (f[i].dataType() == DataTypes.DateType && !(e == Extract.BILLING && f[i].name().equals(Billing.BILL_MONTH))
          && !parses(DATE, s)) {
        return RejectReason.BAD_DATE;
      }
      if (f[i].dataType() == DataTypes.TimestampNTZType && !parses(TS, s)) {
        return RejectReason.BAD_DATE;
      }
      if (e == Extract.BILLING && f[i].name().equals(Billing.BILL_MONTH) && !s.matches("\\d{4}-(0[1-9]|1[0-2])")) {
        return RejectReason.BAD_DATE;
      }
    }
    for (int i = 0; i < f.length; i++) {
      Set<String> allowed = ENUMS.get(f[i].name());
      if (allowed != null && !v.get(i).isEmpty() && !allowed.contains(v.get(i))) {
        return RejectReason.BAD_ENUM;
      }
      if (f[i].name().equals(Cdr.FORWARDED) && !v.get(i).equals("true") && !v.get(i).equals("false")) {
        return RejectReason.BAD_ENUM;
      }
    }
    if (e == Extract.CUSTOMERS) {
      String msisdn = v.get(schema.fieldIndex(Customers.MSISDN));
      String id = v.get(schema.fieldIndex(Customers.ID_NUMBER));
      if (!msisdn.matches("1[3-9]\\d{9}") || !id.isEmpty() && !IdNumbers.valid(id)) {
        return RejectReason.BAD_FORMAT;
      }
    }
    for (int i = 0; i < f.length; i++) {
      String s = v.get(i);
      if (s.isEmpty() || !numeric(f[i].dataType())) {
        continue;
      }
      double d = Double.parseDouble(s);
      String n = f[i].name();
      boolean bad = switch (n) {
        case Customers.LON -> d < -180 || d > 180;
        case Customers.LAT -> d < -90 || d > 90;
        case Complaints.SATISFACTION -> d < 1 || d > 5;
        default -> d < 0;
      };
      if (bad) {
        return RejectReason.OUT_OF_RANGE;
      }
    }
    LocalDate when = switch (e) {
      case BILLING -> YearMonth.parse(v.get(schema.fieldIndex(Billing.BILL_MONTH))).atDay(1);
      case CDR -> LocalDateTime.parse(v.get(schema.fieldIndex(Cdr.START_TIME)), TS).toLocalDate();
      case COMPLAINTS -> LocalDateTime.parse(v.get(schema.fieldIndex(Complaints.OPENED_AT)), TS).toLocalDate();
      case VAS -> LocalDate.parse(v.get(schema.fieldIndex(Vas.USAGE_DATE)), DATE);
      default -> null;
    };
    if (when != null && (when.isBefore(windowStart) || when.isAfter(end))) {
      return RejectReason.OUTSIDE_WINDOW;
    }
    if (e != Extract.CUSTOMERS && e != Extract.CELLS && !customers.contains(v.get(0 + schema.fieldIndex("customer_id")))) {
      return RejectReason.UNKNOWN_CUSTOMER;
    }
    if (e == Extract.CDR && !cells.contains(v.get(schema.fieldIndex(Cdr.CELL_ID)))) {
      return RejectReason.UNKNOWN_CELL;
    }
    String key = switch (e) {
      case CUSTOMERS -> v.get(schema.fieldIndex(Customers.CUSTOMER_ID));
      case BILLING -> v.get(schema.fieldIndex(Billing.CUSTOMER_ID)) + "|" + v.get(schema.fieldIndex(Billing.BILL_MONTH));
      case COMPLAINTS -> v.get(schema.fieldIndex(Complaints.COMPLAINT_ID));
      case CELLS -> v.get(schema.fieldIndex(Cells.CELL_ID));
      default -> null;
    };
    if (key != null && !keys.computeIfAbsent(e, k -> new HashSet<>()).add(key)) {
      return RejectReason.DUPLICATE_KEY;
    }
    if (e == Extract.CUSTOMERS) {
      customers.add(key);
    }
    if (e == Extract.CELLS) {
      cells.add(key);
    }
    return null;
  }

  private static boolean numeric(DataType t) {
    return t == DataTypes.IntegerType || t == DataTypes.DoubleType || t == DataTypes.LongType || t instanceof DecimalType;
  }

  private static boolean parsesNumber(DataType t, String s) {
    try {
      if (t == DataTypes.IntegerType) {
        Integer.parseInt(s);
      } else if (t instanceof DecimalType) {
        new BigDecimal(s);
      } else {
        Double.parseDouble(s);
      }
      return true;
    } catch (NumberFormatException ex) {
      return false;
    }
  }

  private static boolean parses(DateTimeFormatter f, String s) {
    try {
      f.parse(s);
      return true;
    } catch (RuntimeException ex) {
      return false;
    }
  }
}
