package org.gridlens.pipeline.schema;

import java.util.List;

/**
 * The unified customer view (dataset {@code customer_view}): one row per customer of the clean
 * master for the run date's windows. Exact definitions, units and the values given to customers
 * without activity live in docs/features.md (the feature dictionary); this class is the one place
 * the column names are spelled. Columns that depend on configuration (competitors, complaint
 * categories, VAS services) are named by the static methods at the end.
 */
public final class CustomerView {
  // --- profile
  public static final String CUSTOMER_ID = "customer_id";
  public static final String CUSTOMER_TYPE = "customer_type";
  public static final String INDUSTRY = "industry";
  public static final String GENDER = "gender";
  /** Whole years at the run date; null when birth_date is unknown. */
  public static final String AGE_YEARS = "age_years";
  /** under_25, 25_34, 35_44, 45_54, 55_64, 65_plus or unknown. */
  public static final String AGE_BAND = "age_band";
  public static final String JOIN_DATE = "join_date";
  public static final String TENURE_MONTHS = "tenure_months";
  public static final String PLAN_ID = "plan_id";
  public static final String PLAN_FEE = "plan_fee";
  public static final String CHANNEL = "channel";
  public static final String STATUS = "status";
  public static final String CLOSE_DATE = "close_date";
  public static final String GRID_ID = "grid_id";
  public static final String MAIN_GRID_ID = "main_grid_id";
  public static final String ASSIGNMENT_METHOD = "assignment_method";

  // --- billing (window: view.billing_months months ending with the run date's month)
  public static final String ARPU = "arpu";
  public static final String LAST_MONTH_FEE = "last_month_fee";
  public static final String FEE_TREND = "fee_trend";
  public static final String VOICE_FEE_SHARE = "voice_fee_share";
  public static final String DATA_FEE_SHARE = "data_fee_share";
  public static final String SMS_FEE_SHARE = "sms_fee_share";
  public static final String VAS_FEE_SHARE = "vas_fee_share";
  public static final String MONTHS_BILLED = "months_billed";
  public static final String PAYMENT_METHOD = "payment_method";
  public static final String LATE_PAYMENTS = "late_payments";
  public static final String MEAN_DAYS_LATE = "mean_days_late";
  public static final String AMOUNT_UNPAID = "amount_unpaid";
  public static final String REVENUE = "revenue";

  // --- calls (window: view.cdr_days days ending on the run date)
  public static final String MO_CALLS = "mo_calls";
  public static final String MT_CALLS = "mt_calls";
  public static final String MO_MINUTES = "mo_minutes";
  public static final String MT_MINUTES = "mt_minutes";
  public static final String ACTIVE_DAYS = "active_days";
  public static final String CALLS_PER_ACTIVE_DAY = "calls_per_active_day";
  public static final String DISTINCT_CONTACTS = "distinct_contacts";
  public static final String CONTACT_ENTROPY = "contact_entropy";
  public static final String TOP_CONTACT_SHARE = "top_contact_share";
  public static final String OFFPEAK_SHARE = "offpeak_share";
  public static final String LOCAL_SHARE = "local_share";
  public static final String LONG_DISTANCE_SHARE = "long_distance_share";
  public static final String IP_LONG_DISTANCE_SHARE = "ip_long_distance_share";
  public static final String ROAMING_SHARE = "roaming_share";
  public static final String INTERNATIONAL_SHARE = "international_share";
  public static final String FORWARDED_CALLS = "forwarded_calls";
  public static final String DROPPED_CALL_RATE = "dropped_call_rate";
  public static final String FAILED_CALL_RATE = "failed_call_rate";
  public static final String DISTINCT_CELLS = "distinct_cells";
  public static final String HOME_CELL_ID = "home_cell_id";
  /** Share of distinct contacts on the home operator's network. */
  public static final String ONNET_CONTACT_SHARE = "onnet_contact_share";
  /** The largest of the competitors' contact shares. */
  public static final String TOP_COMPETITOR_SHARE = "top_competitor_share";

  // --- complaints (window: view.complaint_days days ending on the run date)
  public static final String COMPLAINTS = "complaints";
  public static final String MEAN_RESOLUTION_HOURS = "mean_resolution_hours";
  public static final String MAX_RESOLUTION_HOURS = "max_resolution_hours";
  public static final String OPEN_COMPLAINTS = "open_complaints";
  public static final String MEAN_SATISFACTION = "mean_satisfaction";

  // --- VAS (window: view.vas_days days ending on the run date)
  public static final String SMS_COUNT = "sms_count";
  public static final String DATA_VOLUME_MB = "data_volume_mb";
  public static final String VAS_SERVICES_USED = "vas_services_used";
  public static final String VAS_FEE_TOTAL = "vas_fee_total";

  // --- flags
  public static final String IS_NEW = "is_new";
  public static final String IS_CHURNED = "is_churned";
  public static final String IS_SILENT = "is_silent";

  /**
   * Columns written without Parquet's dictionary encoding: nearly one distinct value per
   * customer, so the writer filled a dictionary per file only to drop it at the file's end and
   * write the values again, plain (the Parquet footers of the 1M view: these nine, and only these,
   * fell back). Without it the same bytes of data are written 12 % faster (docs/benchmarks.md,
   * "view").
   */
  public static final List<String> WITHOUT_DICTIONARY = List.of(
      CUSTOMER_ID, ARPU, VOICE_FEE_SHARE, DATA_FEE_SHARE, SMS_FEE_SHARE, REVENUE, MEAN_RESOLUTION_HOURS,
      MAX_RESOLUTION_HOURS, DATA_VOLUME_MB);

  /** Share of distinct contacts on competitor {@code operator}'s network. */
  public static String contactShare(String operator) {
    return "contact_share_" + operator;
  }

  /** Complaints of one category in the window (categories from conf). */
  public static String complaintsOf(String category) {
    return "complaints_" + category;
  }

  /** Usage count of one VAS service in the window (services from conf). */
  public static String vasUsage(String service) {
    return "vas_usage_" + service;
  }

  /** Fee of one VAS service in the window (services from conf). */
  public static String vasFee(String service) {
    return "vas_fee_" + service;
  }

  private CustomerView() {}
}
