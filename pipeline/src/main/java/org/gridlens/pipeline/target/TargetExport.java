package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gridlens.pipeline.export.ExportFileSystem;
import org.gridlens.pipeline.export.ExportLocale;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.GridTable;
import org.gridlens.pipeline.schema.Schemas;
import org.gridlens.pipeline.schema.Targets;
import org.gridlens.pipeline.run.Datasets;

/**
 * Writes the people-facing exports of a run date: one masked CSV per grid
 * ({@code <exports>/D/<grid_id>/targets.csv}, every leaf grid gets one, possibly with the header
 * only) and {@code <exports>/D/index.csv}. Each grid's file is built and written atomically by the
 * executor that holds the grid's rows ({@code groupByKey(grid).flatMapGroups}), so the driver only
 * sees one summary row per grid. A grid's group holds at most capacity_per_grid ×
 * max_offers_per_customer rows. Grid files of an earlier run whose grid is gone are removed; other
 * files in the folder (e.g. grid scores) are left alone. The index is written last.
 */
public final class TargetExport {

  private static final String NAME = "_name";
  private static final String MSISDN = "_msisdn";
  private static final String SEGMENT = "_segment";
  private static final String REASONS = "_reasons";

  private static final StructType SUMMARY =
      Schemas.struct(
          Schemas.field(Targets.GRID_ID, DataTypes.StringType, false),
          Schemas.field("rows", DataTypes.LongType, false),
          Schemas.field(Targets.EXPECTED_GAIN, DataTypes.DoubleType, false),
          Schemas.field("file", DataTypes.StringType, false));

  private final ExportLocale locale;

  public TargetExport(ExportLocale locale) {
    this.locale = locale;
  }

  /** What was written: the index entries (one per grid) and stale grid files removed. */
  public record Written(List<TargetCsv.IndexEntry> grids, long rows, int staleRemoved) {}

  /**
   * @param targets the published target rows (control rows are left out here)
   * @param customers clean customers (customer_id, msisdn, name) for the masked columns
   * @param grids the grid table (every leaf grid gets a file)
   * @param exportDir {@code <exports>/D}
   * @param hadoop the session's Hadoop configuration
   */
  public Written write(
      Dataset<Row> targets, Dataset<Row> customers, Dataset<Row> grids, String exportDir, Configuration hadoop) {
    Schemas.require(customers, Datasets.clean(org.gridlens.pipeline.schema.Extract.CUSTOMERS),
        Customers.CUSTOMER_ID, Customers.MSISDN, Customers.NAME);
    Schemas.require(grids, Datasets.GRIDS, GridTable.GRID_ID, GridTable.NAME, GridTable.MANAGER, GridTable.IS_LEAF);
    boolean en = locale == ExportLocale.EN;
    Dataset<Row> lines =
        targets
            .filter(col(Targets.CONTROL).equalTo(false))
            .join(
                customers.select(
                    col(Customers.CUSTOMER_ID).as(Targets.CUSTOMER_ID),
                    col(Customers.NAME).as(NAME),
                    col(Customers.MSISDN).as(MSISDN)),
                Targets.CUSTOMER_ID, "left")
            .select(
                col(Targets.GRID_ID), col(Targets.OFFER_ID), col(Targets.RANK), col(Targets.CUSTOMER_ID),
                col(NAME), col(MSISDN),
                col(en ? Targets.SEGMENT_LABEL : Targets.SEGMENT_LABEL_ZH).as(SEGMENT),
                col(Targets.ARPU), col(Targets.PROPENSITY), col(Targets.EXPECTED_GAIN),
                col(en ? Targets.REASONS_EN : Targets.REASONS_ZH).as(REASONS));
    // Every leaf grid gets a file, even an empty one, so each manager finds theirs.
    Dataset<Row> leafMarkers =
        grids.filter(col(GridTable.IS_LEAF))
            .select(
                col(GridTable.GRID_ID).as(Targets.GRID_ID), lit(null).cast(DataTypes.StringType).as(Targets.OFFER_ID),
                lit(null).cast(DataTypes.IntegerType).as(Targets.RANK),
                lit(null).cast(DataTypes.StringType).as(Targets.CUSTOMER_ID),
                lit(null).cast(DataTypes.StringType).as(NAME), lit(null).cast(DataTypes.StringType).as(MSISDN),
                lit(null).cast(DataTypes.StringType).as(SEGMENT), lit(null).cast(DataTypes.DoubleType).as(Targets.ARPU),
                lit(null).cast(DataTypes.DoubleType).as(Targets.PROPENSITY),
                lit(null).cast(DataTypes.DoubleType).as(Targets.EXPECTED_GAIN),
                lit(null).cast(DataTypes.StringType).as(REASONS));
    Dataset<Row> summaries =
        lines.unionByName(leafMarkers)
            .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
            .flatMapGroups(new GridWriter(exportDir, locale, new ExportFileSystem(hadoop)), Encoders.row(SUMMARY));
    List<Row> collected =
        summaries
            .join(
                grids.select(col(GridTable.GRID_ID).as(Targets.GRID_ID), col(GridTable.NAME), col(GridTable.MANAGER)),
                Targets.GRID_ID, "left")
            // one partition sorted, not orderBy: a range partitioner first runs a sampling job
            // over its input, and that input is the grid writer, so every grid file was built
            // and written twice
            .repartition(1)
            .sortWithinPartitions(col(Targets.GRID_ID))
            .collectAsList();
    List<TargetCsv.IndexEntry> entries = new ArrayList<>();
    Set<String> folders = new HashSet<>();
    long total = 0;
    for (Row r : collected) {
      String file = r.getAs("file");
      entries.add(
          new TargetCsv.IndexEntry(r.getAs(Targets.GRID_ID), r.getAs(GridTable.NAME), r.getAs(GridTable.MANAGER),
              r.<Long>getAs("rows"), r.<Double>getAs(Targets.EXPECTED_GAIN), file));
      folders.add(file.substring(0, file.indexOf('/')));
      total += r.<Long>getAs("rows");
    }
    ExportFileSystem files = new ExportFileSystem(hadoop);
    int stale = files.removeStale(exportDir, folders, TargetCsv.FILE_NAME);
    files.write(exportDir + "/" + TargetCsv.INDEX_NAME, TargetCsv.index(locale, entries).toBytes());
    return new Written(entries, total, stale);
  }

  /**
   * A grid id as a folder name: ids are codes such as G001-01, but a '/' or a leading '.' in a
   * grid layer must never write outside the export folder.
   */
  static String folderOf(String gridId) {
    String s = gridId.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    return s.startsWith(".") ? "_" + s : s;
  }

  /** Builds and writes one grid's file on the executor; returns the grid's summary row. */
  private static final class GridWriter implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String exportDir;
    private final ExportLocale locale;
    private final ExportFileSystem files;

    GridWriter(String exportDir, ExportLocale locale, ExportFileSystem files) {
      this.exportDir = exportDir;
      this.locale = locale;
      this.files = files;
    }

    @Override
    public Iterator<Row> call(String gridId, Iterator<Row> rows) {
      List<TargetCsv.Line> lines = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (r.isNullAt(3)) {
          continue; // a leaf-grid marker
        }
        lines.add(
            new TargetCsv.Line(
                gridId, r.getString(1), r.getInt(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.isNullAt(7) ? null : r.getDouble(7), r.isNullAt(8) ? null : r.getDouble(8),
                r.getDouble(9), r.getString(10)));
      }
      lines.sort(Comparator.comparing(TargetCsv.Line::offerId).thenComparingInt(TargetCsv.Line::rank));
      double gain = 0;
      for (TargetCsv.Line l : lines) {
        gain += l.expectedGain();
      }
      String rel = folderOf(gridId) + "/" + TargetCsv.FILE_NAME;
      files.write(exportDir + "/" + rel, TargetCsv.gridFile(locale, lines).toBytes());
      return List.of(RowFactory.create(gridId, (long) lines.size(), gain, rel)).iterator();
    }
  }
}
