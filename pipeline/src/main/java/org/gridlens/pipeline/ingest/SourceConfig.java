package org.gridlens.pipeline.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigNode;
import org.gridlens.pipeline.schema.Extract;

/**
 * How one extract's files are read: their text encoding, the mapping from the operator's header
 * names to contract columns, the date/timestamp/month patterns and an optional own reject
 * threshold.
 *
 * @param columns source header name → contract column name (headers not listed are used as is)
 * @param maxRejectRatio null when the global threshold applies
 */
public record SourceConfig(
    String encoding,
    Map<String, String> columns,
    String dateFormat,
    String timestampFormat,
    String monthFormat,
    Double maxRejectRatio)
    implements Serializable {

  public static final String DEFAULT_DATE = "yyyy-MM-dd";
  public static final String DEFAULT_TIMESTAMP = "yyyy-MM-dd HH:mm:ss";
  public static final String DEFAULT_MONTH = "yyyy-MM";

  public Charset charset() {
    return Charset.forName(encoding);
  }

  static SourceConfig from(ConfigNode node, Extract extract) {
    node.allowOnly("encoding", "columns", "date_format", "timestamp_format", "month_format", "max_reject_ratio");
    String encoding = node.string("encoding", "UTF-8").trim();
    try {
      if (!Charset.isSupported(encoding)) {
        throw node.error("encoding", "unsupported encoding '" + encoding + "'");
      }
    } catch (IllegalArgumentException e) {
      throw node.error("encoding", "unsupported encoding '" + encoding + "'");
    }
    String[] contract = ExtractRules.of(extract).columnNames();
    Map<String, String> raw = node.stringMap("columns");
    Map<String, String> columns = new LinkedHashMap<>();
    Map<String, String> seenTarget = new HashMap<>();
    ConfigNode cols = node.child("columns");
    for (Map.Entry<String, String> m : raw.entrySet()) {
      String target = m.getValue().trim();
      if (!Arrays.asList(contract).contains(target)) {
        throw cols.error(
            m.getKey(),
            "'" + target + "' is not a column of the " + extract.id() + " contract (columns: "
                + String.join(", ", contract) + ")");
      }
      String before = seenTarget.put(target, m.getKey());
      if (before != null) {
        throw cols.error(m.getKey(), "maps to '" + target + "', which '" + before + "' already maps to");
      }
      columns.put(m.getKey().trim(), target);
    }
    String date = pattern(node, "date_format", DEFAULT_DATE);
    String ts = pattern(node, "timestamp_format", DEFAULT_TIMESTAMP);
    String month = pattern(node, "month_format", DEFAULT_MONTH);
    Double ratio = node.has("max_reject_ratio") ? node.number("max_reject_ratio", 0, 0.0, 1.0) : null;
    return new SourceConfig(encoding, Collections.unmodifiableMap(columns), date, ts, month, ratio);
  }

  private static String pattern(ConfigNode node, String key, String def) {
    String p = node.string(key, def);
    try {
      DateTimeFormatter.ofPattern(p);
    } catch (IllegalArgumentException e) {
      throw node.error(key, "not a valid date/time pattern '" + p + "': " + e.getMessage());
    }
    return p;
  }
}
