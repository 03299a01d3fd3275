package org.gridlens.pipeline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ingest data-quality report of one run date: JSON for machines ({@code reports/ingest/D.json})
 * and a fixed-width table for the log, each with the change against the previous run date's report
 * when there is one. Spark-free.
 */
public final class QualityReport {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] COUNTS = {"rows_read", "clean", "quarantined"};

  private QualityReport() {}

  /**
   * @param previous the previous run date's report text, or null
   */
  public static String json(LocalDate runDate, LocalDate windowStart, List<ExtractCounts> counts, String previous) {
    JsonNode prev = parse(previous);
    ObjectNode root = JSON.createObjectNode();
    root.put("run_date", runDate.toString());
    ObjectNode window = root.putObject("window");
    window.put("start", windowStart.toString());
    window.put("end", runDate.toString());
    if (prev != null && prev.hasNonNull("run_date")) {
      root.put("previous_run_date", prev.get("run_date").asText());
    } else {
      root.putNull("previous_run_date");
    }
    ObjectNode extracts = root.putObject("extracts");
    for (ExtractCounts c : counts) {
      ObjectNode e = extracts.putObject(c.extract().id());
      e.put("files", c.files());
      e.put("rows_read", c.read());
      e.put("clean", c.clean());
      e.put("quarantined", c.quarantined());
      e.put("reject_ratio", round(c.rejectRatio()));
      e.put("max_reject_ratio", c.maxRejectRatio());
      ObjectNode by = e.putObject("quarantined_by_reason");
      c.quarantinedByReason().forEach((r, n) -> by.put(r.name(), n));
      e.put("duplicates", c.duplicates());
      ObjectNode nulls = e.putObject("null_rates");
      c.nullRates().forEach((k, v) -> nulls.put(k, round(v)));
      JsonNode p = prev == null ? null : prev.path("extracts").get(c.extract().id());
      if (p == null || p.isMissingNode()) {
        e.putNull("change");
      } else {
        ObjectNode change = e.putObject("change");
        long[] now = {c.read(), c.clean(), c.quarantined()};
        for (int i = 0; i < COUNTS.length; i++) {
          long before = p.path(COUNTS[i]).asLong();
          ObjectNode d = change.putObject(COUNTS[i]);
          d.put("previous", before);
          d.put("delta", now[i] - before);
          if (before == 0) {
            d.putNull("delta_pct");
          } else {
            d.put("delta_pct", round(100.0 * (now[i] - before) / before));
          }
        }
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The readable table for the log (counts only: no values from the data). */
  public static String table(String json) {
    JsonNode root = parse(json);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "ingest data quality for %s (window %s..%s, previous run %s)%n",
        root.get("run_date").asText(), root.path("window").path("start").asText(),
        root.path("window").path("end").asText(),
        root.path("previous_run_date").isNull() ? "none" : root.path("previous_run_date").asText()));
    String fmt = "%-11s %5s %12s %12s %11s %7s %6s %10s  %s%n";
    b.append(String.format(Locale.ROOT, fmt, "extract", "files", "read", "clean", "quarantined", "reject%", "dups",
        "read Δ%", "quarantined by reason"));
    root.path("extracts").fields().forEachRemaining(en -> {
      JsonNode e = en.getValue();
      StringBuilder reasons = new StringBuilder();
      e.path("quarantined_by_reason").fields().forEachRemaining(
          r -> reasons.append(reasons.length() == 0 ? "" : ", ").append(r.getKey()).append('=').append(r.getValue().asLong()));
      JsonNode dp = e.path("change").path("rows_read").path("delta_pct");
      b.append(String.format(Locale.ROOT, fmt, en.getKey(), e.path("files").asText(), e.path("rows_read").asText(),
          e.path("clean").asText(), e.path("quarantined").asText(),
          String.format(Locale.ROOT, "%.2f", 100 * e.path("reject_ratio").asDouble()), e.path("duplicates").asText(),
          dp.isMissingNode() || dp.isNull() ? "-" : String.format(Locale.ROOT, "%+.1f", dp.asDouble()),
          reasons.length() == 0 ? "-" : reasons));
    });
    root.path("extracts").fields().forEachRemaining(en -> {
      StringBuilder nulls = new StringBuilder();
      en.getValue().path("null_rates").fields().forEachRemaining(
          r -> nulls.append(nulls.length() == 0 ? "" : ", ").append(r.getKey()).append('=')
              .append(String.format(Locale.ROOT, "%.1f%%", 100 * r.getValue().asDouble())));
      if (nulls.length() > 0) {
        b.append(String.format(Locale.ROOT, "null rates %-11s %s%n", en.getKey(), nulls));
      }
    });
    return b.toString();
  }

  /** Reads counts back (for tests and the next run's comparison). */
  public static Map<String, Long> counts(String json, String extract) {
    JsonNode e = parse(json).path("extracts").path(extract);
    return Map.of("rows_read", e.path("rows_read").asLong(), "clean", e.path("clean").asLong(),
        "quarantined", e.path("quarantined").asLong());
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
