package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.MONEY;
import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Monthly bills. Key: (customer_id, bill_month). In the extract bill_month is {@code yyyy-MM}; clean
 * data holds it as the DATE of the month's first day.
 */
public final class Billing {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String BILL_MONTH = "bill_month";
  public static final String TOTAL_FEE = "total_fee";
  public static final String VOICE_FEE = "voice_fee";
  public static final String DATA_FEE = "data_fee";
  public static final String SMS_FEE = "sms_fee";
  public static final String VAS_FEE = "vas_fee";
  public static final String DUE_DATE = "due_date";
  public static final String PAID_DATE = "paid_date";
  /** One of {@link #PAYMENT_METHODS}. */
  public static final String PAYMENT_METHOD = "payment_method";

  /** The payment methods of the data contract; ingest quarantines any other value (BAD_ENUM). */
  public static final java.util.List<String> PAYMENT_METHODS = java.util.List.of("bank_debit", "wechat", "alipay", "cash", "card");

  public static final StructType CLEAN =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(BILL_MONTH, DataTypes.DateType, false),
          field(TOTAL_FEE, MONEY, false),
          field(VOICE_FEE, MONEY, false),
          field(DATA_FEE, MONEY, false),
          field(SMS_FEE, MONEY, false),
          field(VAS_FEE, MONEY, false),
          field(DUE_DATE, DataTypes.DateType, false),
          field(PAID_DATE, DataTypes.DateType, true),
          field(PAYMENT_METHOD, DataTypes.StringType, false));

  private Billing() {}
}
