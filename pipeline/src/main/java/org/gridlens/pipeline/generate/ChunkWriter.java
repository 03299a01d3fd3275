package org.gridlens.pipeline.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gridlens.pipeline.schema.Extract;

/**
 * Writes one chunk of customers (a fixed slice of customer indices) to its own file in every
 * customer-keyed extract, plus its part of the truth. A chunk's bytes depend only on the options
 * and its number, so chunks can run anywhere, in any order, any number at a time.
 */
final class ChunkWriter implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Extracts written per chunk (cells and grids are city-wide, written once). */
  static final Extract[] CHUNKED = {Extract.CUSTOMERS, Extract.BILLING, Extract.CDR, Extract.COMPLAINTS, Extract.VAS};

  /** Rows written per extract by one chunk (clean and planted). */
  record Summary(int chunk, Map<Extract, Long> lines, long customers, long dirtyRows) {

    /** Flat form for shipping back from a task (Kryo cannot build records). */
    long[] toArray() {
      long[] a = new long[CHUNKED.length + 3];
      a[0] = chunk;
      a[1] = customers;
      a[2] = dirtyRows;
      for (int i = 0; i < CHUNKED.length; i++) {
        a[3 + i] = lines.getOrDefault(CHUNKED[i], 0L);
      }
      return a;
    }

    static Summary of(long[] a) {
      Map<Extract, Long> lines = new EnumMap<>(Extract.class);
      for (int i = 0; i < CHUNKED.length; i++) {
        lines.put(CHUNKED[i], a[3 + i]);
      }
      return new Summary((int) a[0], lines, a[1], a[2]);
    }
  }

  private final GenerateOptions options;
  private final CustomerGenerator customers;
  private final ActivityGenerator activity;
  private final CityFiles files;

  ChunkWriter(GenerateOptions options, CustomerGenerator customers, CityFiles files) {
    this.options = options;
    this.customers = customers;
    this.activity = new ActivityGenerator(options, customers.layout());
    this.files = files;
  }

  static String partFile(int chunk) {
    return String.format("part-%05d.csv.gz", chunk);
  }

  /** Relative path of a chunk's truth part (merged into the truth files by the driver). */
  static String truthPart(String kind, int chunk) {
    return String.format("truth/_parts/%s-%05d.csv", kind, chunk);
  }

  Summary write(int chunk) {
    long from = (long) chunk * options.customersPerFile();
    long to = Math.min(options.customers(), from + options.customersPerFile());
    SplittableRandom dirtRandom = Seeds.random(options.seed(), Seeds.DIRT, chunk);
    DirtyRowPlanter planter = new DirtyRowPlanter(
        options.dirtyRate(), chunk == 0, dirtRandom, options.windowStart(), options.endDate(), chunk);
    Map<Extract, DirtyRowPlanter.Target> targets = new EnumMap<>(Extract.class);
    StringBuilder truth = new StringBuilder();
    try {
      for (Extract e : CHUNKED) {
        String rel = e.id() + "/" + partFile(chunk);
        targets.put(e, new DirtyRowPlanter.Target(e, rel, new ExtractWriter(files.create("input/" + rel), true, header(e))));
      }
      for (long i = from; i < to; i++) {
        Customer c = customers.generate(i);
        // a stream of its own, so changing how master data is drawn leaves activity draws alone
        ActivityGenerator.Activity a = activity.generate(c, Seeds.random(options.seed(), Seeds.ACTIVITY, i));
        planter.write(targets.get(Extract.CUSTOMERS), ActivityGenerator.customerRow(c));
        for (String[] row : a.billing) {
          planter.write(targets.get(Extract.BILLING), row);
        }
        for (String[] row : a.cdr) {
          planter.write(targets.get(Extract.CDR), row);
        }
        for (String[] row : a.complaints) {
          planter.write(targets.get(Extract.COMPLAINTS), row);
        }
        for (String[] row : a.vas) {
          planter.write(targets.get(Extract.VAS), row);
        }
        truth.append(c.id).append(',').append(c.archetype.id()).append(',').append(c.grid.id()).append(',')
            .append(c.grid.mainGridId()).append(',').append(c.locateBy.id()).append('\n');
      }
    } finally {
      for (DirtyRowPlanter.Target t : targets.values()) {
        t.writer.close();
      }
    }
    writeText(truthPart("customers", chunk), truth.toString());
    StringBuilder dirty = new StringBuilder();
    for (DirtyRowPlanter.Planted p : planter.planted()) {
      dirty.append(p.csvLine()).append('\n');
    }
    writeText(truthPart("dirty_rows", chunk), dirty.toString());
    Map<Extract, Long> lines = new EnumMap<>(Extract.class);
    targets.forEach((e, t) -> lines.put(e, t.writer.lines() - 1));
    return new Summary(chunk, lines, to - from, planter.planted().size());
  }

  static String[] header(Extract e) {
    return switch (e) {
      case CUSTOMERS -> ActivityGenerator.CUSTOMER_COLUMNS;
      case BILLING -> ActivityGenerator.BILLING_COLUMNS;
      case CDR -> ActivityGenerator.CDR_COLUMNS;
      case COMPLAINTS -> ActivityGenerator.COMPLAINT_COLUMNS;
      case VAS -> ActivityGenerator.VAS_COLUMNS;
      case CELLS -> org.gridlens.pipeline.schema.Cells.CLEAN.fieldNames();
    };
  }

  private void writeText(String relative, String text) {
    try (OutputStream out = files.create(relative)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
