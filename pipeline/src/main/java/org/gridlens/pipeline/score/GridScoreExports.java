package org.gridlens.pipeline.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The grid scores for people: a CSV that opens in Excel (UTF-8 with BOM, Chinese text) and a
 * GeoJSON FeatureCollection of the grid polygons with their scores as properties. Plain Java;
 * the caller hands over the rows already in output order.
 */
public final class GridScoreExports {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private GridScoreExports() {}

  /** CSV with a header row; null = empty field, numbers in plain notation. */
  public static byte[] csv(List<String> columns, List<List<Object>> rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      bytes.write(BOM);
      try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
          CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
        p.printRecord(columns);
        for (List<Object> row : rows) {
          List<String> cells = new ArrayList<>(row.size());
          for (Object v : row) {
            cells.add(text(v));
          }
          p.printRecord(cells);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A FeatureCollection: one Feature per row, geometry from WKB (lon/lat), every column a property. */
  public static byte[] geoJson(List<String> columns, List<List<Object>> rows, List<byte[]> wkb) {
    GeoJsonWriter geo = new GeoJsonWriter();
    geo.setEncodeCRS(false);
    WKBReader reader = new WKBReader();
    ObjectNode fc = JSON.createObjectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    try {
      for (int r = 0; r < rows.size(); r++) {
        ObjectNode f = features.addObject();
        f.put("type", "Feature");
        byte[] g = wkb.get(r);
        JsonNode geometry = g == null ? JSON.nullNode() : JSON.readTree(geo.write(reader.read(g)));
        f.set("geometry", geometry);
        ObjectNode props = f.putObject("properties");
        List<Object> row = rows.get(r);
        for (int c = 0; c < columns.size(); c++) {
          props.set(columns.get(c), JSON.valueToTree(row.get(c)));
        }
      }
      return JSON.writeValueAsBytes(fc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalArgumentException("grid geometry is not valid WKB: " + e.getMessage(), e);
    }
  }

  /** Comma-separated indicator ids in Chinese words ("、"-separated). */
  public static String zh(String ids, Map<String, String> labelsZh) {
    if (ids == null || ids.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String id : ids.split(",")) {
      out.add(labelsZh.getOrDefault(id, id));
    }
    return String.join("、", out);
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return v.toString();
  }
}
