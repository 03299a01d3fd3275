package org.gridlens.pipeline.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.schema.Extract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a synthetic city: every extract of the data contract under {@code <out>/input/} and
 * the ground truth under {@code <out>/truth/}. The driver lays out the city (grids, cells); Spark
 * tasks write one file per chunk of customers for each extract, each task from its own seeds, so
 * the output is byte-identical whatever the cluster size or the number of tasks.
 */
public final class CityGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(CityGenerator.class);

  /** What was written. */
  public record Result(
      long customers, int grids, int leafGrids, int cells, int chunks, Map<Extract, Long> rows, long dirtyRows) {}

  private CityGenerator() {}

  /**
   * Writes the city to {@code out} (its {@code input/} and {@code truth/} folders are replaced).
   *
   * @param tasks number of Spark tasks; 0 = one per chunk. The output does not depend on it.
   */
  public static Result generate(
      SparkSession spark, GenerateOptions options, OperatorPrefixes prefixes, String out, int tasks) {
    CityLayout layout = CityLayout.build(options.seed(), options.grids(), options.customers());
    CityFiles files = new CityFiles(out);
    files.delete("input");
    files.delete("truth");
    try (OutputStream o = files.create(CityTruth.GRIDS_FILE)) {
      CityTruth.writeGrids(layout, o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DirtyRowPlanter.Planted> cellDirt;
    try (OutputStream o = files.create("input/" + CityTruth.CELLS_FILE)) {
      cellDirt = CityTruth.writeCells(layout, options, o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeText(files, "truth/grids.csv", CityTruth.gridsCsv(layout));
    writeText(files, "truth/cells.csv", CityTruth.cellsCsv(layout));
    LOG.info("generate: {} grids ({} leaves), {} cells; writing {} customers in {} chunks",
        layout.grids().size(), layout.leafCount(), layout.cellCount(), options.customers(), options.chunks());

    ChunkWriter writer = new ChunkWriter(options, new CustomerGenerator(options, layout, prefixes), files);
    List<Integer> chunks = IntStream.range(0, options.chunks()).boxed().toList();
    int slices = tasks > 0 ? Math.min(tasks, chunks.size()) : chunks.size();
    List<ChunkWriter.Summary> summaries = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(new ArrayList<>(chunks), slices)
        .map(c -> writer.write(c).toArray())
        .collect()
        .stream()
        .map(ChunkWriter.Summary::of)
        .toList();

    try (OutputStream o = files.create("truth/customers.csv")) {
      CityTruth.mergeCustomers(files, options.chunks(), o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (OutputStream o = files.create("truth/dirty_rows.csv")) {
      CityTruth.mergeDirtyRows(files, options.chunks(), cellDirt, o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.delete("truth/_parts");
    writeText(files, "truth/README.md", CityTruth.README);

    Map<Extract, Long> rows = new EnumMap<>(Extract.class);
    long dirty = cellDirt.size();
    for (ChunkWriter.Summary s : summaries) {
      s.lines().forEach((e, n) -> rows.merge(e, n, Long::sum));
      dirty += s.dirtyRows();
    }
    rows.put(Extract.CELLS, (long) layout.cellCount() + cellDirt.size());
    Result r = new Result(options.customers(), layout.grids().size(), layout.leafCount(), layout.cellCount(),
        options.chunks(), rows, dirty);
    LOG.info("generate: done; rows per extract {}, planted dirty rows {}", rows, dirty);
    return r;
  }

  private static void writeText(CityFiles files, String relative, String text) {
    try (OutputStream o = files.create(relative)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
