package org.gridlens.pipeline.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.schema.Quarantine;

/**
 * The intermediate rows of one extract inside ingest: every clean column (nullable, empty for
 * rejected rows) followed by where the row came from, its raw text and its reject reason.
 */
final class ParsedRows {

  /** Position of the row within its file, for the duplicate rule and stable output order. */
  static final String ORDER = "_order";

  private ParsedRows() {}

  static StructType schema(ExtractRules rules) {
    List<StructField> f = new ArrayList<>();
    for (StructField c : rules.clean().fields()) {
      f.add(DataTypes.createStructField(c.name(), c.dataType(), true));
    }
    // null for the clean rows whose provenance nothing reads (ExtractReader's Finisher); always
    // set for rejected rows, as the quarantine requires
    f.add(DataTypes.createStructField(Quarantine.SOURCE_FILE, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(Quarantine.LINE_NUMBER, DataTypes.LongType, true));
    f.add(DataTypes.createStructField(ORDER, DataTypes.LongType, false));
    f.add(DataTypes.createStructField(Quarantine.RAW_LINE, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(Quarantine.REASON, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(Quarantine.DETAIL, DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }

  static Row toRow(ParsedLine p, int nFields) {
    Object[] a = new Object[nFields + 6];
    Verdict v = p.verdict();
    if (v.ok()) {
      System.arraycopy(v.values(), 0, a, 0, nFields);
    }
    a[nFields] = p.sourceFile();
    a[nFields + 1] = p.lineNumber();
    a[nFields + 2] = p.order();
    a[nFields + 3] = p.rawLine();
    a[nFields + 4] = v.ok() ? null : v.reason().name();
    a[nFields + 5] = v.detail();
    return RowFactory.create(a);
  }
}
