package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.gridlens.pipeline.schema.CustomerView;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Vas;

/** VAS features: one groupBy over the VAS window's usage rows. */
final class VasFeatures {

  /** The service whose usage_count is the SMS count. */
  static final String SMS = "sms";
  /** The service whose volume_mb is the data volume. */
  static final String DATA = "data";
  /** VAS rows in the window; kept for the flags (silent). */
  static final String ROWS = "_vas_rows";

  /**
   * volume_mb is a DOUBLE; summing it as DECIMAL(18,4) (to 0.0001 MB, 100 bytes) makes the sum
   * exact and independent of the order rows arrive in.
   */
  static final DecimalType VOLUME = DataTypes.createDecimalType(18, 4);

  private VasFeatures() {}

  static Dataset<Row> aggregate(Dataset<Row> vas, ViewWindows w, ViewConfig cfg) {
    Column day = col(Vas.USAGE_DATE);
    Column service = col(Vas.SERVICE);
    List<Column> aggs = new ArrayList<>();
    for (String s : cfg.vasServices()) {
      aggs.add(sum(when(service.equalTo(s), col(Vas.USAGE_COUNT)).otherwise(0)).cast(DataTypes.LongType).as(CustomerView.vasUsage(s)));
      aggs.add(sum(when(service.equalTo(s), col(Vas.FEE))).as(CustomerView.vasFee(s)));
    }
    aggs.add(sum(when(service.equalTo(SMS), col(Vas.USAGE_COUNT)).otherwise(0)).cast(DataTypes.LongType).as(CustomerView.SMS_COUNT));
    aggs.add(sum(when(service.equalTo(DATA), col(Vas.VOLUME_MB).cast(VOLUME))).as(CustomerView.DATA_VOLUME_MB));
    aggs.add(count_distinct(service).as(CustomerView.VAS_SERVICES_USED));
    aggs.add(sum(col(Vas.FEE)).as(CustomerView.VAS_FEE_TOTAL));
    Dataset<Row> agg =
        vas.filter(day.geq(lit(w.vasFrom())).and(day.leq(lit(w.runDate()))))
            .groupBy(col(Vas.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID))
            .agg(count(lit(1)).as(ROWS), aggs.toArray(new Column[0]));

    List<Column> out = new ArrayList<>();
    out.add(col(CustomerView.CUSTOMER_ID));
    out.add(col(ROWS));
    out.add(col(CustomerView.SMS_COUNT));
    out.add(col(CustomerView.DATA_VOLUME_MB).cast(DataTypes.DoubleType).as(CustomerView.DATA_VOLUME_MB));
    for (String s : cfg.vasServices()) {
      out.add(col(CustomerView.vasUsage(s)));
      out.add(col(CustomerView.vasFee(s)).cast(Schemas.MONEY).as(CustomerView.vasFee(s)));
    }
    out.add(col(CustomerView.VAS_SERVICES_USED));
    out.add(col(CustomerView.VAS_FEE_TOTAL).cast(Schemas.MONEY).as(CustomerView.VAS_FEE_TOTAL));
    return agg.select(out.toArray(new Column[0]));
  }
}
