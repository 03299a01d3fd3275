package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Targets;

/**
 * Reads the contact-policy files named in the {@code targets} configuration: the do-not-contact /
 * opt-out list and the contact history. Both are CSV with a header row (UTF-8; a byte-order mark
 * and the case or blanks of the headings are tolerated, since these files are often saved from
 * Excel). A configured file that is missing or unreadable stops the run: listing a customer who
 * refused marketing is worse than listing nobody.
 */
public final class ContactLists {

  /** Opt-out list columns (either or both). */
  public static final String CUSTOMER_ID = "customer_id";
  public static final String MSISDN = "msisdn";
  /** Contact history: when the customer was contacted, yyyy-MM-dd or yyyy-MM-dd HH:mm:ss. */
  public static final String CONTACTED_AT = "contacted_at";

  private ContactLists() {}

  /**
   * The customer ids on the opt-out list (one column, customer_id). Rows given by phone number
   * are matched on the national digits of the number ({@code +86 138-1234-5678} matches
   * 13812345678) against the clean customers.
   */
  public static Dataset<Row> optOut(SparkSession spark, String file, String key, Dataset<Row> customers) {
    Dataset<Row> raw = readCsv(spark, file, key);
    List<String> cols = List.of(raw.columns());
    if (!cols.contains(CUSTOMER_ID) && !cols.contains(MSISDN)) {
      throw new GridLensException(
          GridLensException.Kind.BAD_INPUT,
          key + ": " + file + " needs a " + CUSTOMER_ID + " or " + MSISDN + " column (it has: "
              + String.join(", ", cols) + ")");
    }
    Dataset<Row> ids = null;
    if (cols.contains(CUSTOMER_ID)) {
      ids = raw.select(trim(col(CUSTOMER_ID)).as(Targets.CUSTOMER_ID));
    }
    if (cols.contains(MSISDN)) {
      Dataset<Row> byPhone =
          raw.select(nationalDigits(col(MSISDN)).as(MSISDN))
              .filter(length(col(MSISDN)).gt(0))
              .distinct()
              .join(
                  customers.select(
                      col(Customers.CUSTOMER_ID).as(Targets.CUSTOMER_ID), nationalDigits(col(Customers.MSISDN)).as(MSISDN)),
                  MSISDN)
              .select(col(Targets.CUSTOMER_ID));
      ids = ids == null ? byPhone : ids.unionByName(byPhone);
    }
    return ids.filter(col(Targets.CUSTOMER_ID).isNotNull().and(length(col(Targets.CUSTOMER_ID)).gt(0))).distinct();
  }

  /**
   * The contact history as (customer_id, {@link TargetList#CONTACT_DATE}). A contacted_at that is
   * neither yyyy-MM-dd nor yyyy-MM-dd HH:mm:ss stops the run with an example of the bad value.
   */
  public static Dataset<Row> contactHistory(SparkSession spark, String file, String key) {
    Dataset<Row> raw = readCsv(spark, file, key);
    List<String> missing = new ArrayList<>();
    for (String c : new String[] {CUSTOMER_ID, CONTACTED_AT}) {
      if (!List.of(raw.columns()).contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new GridLensException(
          GridLensException.Kind.BAD_INPUT,
          key + ": " + file + " lacks column(s) " + String.join(", ", missing) + " (it has: "
              + String.join(", ", raw.columns()) + ")");
    }
    Column at = trim(col(CONTACTED_AT));
    Column parsed =
        to_date(coalesce(try_to_timestamp(at, lit("yyyy-MM-dd HH:mm:ss")), try_to_timestamp(at, lit("yyyy-MM-dd"))));
    Dataset<Row> typed =
        raw.select(trim(col(CUSTOMER_ID)).as(Targets.CUSTOMER_ID), at.as(CONTACTED_AT), parsed.as(TargetList.CONTACT_DATE))
            .filter(col(Targets.CUSTOMER_ID).isNotNull().and(length(col(Targets.CUSTOMER_ID)).gt(0)));
    List<Row> bad =
        typed.filter(col(TargetList.CONTACT_DATE).isNull().and(col(CONTACTED_AT).isNotNull())
                .and(length(col(CONTACTED_AT)).gt(0)))
            .select(col(CONTACTED_AT)).limit(1).collectAsList();
    if (!bad.isEmpty()) {
      throw new GridLensException(
          GridLensException.Kind.BAD_INPUT,
          key + ": " + file + ": contacted_at '" + bad.get(0).getString(0)
              + "' is not a date (expected yyyy-MM-dd or yyyy-MM-dd HH:mm:ss)");
    }
    return typed.select(col(Targets.CUSTOMER_ID), col(TargetList.CONTACT_DATE))
        .filter(col(TargetList.CONTACT_DATE).isNotNull());
  }

  /** The digits of a phone number, without a +86 / 0086 / 86 prefix in front of a mobile number. */
  static Column nationalDigits(Column phone) {
    Column d = regexp_replace(phone, "[^0-9]", "");
    return when(length(d).equalTo(15).and(d.startsWith("0086")).and(d.substr(5, 11).rlike("^1[3-9][0-9]{9}$")),
            d.substr(5, 11))
        .when(length(d).equalTo(13).and(d.startsWith("86")).and(d.substr(3, 11).rlike("^1[3-9][0-9]{9}$")),
            d.substr(3, 11))
        .otherwise(d);
  }

  private static Dataset<Row> readCsv(SparkSession spark, String file, String key) {
    Path p = new Path(file);
    try {
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        throw new GridLensException(GridLensException.Kind.BAD_CONFIG, key + ": file " + file + " does not exist");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file, e);
    }
    Dataset<Row> raw =
        spark.read().option("header", "true").option("mode", "FAILFAST").option("encoding", "UTF-8").csv(file);
    String[] names = raw.columns();
    Column[] renamed = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      String n = names[i].replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
      renamed[i] = col("`" + names[i].replace("`", "``") + "`").as(n);
    }
    return raw.select(renamed);
  }
}
