package org.gridlens.pipeline.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.RejectReason;

/**
 * A hand-made input root covering every rule: each dirty line is planted on purpose and listed in
 * {@link #expected} with the reason ingest must give it. Gzip CDR, a GBK complaints extract with
 * Chinese headers and its own timestamp pattern, VAS as Parquet plus CSV, duplicates across files.
 */
final class MiniCity {

  /** The configuration overrides the mini city needs (--set style). */
  static final Map<String, String> SETTINGS = Map.of(
      "ingest.max_reject_ratio", "1.0",
      "ingest.sources",
      "{complaints: {encoding: GBK, timestamp_format: 'yyyy/MM/dd HH:mm', columns: {投诉编号: complaint_id, "
          + "用户编号: customer_id, 受理时间: opened_at, 投诉类别: category, 渠道: channel, 解决时间: resolved_at, "
          + "满意度: satisfaction}}, vas: {columns: {用户编号: customer_id}}}");

  /** "file:line" (line "null" for Parquet rows, listed in file order) → reason. */
  final Map<String, RejectReason> expected = new LinkedHashMap<>();
  /** Rows per extract in the input. */
  final Map<String, Integer> read = new LinkedHashMap<>();

  private final Path root;

  MiniCity(Path root) {
    this.root = root;
  }

  static String customer(String id, String msisdn, String gender, String status) {
    return String.join(",", id, msisdn, "", "", gender, "", "individual", "", "P1", "58.00", "2020-01-15", "", status,
        "", "", "", "", "");
  }

  static String bill(String id, String month, String total, String payment, String due) {
    return String.join(",", id, month, total, "1.00", "2.00", "0.50", "0.00", due, "", payment);
  }

  static String call(String id, String dir, String other, String start, String dur, String cell, String fwd) {
    return String.join(",", id, dir, other, start, dur, cell, "local", "normal", fwd);
  }

  MiniCity write(SparkSession spark) {
    csv("customers/part-00000.csv", StandardCharsets.UTF_8,
        "customer_id,msisdn,id_number,name,gender,birth_date,customer_type,industry,plan_id,plan_fee,join_date,channel,"
            + "status,close_date,address,lon,lat,grid_id",
        String.join(",", "C001", "13912345678", "11010519491231002X", "张三", "M", "1949-12-31", "individual", "",
            "P1", "58.00", "2020-01-15", "shop", "active", "", "北京市朝阳区", "116.40", "39.90", "G001-01"),
        customer("C002", "13812345678", "F", "active"),
        String.join(",", "C003", "13712345678", "440304199001011233", "", "U", "1990-01-01", "enterprise", "retail",
            "P3", "0.00", "2019-05-05", "", "closed", "2026-09-30", "", "", "", ""),
        bad(RejectReason.BAD_FORMAT, customer("C004", "1381234567", "M", "active")),
        bad(RejectReason.DUPLICATE_KEY, customer("C001", "13912345679", "M", "active")));
    csv("customers/part-00001.csv", StandardCharsets.UTF_8,
        "customer_id,msisdn,id_number,name,gender,birth_date,customer_type,industry,plan_id,plan_fee,join_date,channel,"
            + "status,close_date,address,lon,lat,grid_id",
        bad(RejectReason.DUPLICATE_KEY, customer("C002", "13812345670", "F", "active")),
        customer("C005", "13612345678", "F", "suspended"),
        bad(RejectReason.BAD_ENUM, customer("C006", "13512345678", "X", "active")));

    csv("cells/cells.csv", StandardCharsets.UTF_8, "cell_id,lon,lat,site_id,technology",
        "K1,116.40,39.90,S1,4G",
        "K2,116.50,39.95,S1,5G",
        bad(RejectReason.OUT_OF_RANGE, "K3,500,39.9,,4G"),
        bad(RejectReason.BAD_ENUM, "K4,116.4,39.9,,6G"),
        bad(RejectReason.DUPLICATE_KEY, "K1,116.41,39.91,S9,4G"));

    String billHeader = "customer_id,bill_month,total_fee,voice_fee,data_fee,sms_fee,vas_fee,due_date,paid_date,payment_method";
    csv("billing/part-00000.csv", StandardCharsets.UTF_8, billHeader,
        bill("C001", "2026-08", "88.50", "wechat", "2026-09-15"),
        bill("C001", "2026-10", "90.00", "alipay", "2026-11-15"),
        bad(RejectReason.OUTSIDE_WINDOW, bill("C002", "2026-07", "10.00", "cash", "2026-08-15")),
        bad(RejectReason.OUTSIDE_WINDOW, bill("C002", "2026-11", "10.00", "cash", "2026-12-15")),
        bad(RejectReason.BAD_DATE, bill("C003", "2026-13", "10.00", "cash", "2026-12-15")),
        bad(RejectReason.BAD_FORMAT, bill("C003", "2026/10", "10.00", "cash", "2026-11-15")),
        bad(RejectReason.UNKNOWN_CUSTOMER, bill("C999", "2026-09", "10.00", "cash", "2026-10-15")),
        bad(RejectReason.UNKNOWN_CUSTOMER, bill("C004", "2026-09", "10.00", "cash", "2026-10-15")),
        bad(RejectReason.OUT_OF_RANGE, bill("C003", "2026-09", "-1.00", "cash", "2026-10-15")),
        bad(RejectReason.BAD_NUMBER, bill("C005", "2026-09", "12.345", "cash", "2026-10-15")),
        bad(RejectReason.BAD_ENUM, bill("C005", "2026-08", "12.00", "paypal", "2026-09-15")),
        bad(RejectReason.MISSING_REQUIRED, bill("C005", "2026-10", "12.00", "card", "")));
    csv("billing/part-00001.csv", StandardCharsets.UTF_8, billHeader,
        bad(RejectReason.DUPLICATE_KEY, bill("C001", "2026-10", "91.00", "alipay", "2026-11-15")),
        bill("C002", "2026-09", "10.00", "bank_debit", "2026-10-15"));

    String cdrHeader = "customer_id,direction,other_party,start_time,duration_s,cell_id,call_type,end_status,forwarded";
    byte[] badBytes = concat("C003,MO,1391234".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE},
        "5678,2026-09-01 10:00:00,60,K1,local,normal,false".getBytes(StandardCharsets.UTF_8));
    List<Object> cdr0 = List.of(
        call("C001", "MO", "13912345678", "2026-08-01 00:00:00", "60", "K1", "false"),
        "C001,MT,01087654321,2026-10-31 23:59:59,30,K2,long_distance,dropped,true",
        bad(RejectReason.OUTSIDE_WINDOW, call("C002", "MO", "13912345678", "2026-07-31 23:59:59", "60", "K1", "false")),
        bad(RejectReason.OUTSIDE_WINDOW, call("C002", "MO", "13912345678", "2026-11-01 00:00:00", "60", "K1", "false")),
        bad(RejectReason.OUT_OF_RANGE, call("C002", "MO", "13912345678", "2026-09-01 10:00:00", "-5", "K1", "false")),
        bad(RejectReason.BAD_ENUM, call("C002", "XX", "13912345678", "2026-09-01 10:00:00", "5", "K1", "false")),
        bad(RejectReason.BAD_FORMAT, call("C002", "MO", "12345", "2026-09-01 10:00:00", "5", "K1", "false")),
        bad(RejectReason.BAD_DATE, call("C002", "MO", "13912345678", "2026-09-31 10:00:00", "5", "K1", "false")),
        bad(RejectReason.UNKNOWN_CELL, call("C003", "MO", "13912345678", "2026-09-01 10:00:00", "5", "K9", "false")),
        bad(RejectReason.UNKNOWN_CELL, call("C003", "MO", "13912345678", "2026-09-01 10:00:00", "5", "K3", "false")),
        bad(RejectReason.UNKNOWN_CUSTOMER, call("C777", "MO", "13912345678", "2026-09-01 10:00:00", "5", "K9", "false")),
        bad(RejectReason.MALFORMED_LINE, "C003,MO,13912345678"),
        badRaw(RejectReason.BAD_ENCODING, badBytes),
        "C003,\"MO\",\"13912345678\",2026-09-01 10:00:00,60,\"K1\",local,normal,false",
        bad(RejectReason.MALFORMED_LINE, "C003,\"MO,13912345678,2026-09-01 10:00:00,60,K1,local,normal,false"));
    gz("cdr/part-00000.csv.gz", cdrHeader, cdr0);
    gz("cdr/part-00001.csv.gz", cdrHeader, List.of(
        call("C005", "MO", "13912345678", "2026-09-01 10:00:00", "0", "K2", "false"),
        bad(RejectReason.BAD_ENUM, call("C005", "MO", "13912345678", "2026-09-01 10:00:00", "5", "K2", "yes")),
        bad(RejectReason.BAD_NUMBER, call("C005", "MO", "13912345678", "2026-09-01 10:00:00", "1.5", "K2", "false")),
        bad(RejectReason.MISSING_REQUIRED, call("C005", "MO", "13912345678", "2026-09-01 10:00:00", "5", "", "false")),
        bad(RejectReason.MISSING_REQUIRED, call("", "MO", "13912345678", "2026-09-01 10:00:00", "-3", "K2", "false")),
        call("C001", "MO", "13912345678", "2026-08-01 00:00:00", "60", "K1", "false")));

    csv("complaints/part-00000.csv", Charset.forName("GBK"), "投诉编号,用户编号,受理时间,投诉类别,渠道,解决时间,满意度",
        "P1,C001,2026/09/01 10:00,network,营业厅,2026/09/02 10:00,5",
        "P2,C002,2026/10/31 23:59,billing,热线,,",
        bad(RejectReason.OUT_OF_RANGE, "P3,C003,2026/09/01 10:00,billing,热线,,7"),
        bad(RejectReason.DUPLICATE_KEY, "P1,C003,2026/09/05 10:00,service,,,3"),
        bad(RejectReason.BAD_ENUM, "P4,C003,2026/09/05 10:00,weather,,,3"),
        bad(RejectReason.BAD_DATE, "P5,C003,2026-09-05 10:00:00,service,,,"),
        bad(RejectReason.UNKNOWN_CUSTOMER, "P6,C888,2026/09/05 10:00,service,,,"));

    StructType vasSchema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("用户编号", DataTypes.StringType, true),
        DataTypes.createStructField("usage_date", DataTypes.DateType, true),
        DataTypes.createStructField("service", DataTypes.StringType, true),
        DataTypes.createStructField("usage_count", DataTypes.IntegerType, true),
        DataTypes.createStructField("volume_mb", DataTypes.DoubleType, true),
        DataTypes.createStructField("fee", DataTypes.createDecimalType(12, 2), true)));
    List<Row> vas = new ArrayList<>();
    vas.add(vasRow("C001", "2026-10-31", "music", 3, 12.5, "6.00", null));
    vas.add(vasRow("C002", "2026-08-01", "video", 1, 100.0, "10.00", null));
    vas.add(vasRow("C003", "2026-07-31", "music", 1, 1.0, "1.00", RejectReason.OUTSIDE_WINDOW));
    vas.add(vasRow("C003", "2026-09-01", "fax", 1, 1.0, "1.00", RejectReason.BAD_ENUM));
    vas.add(vasRow("C999", "2026-09-01", "music", 1, 1.0, "1.00", RejectReason.UNKNOWN_CUSTOMER));
    vas.add(vasRow("C005", "2026-09-01", "data", -1, 1.0, "1.00", RejectReason.OUT_OF_RANGE));
    parquet(spark, "vas/part-00000.parquet", spark.createDataFrame(vas, vasSchema));
    csv("vas/part-00001.csv", StandardCharsets.UTF_8, "用户编号,usage_date,service,usage_count,volume_mb,fee",
        "C005,2026-09-02,sms,5,0.0,0.50");
    return this;
  }

  private int parquetRow;

  private Row vasRow(String id, String date, String service, int count, double mb, String fee, RejectReason r) {
    parquetRow++;
    if (r != null) {
      expected.put("vas/part-00000.parquet:null#" + parquetRow, r);
    }
    return RowFactory.create(id, Date.valueOf(LocalDate.parse(date)), service, count, mb, new BigDecimal(fee));
  }

  /** A planted line: (reason, text). */
  private record Bad(RejectReason reason, Object line) {}

  private static Bad bad(RejectReason r, String line) {
    return new Bad(r, line);
  }

  private static Bad badRaw(RejectReason r, byte[] line) {
    return new Bad(r, line);
  }

  private void csv(String rel, Charset cs, String header, Object... lines) {
    write(rel, encode(rel, cs, header, List.of(lines)));
  }

  private void gz(String rel, String header, List<Object> lines) {
    byte[] plain = encode(rel, StandardCharsets.UTF_8, header, lines);
    try {
      write(rel, CsvFileReaderTest.gzip(plain));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] encode(String rel, Charset cs, String header, List<Object> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((header + "\n").getBytes(cs));
    int no = 1;
    for (Object l : lines) {
      no++;
      Object text = l;
      if (l instanceof Bad b) {
        expected.put(rel + ":" + no, b.reason());
        text = b.line();
      }
      out.writeBytes(text instanceof byte[] bytes ? bytes : ((String) text).getBytes(cs));
      out.write('\n');
    }
    read.merge(rel.substring(0, rel.indexOf('/')), lines.size(), Integer::sum);
    return out.toByteArray();
  }

  private void parquet(SparkSession spark, String rel, org.apache.spark.sql.Dataset<Row> df) {
    Path tmp = root.resolve("_tmp_parquet");
    df.coalesce(1).write().parquet(tmp.toString());
    try (Stream<Path> s = Files.list(tmp)) {
      Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.createDirectories(root.resolve(rel).getParent());
      Files.move(part, root.resolve(rel));
      try (Stream<Path> rest = Files.walk(tmp)) {
        rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    read.merge(rel.substring(0, rel.indexOf('/')), (int) df.count(), Integer::sum);
  }

  private void write(String rel, byte[] bytes) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
