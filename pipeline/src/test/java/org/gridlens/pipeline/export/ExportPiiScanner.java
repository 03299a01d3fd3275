package org.gridlens.pipeline.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Test helper: scans every file under an exports root for the unmasked phone numbers and ID
 * numbers of a customers extract. Reusable on any end-to-end output:
 * {@code assertEquals(List.of(), ExportPiiScanner.scan(exportsRoot, ExportPiiScanner.secretsOf(customersDir)))}.
 *
 * <p>Numbers are also found when written with separators ({@code 138-1234-5678},
 * {@code 138 1234 5678}) or embedded in a longer digit run. Findings name the file, the kind of
 * value and the customer id, never the value itself, so a failing test does not print PII.
 */
public final class ExportPiiScanner {

  private static final Pattern SEPARATOR_BETWEEN_DIGITS = Pattern.compile("(?<=\\d)[ \\-()+.]{1,3}(?=\\d)");
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d{11,}[Xx]?");

  private ExportPiiScanner() {}

  /** A secret found in an export file. */
  public record Finding(Path file, String kind, String customerId) {
    @Override
    public String toString() {
      return file + ": unmasked " + kind + " of customer " + customerId;
    }
  }

  /**
   * The msisdn and id_number of every customer in the extract folder (CSV with header, plain or
   * gzip), mapped to "kind customer_id". Keys are upper-case (an ID number's check letter X).
   */
  public static Map<String, String> secretsOf(Path customersDir) {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> files = Files.list(customersDir)) {
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".csv") && !n.endsWith(".csv.gz")) {
          continue;
        }
        try (InputStream raw = Files.newInputStream(f);
            InputStream in = n.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            CSVParser p =
                CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
          for (CSVRecord r : p) {
            String id = r.isMapped("customer_id") ? r.get("customer_id") : "?";
            put(out, r, "msisdn", id);
            put(out, r, "id_number", id);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void put(Map<String, String> out, CSVRecord r, String column, String id) {
    if (r.isMapped(column) && r.isSet(column)) {
      String v = r.get(column).strip().toUpperCase(Locale.ROOT);
      if (v.length() >= 11) {
        out.put(v, column + " " + id);
      }
    }
  }

  /** Every secret of {@code secrets} (as from {@link #secretsOf}) found in a file under {@code root}. */
  public static List<Finding> scan(Path root, Map<String, String> secrets) {
    List<Finding> found = new ArrayList<>();
    if (!Files.exists(root)) {
      return found;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(f);
        if (f.getFileName().toString().endsWith(".gz")) {
          try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            bytes = in.readAllBytes();
          }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String joined = SEPARATOR_BETWEEN_DIGITS.matcher(text).replaceAll("");
        for (String t : new String[] {text, joined}) {
          Matcher m = DIGIT_RUN.matcher(t);
          while (m.find()) {
            String run = m.group().toUpperCase(Locale.ROOT);
            for (int len : new int[] {11, 18}) {
              for (int i = 0; i + len <= run.length(); i++) {
                String hit = secrets.get(run.substring(i, i + len));
                if (hit != null) {
                  Finding x = new Finding(f, hit.substring(0, hit.indexOf(' ')), hit.substring(hit.indexOf(' ') + 1));
                  if (!found.contains(x)) {
                    found.add(x);
                  }
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
