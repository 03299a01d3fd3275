package org.gridlens.pipeline.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits one physical line into fields (RFC 4180, comma, double quotes). Commons CSV is the single
 * source of truth for quoting; a line without any quote character has no quoting to interpret, so
 * it is split on commas directly, which gives the same fields without building a parser per line
 * (the contract has no multi-line fields, so lines are parsed one at a time).
 */
final class CsvLineParser {

  /** A line that is not one well-formed CSV record (unbalanced quotes, text after a closing quote). */
  static final class MalformedLineException extends Exception {
    MalformedLineException(String message) {
      super(message, null, false, false);
    }
  }

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setRecordSeparator("\n").get();

  private final ArrayList<String> scratch = new ArrayList<>();

  /** The fields of {@code line}; empty fields are empty strings. */
  String[] split(String line) throws MalformedLineException {
    if (line.indexOf('"') < 0) {
      scratch.clear();
      int start = 0;
      for (int i = 0; i < line.length(); i++) {
        if (line.charAt(i) == ',') {
          scratch.add(line.substring(start, i));
          start = i + 1;
        }
      }
      scratch.add(line.substring(start));
      return scratch.toArray(new String[0]);
    }
    return quoted(line);
  }

  private static String[] quoted(String line) throws MalformedLineException {
    try (CSVParser p = CSVParser.parse(new StringReader(line), FORMAT)) {
      Iterator<CSVRecord> it = p.iterator();
      if (!it.hasNext()) {
        return new String[] {""};
      }
      CSVRecord r = it.next();
      if (it.hasNext()) {
        // only possible through a quoted line break, which a physical line cannot hold
        throw new MalformedLineException("more than one record on the line");
      }
      List<String> out = r.toList();
      return out.toArray(new String[0]);
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new MalformedLineException("unbalanced or misplaced quotes: " + rootMessage(e));
    } catch (IOException e) {
      throw new MalformedLineException("unbalanced or misplaced quotes: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
