package org.gridlens.pipeline.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gridlens.pipeline.schema.Cells;
import org.gridlens.pipeline.schema.Extract;

/**
 * The city-wide files, written once by the driver: the grid layer (GeoJSON), the cells extract,
 * and the ground truth (grids, cells, customers, dirty rows) that the pipeline never reads.
 */
final class CityTruth {

  static final String GRIDS_FILE = "input/grids/grids.geojson";
  static final String CELLS_FILE = "cells/part-00000.csv.gz";

  private CityTruth() {}

  /** RFC 7946 FeatureCollection of every grid (main grids, each followed by its sub-grids). */
  static void writeGrids(CityLayout layout, OutputStream out) {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      for (CityLayout.Grid grid : layout.grids()) {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("properties");
        g.writeStringField("grid_id", grid.id());
        g.writeStringField("name", grid.name());
        if (grid.parentId() == null) {
          g.writeNullField("parent_id");
        } else {
          g.writeStringField("parent_id", grid.parentId());
        }
        g.writeStringField("manager", grid.manager());
        g.writeStringField("grid_kind", grid.kind().id());
        g.writeNumberField("households", grid.households());
        g.writeEndObject();
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Polygon");
        g.writeArrayFieldStart("coordinates");
        g.writeStartArray();
        for (double[] p : layout.ring(grid)) {
          g.writeStartArray();
          g.writeNumber(p[0]);
          g.writeNumber(p[1]);
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeRaw('\n');
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cells extract (with its planted rows); returns the planted rows. */
  static List<DirtyRowPlanter.Planted> writeCells(CityLayout layout, GenerateOptions options, OutputStream out) {
    DirtyRowPlanter planter = new DirtyRowPlanter(options.dirtyRate(), true,
        Seeds.random(options.seed(), Seeds.CELL_DIRT, 0), options.windowStart(), options.endDate(), 0);
    String[] columns = Cells.CLEAN.fieldNames();
    try (ExtractWriter w = new ExtractWriter(out, true, columns)) {
      DirtyRowPlanter.Target t = new DirtyRowPlanter.Target(Extract.CELLS, CELLS_FILE, w);
      for (int i = 0; i < layout.cellCount(); i++) {
        CityLayout.Cell c = layout.cell(i);
        String[] row = new String[columns.length];
        ActivityGenerator.set(row, columns, Cells.CELL_ID, c.id());
        ActivityGenerator.set(row, columns, Cells.LON, Formats.decimal(c.lon(), 6));
        ActivityGenerator.set(row, columns, Cells.LAT, Formats.decimal(c.lat(), 6));
        ActivityGenerator.set(row, columns, Cells.SITE_ID, c.siteId());
        ActivityGenerator.set(row, columns, Cells.TECHNOLOGY, c.technology());
        planter.write(t, row);
      }
    }
    return planter.planted();
  }

  static String gridsCsv(CityLayout layout) {
    StringBuilder sb = new StringBuilder("grid_id,parent_id,level,grid_kind,competitor_strength\n");
    for (CityLayout.Grid g : layout.grids()) {
      sb.append(g.id()).append(',').append(g.parentId() == null ? "" : g.parentId()).append(',')
          .append(g.isMain() ? "main" : "sub").append(',').append(g.kind().id()).append(',')
          .append(Formats.decimal(g.competitorStrength(), 3)).append('\n');
    }
    return sb.toString();
  }

  static String cellsCsv(CityLayout layout) {
    StringBuilder sb = new StringBuilder("cell_id,grid_id,bad\n");
    for (int i = 0; i < layout.cellCount(); i++) {
      CityLayout.Cell c = layout.cell(i);
      sb.append(c.id()).append(',').append(layout.leaf(c.leaf()).id()).append(',').append(c.bad()).append('\n');
    }
    return sb.toString();
  }

  static final String CUSTOMERS_HEADER = "customer_id,archetype,grid_id,main_grid_id,locate_by\n";
  static final String DIRTY_HEADER = "extract,source_file,line_number,reason\n";

  /** Concatenates the chunks' customer truth parts, in chunk (= customer id) order. */
  static void mergeCustomers(CityFiles files, int chunks, OutputStream out) {
    try {
      out.write(CUSTOMERS_HEADER.getBytes(StandardCharsets.UTF_8));
      for (int c = 0; c < chunks; c++) {
        try (var in = files.open(ChunkWriter.truthPart("customers", c))) {
          in.transferTo(out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All planted rows, ordered by extract (contract order), file and line. */
  static void mergeDirtyRows(CityFiles files, int chunks, List<DirtyRowPlanter.Planted> cellRows, OutputStream out) {
    List<String[]> rows = new ArrayList<>();
    for (DirtyRowPlanter.Planted p : cellRows) {
      rows.add(p.csvLine().split(","));
    }
    try {
      for (int c = 0; c < chunks; c++) {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(files.open(ChunkWriter.truthPart("dirty_rows", c)), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            rows.add(line.split(","));
          }
        }
      }
      rows.sort(Comparator.<String[]>comparingInt(r -> Extract.of(r[0]).ordinal())
          .thenComparing(r -> r[1])
          .thenComparingLong(r -> Long.parseLong(r[2])));
      StringBuilder sb = new StringBuilder(DIRTY_HEADER);
      for (String[] r : rows) {
        sb.append(String.join(",", r)).append('\n');
      }
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String README = """
      # Ground truth of a generated city

      Written by `gridlens generate`; the pipeline never reads this folder. Tests and benchmarks
      compare the pipeline's results with it. All files are UTF-8 CSV with a header.

      | file | columns | meaning |
      |---|---|---|
      | customers.csv | customer_id, archetype, grid_id, main_grid_id, locate_by | the latent archetype of every real customer, the leaf grid it lives in, that grid's main grid (itself for a main grid without sub-grids), and how the pipeline can find the grid: `explicit` (grid_id in the extract), `point` (lon/lat in the extract) or `home_cell` (neither: the cell of its night-time calls, 21:00-07:00, lies in the grid) |
      | grids.csv | grid_id, parent_id, level, grid_kind, competitor_strength | every grid of both levels; level `main` or `sub`; competitor_strength 0..1 is the latent strength of competitors in the grid (for a main grid with sub-grids: the mean of its sub-grids) |
      | cells.csv | cell_id, grid_id, bad | the leaf grid each cell stands in; `bad` cells drop and fail many more calls |
      | dirty_rows.csv | extract, source_file, line_number, reason | every planted dirty row: file relative to `input/`, physical 1-based line number (header = line 1), and the RejectReason ingest must give it (the first failing rule in RejectReason order) |

      Ghost rows (customer or cell ids that exist nowhere else) and later duplicates of real keys
      are the only dirty rows in the customers and cells extracts, so every clean activity row keeps
      its customer and cell. See docs/generator.md for the archetypes and the dirty-row kinds.
      """;
}
