package org.gridlens.pipeline.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridlens.pipeline.export.ExcelCsvWriter;
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

  private GridScoreExports() {}

  /**
   * CSV for Excel through the one export writer (BOM once, RFC 4180, formula-injection guard on
   * text); null = empty field, numbers stay numbers in plain notation.
   */
  public static byte[] csv(List<String> columns, List<List<Object>> rows) {
    ExcelCsvWriter out = ExcelCsvWriter.withHeader(columns);
    for (List<Object> row : rows) {
      List<ExcelCsvWriter.Cell> cells = new ArrayList<>(row.size());
      for (Object v : row) {
        cells.add(v instanceof Number n ? ExcelCsvWriter.number(n) : ExcelCsvWriter.text(v == null ? null : v.toString()));
      }
      out.row(cells);
    }
    return out.toBytes();
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

}
