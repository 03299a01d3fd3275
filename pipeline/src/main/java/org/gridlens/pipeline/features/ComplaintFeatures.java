package org.gridlens.pipeline.features;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_diff;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.gridlens.pipeline.schema.Complaints;
import org.gridlens.pipeline.schema.CustomerView;

/** Complaint features: one groupBy over the complaints opened in the window. */
final class ComplaintFeatures {

  private static final String CATEGORY = "_category";
  private static final String RESOLVED = "_resolved";
  private static final String SECONDS = "_seconds";
  private static final String RESOLVED_SECONDS = "_resolved_s";
  private static final String RESOLVED_COUNT = "_resolved_n";
  private static final String MAX_SECONDS = "_max_s";

  private ComplaintFeatures() {}

  static Dataset<Row> aggregate(Dataset<Row> complaints, ViewWindows w, ViewConfig cfg) {
    Column opened = col(Complaints.OPENED_AT);
    Column resolvedAt = col(Complaints.RESOLVED_AT);
    // resolved = resolved by the end of the run date; later resolutions were still open then
    Column resolved = resolvedAt.isNotNull().and(resolvedAt.lt(lit(w.end())));
    Column category = col(Complaints.CATEGORY);
    Dataset<Row> rows =
        complaints
            .filter(opened.geq(lit(w.complaintFrom().atStartOfDay())).and(opened.lt(lit(w.end()))))
            .select(
                col(Complaints.CUSTOMER_ID).as(CustomerView.CUSTOMER_ID),
                when(category.isin(cfg.complaintCategories().toArray()), category)
                    .otherwise(lit(ViewConfig.OTHER))
                    .as(CATEGORY),
                resolved.as(RESOLVED),
                when(resolved, timestamp_diff("SECOND", opened, resolvedAt)).as(SECONDS),
                col(Complaints.SATISFACTION));

    List<Column> aggs = new ArrayList<>();
    for (String c : cfg.complaintCategories()) {
      aggs.add(sum(when(col(CATEGORY).equalTo(c), 1).otherwise(0)).cast(DataTypes.LongType).as(CustomerView.complaintsOf(c)));
    }
    aggs.add(sum(col(SECONDS)).as(RESOLVED_SECONDS));
    aggs.add(count(col(SECONDS)).as(RESOLVED_COUNT));
    aggs.add(max(col(SECONDS)).as(MAX_SECONDS));
    aggs.add(sum(when(col(RESOLVED), 0).otherwise(1)).cast(DataTypes.LongType).as(CustomerView.OPEN_COMPLAINTS));
    aggs.add(avg(col(Complaints.SATISFACTION)).as(CustomerView.MEAN_SATISFACTION));
    Dataset<Row> agg =
        rows.groupBy(col(CustomerView.CUSTOMER_ID))
            .agg(count(lit(1)).as(CustomerView.COMPLAINTS), aggs.toArray(new Column[0]));

    List<Column> out = new ArrayList<>();
    out.add(col(CustomerView.CUSTOMER_ID));
    out.add(col(CustomerView.COMPLAINTS));
    for (String c : cfg.complaintCategories()) {
      out.add(col(CustomerView.complaintsOf(c)));
    }
    out.add(Shares.ratio(col(RESOLVED_SECONDS), col(RESOLVED_COUNT).multiply(3600)).as(CustomerView.MEAN_RESOLUTION_HOURS));
    out.add(col(MAX_SECONDS).cast(DataTypes.DoubleType).divide(3600).as(CustomerView.MAX_RESOLUTION_HOURS));
    out.add(col(CustomerView.OPEN_COMPLAINTS));
    out.add(col(CustomerView.MEAN_SATISFACTION));
    return agg.select(out.toArray(new Column[0]));
  }
}
