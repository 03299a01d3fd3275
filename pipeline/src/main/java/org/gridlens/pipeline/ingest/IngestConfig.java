package org.gridlens.pipeline.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigNode;
import org.gridlens.pipeline.schema.Extract;

/**
 * Typed configuration of the {@code ingest} section of conf/gridlens.yaml: the window, the reject
 * threshold, which extracts must be present, the plausible map area and per-source settings
 * (encoding, column mapping, date formats, threshold override).
 *
 * @param windowMonths calendar months ending with the run date's month that dated rows must fall in
 * @param maxRejectRatio quarantined / read above which the job fails (per source overridable)
 * @param required extracts whose folder must exist and hold at least one data file
 * @param area plausible lon/lat box for customers and cells
 * @param sources per-extract reading settings; every extract has an entry (defaults when absent)
 */
public record IngestConfig(
    int windowMonths,
    double maxRejectRatio,
    List<Extract> required,
    GeoBox area,
    Map<Extract, SourceConfig> sources) {

  /** Lon/lat bounds a coordinate must fall in to be plausible (WGS84 degrees, inclusive). */
  public record GeoBox(double minLon, double maxLon, double minLat, double maxLat) implements java.io.Serializable {
    /** Mainland China and its islands, generously. */
    public static final GeoBox CHINA = new GeoBox(73.0, 136.0, 3.0, 54.0);

    public boolean lonOk(double lon) {
      return lon >= minLon && lon <= maxLon;
    }

    public boolean latOk(double lat) {
      return lat >= minLat && lat <= maxLat;
    }
  }

  /** Settings in effect for one extract. */
  public SourceConfig source(Extract e) {
    return sources.get(e);
  }

  /** The reject threshold for one extract: its own override, else the global one. */
  public double maxRejectRatio(Extract e) {
    Double own = sources.get(e).maxRejectRatio();
    return own == null ? maxRejectRatio : own;
  }

  /** Defaults everywhere (what an absent section means). */
  public static IngestConfig defaults() {
    return from(ConfigNode.empty("(defaults)", "ingest"));
  }

  public static IngestConfig from(ConfigNode node) {
    node.allowOnly("window_months", "max_reject_ratio", "required", "area", "sources");
    int windowMonths = node.integer("window_months", 3, 1, 120);
    double maxReject = node.number("max_reject_ratio", 0.05, 0.0, 1.0);

    List<String> allIds = new ArrayList<>();
    for (Extract e : Extract.values()) {
      allIds.add(e.id());
    }
    List<Extract> required = new ArrayList<>();
    List<String> req = node.strings("required", allIds);
    for (int i = 0; i < req.size(); i++) {
      required.add(extract(node, "required[" + i + "]", req.get(i)));
    }

    ConfigNode a = node.child("area");
    a.allowOnly("min_lon", "max_lon", "min_lat", "max_lat");
    GeoBox area =
        new GeoBox(
            a.number("min_lon", GeoBox.CHINA.minLon(), -180, 180),
            a.number("max_lon", GeoBox.CHINA.maxLon(), -180, 180),
            a.number("min_lat", GeoBox.CHINA.minLat(), -90, 90),
            a.number("max_lat", GeoBox.CHINA.maxLat(), -90, 90));
    if (area.minLon() >= area.maxLon()) {
      throw a.error("max_lon", "must be greater than min_lon (" + area.minLon() + "), got " + area.maxLon());
    }
    if (area.minLat() >= area.maxLat()) {
      throw a.error("max_lat", "must be greater than min_lat (" + area.minLat() + "), got " + area.maxLat());
    }

    ConfigNode s = node.child("sources");
    Map<Extract, SourceConfig> sources = new EnumMap<>(Extract.class);
    for (String key : s.keys()) {
      Extract e = extract(s, key, key);
      sources.put(e, SourceConfig.from(s.child(key), e));
    }
    for (Extract e : Extract.values()) {
      sources.computeIfAbsent(e, x -> SourceConfig.from(ConfigNode.empty(node.file(), node.path() + ".sources." + x.id()), x));
    }
    return new IngestConfig(
        windowMonths, maxReject, Collections.unmodifiableList(required), area, Collections.unmodifiableMap(sources));
  }

  private static Extract extract(ConfigNode node, String key, String value) {
    for (Extract e : Extract.values()) {
      if (e.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    List<String> ids = new ArrayList<>();
    for (Extract e : Extract.values()) {
      ids.add(e.id());
    }
    throw node.error(key, "unknown extract '" + value + "' (extracts are " + String.join(", ", ids) + ")");
  }
}
