package org.gridlens.pipeline.schema;

import static org.gridlens.pipeline.schema.Schemas.MONEY;
import static org.gridlens.pipeline.schema.Schemas.field;
import static org.gridlens.pipeline.schema.Schemas.struct;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The customer master: contract column names and the clean (typed) schema. Key: customer_id. */
public final class Customers {
  public static final String CUSTOMER_ID = "customer_id";
  public static final String MSISDN = "msisdn";
  public static final String ID_NUMBER = "id_number";
  public static final String NAME = "name";
  /** M, F or U. */
  public static final String GENDER = "gender";
  public static final String BIRTH_DATE = "birth_date";
  /** individual or enterprise. */
  public static final String CUSTOMER_TYPE = "customer_type";
  public static final String INDUSTRY = "industry";
  public static final String PLAN_ID = "plan_id";
  public static final String PLAN_FEE = "plan_fee";
  public static final String JOIN_DATE = "join_date";
  public static final String CHANNEL = "channel";
  /** active, suspended or closed. */
  public static final String STATUS = "status";
  public static final String CLOSE_DATE = "close_date";
  public static final String ADDRESS = "address";
  public static final String LON = "lon";
  public static final String LAT = "lat";
  public static final String GRID_ID = "grid_id";

  public static final String TYPE_INDIVIDUAL = "individual";
  public static final String TYPE_ENTERPRISE = "enterprise";
  public static final String STATUS_ACTIVE = "active";
  public static final String STATUS_SUSPENDED = "suspended";
  public static final String STATUS_CLOSED = "closed";

  public static final StructType CLEAN =
      struct(
          field(CUSTOMER_ID, DataTypes.StringType, false),
          field(MSISDN, DataTypes.StringType, false),
          field(ID_NUMBER, DataTypes.StringType, true),
          field(NAME, DataTypes.StringType, true),
          field(GENDER, DataTypes.StringType, true),
          field(BIRTH_DATE, DataTypes.DateType, true),
          field(CUSTOMER_TYPE, DataTypes.StringType, false),
          field(INDUSTRY, DataTypes.StringType, true),
          field(PLAN_ID, DataTypes.StringType, false),
          field(PLAN_FEE, MONEY, false),
          field(JOIN_DATE, DataTypes.DateType, false),
          field(CHANNEL, DataTypes.StringType, true),
          field(STATUS, DataTypes.StringType, false),
          field(CLOSE_DATE, DataTypes.DateType, true),
          field(ADDRESS, DataTypes.StringType, true),
          field(LON, DataTypes.DoubleType, true),
          field(LAT, DataTypes.DoubleType, true),
          field(GRID_ID, DataTypes.StringType, true));

  private Customers() {}
}
