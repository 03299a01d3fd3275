package org.gridlens.pipeline.ingest;

import static org.gridlens.pipeline.ingest.FieldRule.Format.ID_NUMBER;
import static org.gridlens.pipeline.ingest.FieldRule.Format.MSISDN;
import static org.gridlens.pipeline.ingest.FieldRule.Format.PHONE;
import static org.gridlens.pipeline.ingest.FieldRule.Type.BOOLEAN;
import static org.gridlens.pipeline.ingest.FieldRule.Type.DATE;
import static org.gridlens.pipeline.ingest.FieldRule.Type.DOUBLE;
import static org.gridlens.pipeline.ingest.FieldRule.Type.INT;
import static org.gridlens.pipeline.ingest.FieldRule.Type.MONEY;
import static org.gridlens.pipeline.ingest.FieldRule.Type.MONTH;
import static org.gridlens.pipeline.ingest.FieldRule.Type.TIMESTAMP;
import static org.gridlens.pipeline.ingest.FieldRule.formatted;
import static org.gridlens.pipeline.ingest.FieldRule.geo;
import static org.gridlens.pipeline.ingest.FieldRule.typed;
import static org.gridlens.pipeline.ingest.FieldRule.oneOf;
import static org.gridlens.pipeline.ingest.FieldRule.ranged;
import static org.gridlens.pipeline.ingest.FieldRule.text;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.ingest.FieldRule.Geo;
import org.gridlens.pipeline.schema.Billing;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.Vas;

/**
 * The validation rules of one extract: one {@link FieldRule} per clean column (in the order of the
 * clean schema), the dated column the window applies to, the key for duplicates and the columns
 * that must reference clean customers / cells.
 *
 * @param windowColumn null when the extract is not windowed
 * @param key empty when the extract has no key (cdr, vas)
 * @param customerRef null when rows do not reference a customer
 * @param cellRef null when rows do not reference a cell
 */
public record ExtractRules(
    Extract extract,
    StructType clean,
    List<FieldRule> fields,
    String windowColumn,
    List<String> key,
    String customerRef,
    String cellRef)
    implements Serializable {

  private static final double NO_MAX = Double.POSITIVE_INFINITY;

  public String[] columnNames() {
    return clean.fieldNames();
  }

  /**
   * The column the clean rows are clustered by, or null: the calls by customer, so every
   * customer's calls sit in one file and the view sums them up file by file, without shuffling
   * 30M calls (docs/ingest.md, "Clustered calls").
   */
  public String clusterBy() {
    return extract == Extract.CDR ? Cdr.CUSTOMER_ID : null;
  }

  /**
   * Clean columns written without Parquet's dictionary encoding: VAS data volumes, nearly one
   * distinct double per row, whose dictionary lookups were the biggest single cost of writing the
   * clean VAS ({@code Warehouse.withoutDictionary}).
   */
  public List<String> withoutDictionary() {
    return extract == Extract.VAS ? List.of(Vas.VOLUME_MB) : List.of();
  }

  public int indexOf(String column) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  public static ExtractRules of(Extract e) {
    return switch (e) {
      case CUSTOMERS -> new ExtractRules(
          e,
          Customers.CLEAN,
          List.of(
              text(Customers.CUSTOMER_ID, true),
              formatted(Customers.MSISDN, true, MSISDN),
              formatted(Customers.ID_NUMBER, false, ID_NUMBER),
              text(Customers.NAME, false),
              oneOf(Customers.GENDER, false, "M", "F", "U"),
              typed(Customers.BIRTH_DATE, DATE, false),
              oneOf(Customers.CUSTOMER_TYPE, true, Customers.TYPE_INDIVIDUAL, Customers.TYPE_ENTERPRISE),
              text(Customers.INDUSTRY, false),
              text(Customers.PLAN_ID, true),
              ranged(Customers.PLAN_FEE, MONEY, true, 0, NO_MAX),
              typed(Customers.JOIN_DATE, DATE, true),
              text(Customers.CHANNEL, false),
              oneOf(Customers.STATUS, true, Customers.STATUS_ACTIVE, Customers.STATUS_SUSPENDED, Customers.STATUS_CLOSED),
              typed(Customers.CLOSE_DATE, DATE, false),
              text(Customers.ADDRESS, false),
              geo(Customers.LON, false, Geo.LON),
              geo(Customers.LAT, false, Geo.LAT),
              text(Customers.GRID_ID, false)),
          null,
          List.of(Customers.CUSTOMER_ID),
          null,
          null);
      case BILLING -> new ExtractRules(
          e,
          Billing.CLEAN,
          List.of(
              text(Billing.CUSTOMER_ID, true),
              typed(Billing.BILL_MONTH, MONTH, true),
              ranged(Billing.TOTAL_FEE, MONEY, true, 0, NO_MAX),
              ranged(Billing.VOICE_FEE, MONEY, true, 0, NO_MAX),
              ranged(Billing.DATA_FEE, MONEY, true, 0, NO_MAX),
              ranged(Billing.SMS_FEE, MONEY, true, 0, NO_MAX),
              ranged(Billing.VAS_FEE, MONEY, true, 0, NO_MAX),
              typed(Billing.DUE_DATE, DATE, true),
              typed(Billing.PAID_DATE, DATE, false),
              oneOf(Billing.PAYMENT_METHOD, true, Billing.PAYMENT_METHODS.toArray(new String[0]))),
          Billing.BILL_MONTH,
          List.of(Billing.CUSTOMER_ID, Billing.BILL_MONTH),
          Billing.CUSTOMER_ID,
          null);
      case CDR -> new ExtractRules(
          e,
          Cdr.CLEAN,
          List.of(
              text(Cdr.CUSTOMER_ID, true),
              oneOf(Cdr.DIRECTION, true, Cdr.DIRECTION_MO, Cdr.DIRECTION_MT),
              formatted(Cdr.OTHER_PARTY, true, PHONE),
              typed(Cdr.START_TIME, TIMESTAMP, true),
              ranged(Cdr.DURATION_S, INT, true, 0, NO_MAX),
              text(Cdr.CELL_ID, true),
              oneOf(Cdr.CALL_TYPE, true, Cdr.CALL_TYPES),
              oneOf(Cdr.END_STATUS, true, Cdr.END_STATUSES),
              typed(Cdr.FORWARDED, BOOLEAN, true)),
          Cdr.START_TIME,
          List.of(),
          Cdr.CUSTOMER_ID,
          Cdr.CELL_ID);
      case COMPLAINTS -> new ExtractRules(
          e,
          Complaints.CLEAN,
          List.of(
              text(Complaints.COMPLAINT_ID, true),
              text(Complaints.CUSTOMER_ID, true),
              typed(Complaints.OPENED_AT, TIMESTAMP, true),
              oneOf(Complaints.CATEGORY, true, "network", "billing", "service", "product", "other"),
              text(Complaints.CHANNEL, false),
              typed(Complaints.RESOLVED_AT, TIMESTAMP, false),
              ranged(Complaints.SATISFACTION, INT, false, 1, 5)),
          Complaints.OPENED_AT,
          List.of(Complaints.COMPLAINT_ID),
          Complaints.CUSTOMER_ID,
          null);
      case VAS -> new ExtractRules(
          e,
          Vas.CLEAN,
          List.of(
              text(Vas.CUSTOMER_ID, true),
              typed(Vas.USAGE_DATE, DATE, true),
              oneOf(Vas.SERVICE, true, Vas.SERVICES.toArray(new String[0])),
              ranged(Vas.USAGE_COUNT, INT, true, 0, NO_MAX),
              ranged(Vas.VOLUME_MB, DOUBLE, true, 0, NO_MAX),
              ranged(Vas.FEE, MONEY, true, 0, NO_MAX)),
          Vas.USAGE_DATE,
          List.of(),
          Vas.CUSTOMER_ID,
          null);
      case CELLS -> new ExtractRules(
          e,
          Cells.CLEAN,
          List.of(
              text(Cells.CELL_ID, true),
              geo(Cells.LON, true, Geo.LON),
              geo(Cells.LAT, true, Geo.LAT),
              text(Cells.SITE_ID, false),
              oneOf(Cells.TECHNOLOGY, false, "4G", "5G")),
          null,
          List.of(Cells.CELL_ID),
          null,
          null);
    };
  }
}
