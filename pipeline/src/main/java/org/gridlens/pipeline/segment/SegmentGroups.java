package org.gridlens.pipeline.segment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.Schemas;

/**
 * The Spark side of one fit unit: turns the group's rows into members, runs
 * {@link UnitSegmentation} and emits customer rows (kind "c") and profile rows (kind "p") in one
 * schema, so one Spark job produces both outputs.
 */
final class SegmentGroups implements FlatMapGroupsFunction<String, Row, Row> {

  // input row layout (built by Segmentation)
  static final String KEY = "_unit";
  static final String SCOPE = "_scope";
  static final String HASH = "_hash";
  static final String FIT = "_fit";
  static final String ASSIGN = "_assign";
  static final String X = "_x";

  // output row layout
  static final String KIND = "_kind";
  static final String CENTROID = "_centroid";
  static final String KIND_CUSTOMER = "c";
  static final String KIND_PROFILE = "p";

  static final StructType OUT =
      Schemas.struct(
          Schemas.field(KIND, DataTypes.StringType, false),
          Schemas.field("customer_id", DataTypes.StringType, true),
          Schemas.field("grid_id", DataTypes.StringType, false),
          Schemas.field("main_grid_id", DataTypes.StringType, false),
          Schemas.field("segment_id", DataTypes.IntegerType, false),
          Schemas.field("label", DataTypes.StringType, false),
          Schemas.field("label_en", DataTypes.StringType, false),
          Schemas.field("label_zh", DataTypes.StringType, false),
          Schemas.field("distance", DataTypes.DoubleType, true),
          Schemas.field("model_scope", DataTypes.StringType, false),
          Schemas.field("size", DataTypes.LongType, true),
          Schemas.field("share", DataTypes.DoubleType, true),
          Schemas.field("description_en", DataTypes.StringType, true),
          Schemas.field("description_zh", DataTypes.StringType, true),
          Schemas.field("k", DataTypes.IntegerType, true),
          Schemas.field("quality", DataTypes.DoubleType, true),
          Schemas.field("explained_variance", DataTypes.DoubleType, true),
          Schemas.field(CENTROID, DataTypes.createArrayType(DataTypes.DoubleType, false), true));

  private final SegmentConfig cfg;
  private final double[] cityMean;

  SegmentGroups(SegmentConfig cfg, double[] cityMean) {
    this.cfg = cfg;
    this.cityMean = cityMean;
  }

  @Override
  public Iterator<Row> call(String unitKey, Iterator<Row> rows) {
    List<UnitSegmentation.Member> members = new ArrayList<>();
    String scope = null;
    int d = cfg.features().size();
    // every row of a group has the same schema: look the columns up once, not per row
    int iScope = -1;
    int iX = -1;
    int iId = -1;
    int iGrid = -1;
    int iMain = -1;
    int iHash = -1;
    int iFit = -1;
    int iAssign = -1;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (iScope < 0) {
        iScope = r.fieldIndex(SCOPE);
        iX = r.fieldIndex(X);
        iId = r.fieldIndex("customer_id");
        iGrid = r.fieldIndex("grid_id");
        iMain = r.fieldIndex("main_grid_id");
        iHash = r.fieldIndex(HASH);
        iFit = r.fieldIndex(FIT);
        iAssign = r.fieldIndex(ASSIGN);
      }
      scope = r.getString(iScope);
      List<Object> xs = r.getList(iX);
      double[] raw = new double[d];
      for (int j = 0; j < d; j++) {
        Object v = xs.get(j);
        raw[j] = v == null ? Double.NaN : ((Number) v).doubleValue();
      }
      members.add(
          new UnitSegmentation.Member(
              r.getString(iId), r.getString(iGrid), r.getString(iMain), r.getLong(iHash), r.getBoolean(iFit),
              r.getBoolean(iAssign), raw));
    }
    SegmentLabeler labeler = new SegmentLabeler(cfg.features(), cfg.labelMinLift());
    UnitSegmentation.Result res = UnitSegmentation.run(unitKey, scope, members, cityMean, cfg, labeler);
    List<Row> out = new ArrayList<>(res.assigned().size() + res.profiles().size());
    for (UnitSegmentation.Assigned a : res.assigned()) {
      out.add(
          RowFactory.create(
              KIND_CUSTOMER, a.customerId(), a.gridId(), a.mainGridId(), a.segmentId(), a.label().id(),
              a.label().en(), a.label().zh(), a.distance(), a.scope(), null, null, null, null, null, null,
              null, null));
    }
    for (UnitSegmentation.Profile p : res.profiles()) {
      List<Double> c = new ArrayList<>(d);
      for (double v : p.centroid()) {
        c.add(v);
      }
      out.add(
          RowFactory.create(
              KIND_PROFILE, null, p.gridId(), p.mainGridId(), p.segmentId(), p.label().id(), p.label().en(),
              p.label().zh(), null, p.scope(), p.size(), p.share(), p.label().descriptionEn(),
              p.label().descriptionZh(), p.k(), p.silhouette(), p.explainedVariance(),
              scala.jdk.javaapi.CollectionConverters.asScala(c).toSeq()));
    }
    return out.iterator();
  }
}
