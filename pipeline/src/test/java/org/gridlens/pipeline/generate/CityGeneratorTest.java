package org.gridlens.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridlens.pipeline.SampleCity;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.schema.Cdr;
import org.gridlens.pipeline.schema.Customers;
import org.gridlens.pipeline.schema.Extract;
import org.gridlens.pipeline.schema.RejectReason;
import org.gridlens.pipeline.schema.Vas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Generates a small city twice (different task counts) and checks the files against the truth. */
class CityGeneratorTest extends SparkTestBase {

  private static final GenerateOptions OPTIONS =
      new GenerateOptions(2_000, 3, 7, LocalDate.of(2026, 10, 31), 12, 0.01, 500);

  @TempDir static Path tmp;
  private static Path city;
  private static Path again;
  private static OperatorPrefixes prefixes;
  private static CityGenerator.Result result;
  /** truth/customers.csv by customer id. */
  private static Map<String, CSVRecord> truth;

  @BeforeAll
  static void generate() {
    prefixes = GridLensConfig.load(SampleCity.repo().resolve("conf/gridlens.yaml"), Map.of()).operators();
    city = tmp.resolve("city");
    again = tmp.resolve("again");
    result = CityGenerator.generate(spark(), OPTIONS, prefixes, city.toString(), 0);
    CityGenerator.generate(spark(), OPTIONS, prefixes, again.toString(), 1);
    truth = new HashMap<>();
    for (CSVRecord r : csv(read(city.resolve("truth/customers.csv")))) {
      truth.put(r.get("customer_id"), r);
    }
  }

  @Test
  void sameOptionsGiveIdenticalBytesWhateverTheNumberOfTasks() throws IOException {
    List<Path> files = files(city);
    assertEquals(files.stream().map(city::relativize).toList(), files(again).stream().map(again::relativize).toList());
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again.resolve(city.relativize(f))), f.toString());
    }
  }

  @Test
  void oneGzipFilePerChunkWithoutTimestamp() throws IOException {
    for (Extract e : ChunkWriter.CHUNKED) {
      for (int c = 0; c < 4; c++) {
        byte[] b = Files.readAllBytes(city.resolve("input/" + e.id() + "/" + ChunkWriter.partFile(c)));
        assertEquals((byte) 0x1f, b[0]);
        assertEquals((byte) 0x8b, b[1]);
        assertArrayEquals(new byte[4], new byte[] {b[4], b[5], b[6], b[7]}, "gzip MTIME must be 0");
      }
      assertTrue(Files.notExists(city.resolve("input/" + e.id() + "/" + ChunkWriter.partFile(4))));
    }
    assertTrue(Files.exists(city.resolve("input/grids/grids.geojson")));
    assertTrue(Files.notExists(city.resolve("truth/_parts")));
    assertEquals(2_000, truth.size());
  }

  @Test
  void everyLineIsCleanOrPlantedWithTheReasonIngestMustGive() {
    Map<String, RejectReason> planted = new HashMap<>();
    for (CSVRecord r : csv(read(city.resolve("truth/dirty_rows.csv")))) {
      planted.put(r.get("source_file") + ":" + r.get("line_number"), RejectReason.valueOf(r.get("reason")));
    }
    assertTrue(planted.size() > 100, "about 1% of rows are planted: " + planted.size());
    ReferenceValidator v = new ReferenceValidator(OPTIONS.windowStart(), OPTIONS.endDate());
    Map<RejectReason, Integer> seen = new HashMap<>();
    int checked = 0;
    for (Extract e : new Extract[] {Extract.CELLS, Extract.CUSTOMERS, Extract.BILLING, Extract.CDR, Extract.COMPLAINTS, Extract.VAS}) {
      List<Path> parts = listFiles(city.resolve("input/" + e.id()));
      for (Path p : parts) {
        String rel = e.id() + "/" + p.getFileName();
        List<byte[]> lines = lines(read(p));
        assertEquals(String.join(",", ChunkWriter.header(e)), new String(lines.get(0), StandardCharsets.UTF_8));
        for (int i = 1; i < lines.size(); i++) {
          RejectReason expected = planted.get(rel + ":" + (i + 1));
          assertEquals(expected, v.check(e, lines.get(i)), rel + " line " + (i + 1));
          if (expected != null) {
            seen.merge(expected, 1, Integer::sum);
            checked++;
          }
        }
      }
    }
    assertEquals(planted.size(), checked, "every truth row points at a real line");
    for (RejectReason r : RejectReason.values()) {
      assertTrue(seen.containsKey(r), "planted at least one " + r);
    }
  }

  @Test
  void invalidUtf8LineIsReallyThere() {
    List<byte[]> lines = lines(read(city.resolve("input/customers/part-00000.csv.gz")));
    boolean found = false;
    for (byte[] l : lines) {
      for (int i = 0; i + 1 < l.length; i++) {
        found |= l[i] == (byte) 0xC3 && l[i + 1] == (byte) 0x28;
      }
    }
    assertTrue(found);
  }

  @Test
  void customersLieStrictlyInsideTheirTruthGrid() throws IOException {
    Map<String, Geometry> grids = grids();
    GeometryFactory gf = new GeometryFactory();
    int points = 0;
    int explicit = 0;
    int homeCell = 0;
    for (CSVRecord r : cleanRecords(Extract.CUSTOMERS)) {
      CSVRecord t = truth.get(r.get(Customers.CUSTOMER_ID));
      String lon = r.get(Customers.LON);
      String gridId = r.get(Customers.GRID_ID);
      switch (t.get("locate_by")) {
        case "point" -> {
          Geometry g = grids.get(t.get("grid_id"));
          var p = gf.createPoint(new org.locationtech.jts.geom.Coordinate(Double.parseDouble(lon), Double.parseDouble(r.get(Customers.LAT))));
          assertTrue(g.contains(p) && g.getBoundary().distance(p) > 1e-6, r.get(Customers.CUSTOMER_ID));
          assertEquals("", gridId);
          points++;
        }
        case "explicit" -> {
          assertEquals(t.get("grid_id"), gridId);
          assertEquals("", lon);
          explicit++;
        }
        default -> {
          assertEquals("", gridId);
          assertEquals("", lon);
          homeCell++;
        }
      }
    }
    assertTrue(explicit > 100 && homeCell > 100 && points > 1400, explicit + " " + homeCell + " " + points);
  }

  @Test
  void homeCellCustomersMakeMostNightCallsInTheirGrid() {
    Map<String, String> cellGrid = new HashMap<>();
    for (CSVRecord r : csv(read(city.resolve("truth/cells.csv")))) {
      cellGrid.put(r.get("cell_id"), r.get("grid_id"));
    }
    int night = 0;
    int inGrid = 0;
    for (CSVRecord r : cleanRecords(Extract.CDR)) {
      CSVRecord t = truth.get(r.get(Cdr.CUSTOMER_ID));
      int hour = Integer.parseInt(r.get(Cdr.START_TIME).substring(11, 13));
      if (t.get("locate_by").equals("home_cell") && (hour >= 21 || hour < 7)) {
        night++;
        inGrid += t.get("grid_id").equals(cellGrid.get(r.get(Cdr.CELL_ID))) ? 1 : 0;
      }
    }
    assertTrue(night > 500, "nights observed: " + night);
    assertTrue(inGrid > 0.75 * night, inGrid + " of " + night);
  }

  @Test
  void archetypesDifferOnTheBehaviourThatDefinesThem() {
    Map<String, double[]> age = new HashMap<>();
    for (CSVRecord r : cleanRecords(Extract.CUSTOMERS)) {
      if (!r.get(Customers.BIRTH_DATE).isEmpty()) {
        double years = OPTIONS.endDate().getYear() - Integer.parseInt(r.get(Customers.BIRTH_DATE).substring(0, 4));
        add(age, truth.get(r.get(Customers.CUSTOMER_ID)).get("archetype"), years, 1);
      }
    }
    Map<String, double[]> data = new HashMap<>();
    Map<String, double[]> video = new HashMap<>();
    for (CSVRecord r : cleanRecords(Extract.VAS)) {
      String a = truth.get(r.get(Vas.CUSTOMER_ID)).get("archetype");
      if (r.get(Vas.SERVICE).equals("data")) {
        add(data, a, Double.parseDouble(r.get(Vas.VOLUME_MB)), 0);
      }
      if (r.get(Vas.SERVICE).equals("video")) {
        add(video, a, 1, 0);
      }
    }
    Map<String, double[]> roaming = new HashMap<>();
    for (CSVRecord r : cleanRecords(Extract.CDR)) {
      String type = r.get(Cdr.CALL_TYPE);
      add(roaming, truth.get(r.get(Cdr.CUSTOMER_ID)).get("archetype"),
          type.equals("roaming") || type.equals("international") ? 1 : 0, 1);
    }
    assertTrue(mean(age, "voice_senior") > mean(age, "young_streamer") + 30);
    // data per customer: sums per archetype divided by the archetype's customers
    Map<String, Integer> counts = new HashMap<>();
    truth.values().forEach(t -> counts.merge(t.get("archetype"), 1, Integer::sum));
    double ys = data.get("young_streamer")[0] / counts.get("young_streamer");
    double ps = data.get("price_sensitive")[0] / counts.get("price_sensitive");
    double hv = data.get("high_value_data")[0] / counts.get("high_value_data");
    double vs = data.get("voice_senior")[0] / counts.get("voice_senior");
    assertTrue(ys > 3 * ps && hv > 3 * ps && ps > vs, ys + " " + hv + " " + ps + " " + vs);
    assertTrue(video.get("young_streamer")[0] / counts.get("young_streamer")
        > 3 * video.get("voice_senior")[0] / counts.get("voice_senior"));
    double bt = mean(roaming, "business_traveller");
    for (String a : roaming.keySet()) {
      if (!a.equals("business_traveller")) {
        assertTrue(bt > 2 * mean(roaming, a), a);
      }
    }
  }

  @Test
  void competitorStrengthRaisesTheShareOfCompetitorContacts() {
    Map<String, double[]> share = new HashMap<>();
    for (CSVRecord r : cleanRecords(Extract.CDR)) {
      String op = prefixes.operatorOf(r.get(Cdr.OTHER_PARTY));
      if (!op.equals(OperatorPrefixes.OTHER) && !r.get(Cdr.CALL_TYPE).equals("international")) {
        add(share, truth.get(r.get(Cdr.CUSTOMER_ID)).get("grid_id"), op.equals(prefixes.home()) ? 0 : 1, 1);
      }
    }
    List<double[]> pairs = new ArrayList<>();
    for (CSVRecord g : csv(read(city.resolve("truth/grids.csv")))) {
      double[] s = share.get(g.get("grid_id"));
      if (s != null && s[1] >= 200) {
        pairs.add(new double[] {Double.parseDouble(g.get("competitor_strength")), s[0] / s[1]});
      }
    }
    assertTrue(pairs.size() >= 6, "grids with enough calls: " + pairs.size());
    assertTrue(pearson(pairs) > 0.6, "correlation " + pearson(pairs));
  }

  @Test
  void gridLayerHasTheContractProperties() throws IOException {
    JsonNode root = new ObjectMapper().readTree(read(city.resolve("input/grids/grids.geojson")));
    assertEquals("FeatureCollection", root.get("type").asText());
    int leaves = 0;
    for (JsonNode f : root.get("features")) {
      JsonNode p = f.get("properties");
      for (String k : new String[] {"grid_id", "name", "parent_id", "manager", "grid_kind", "households"}) {
        assertNotNull(p.get(k), k);
      }
      assertTrue(p.get("name").asText().endsWith("网格"));
      leaves += p.get("grid_id").asText().contains("-") || !hasChildren(root, p.get("grid_id").asText()) ? 1 : 0;
    }
    assertEquals(12, leaves);
    assertEquals(result.leafGrids(), leaves);
  }

  private static boolean hasChildren(JsonNode root, String id) {
    for (JsonNode f : root.get("features")) {
      if (id.equals(f.get("properties").get("parent_id").asText(null))) {
        return true;
      }
    }
    return false;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Map<String, Geometry> grids() throws IOException {
    JsonNode root = new ObjectMapper().readTree(read(city.resolve("input/grids/grids.geojson")));
    Map<String, Geometry> out = new HashMap<>();
    GeoJsonReader reader = new GeoJsonReader();
    for (JsonNode f : root.get("features")) {
      try {
        out.put(f.get("properties").get("grid_id").asText(), reader.read(f.get("geometry").toString()));
      } catch (org.locationtech.jts.io.ParseException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** Rows of an extract that are not planted dirty rows. */
  private static List<CSVRecord> cleanRecords(Extract e) {
    Map<String, Boolean> planted = new HashMap<>();
    for (CSVRecord r : csv(read(city.resolve("truth/dirty_rows.csv")))) {
      planted.put(r.get("source_file") + ":" + r.get("line_number"), true);
    }
    List<CSVRecord> out = new ArrayList<>();
    for (Path p : listFiles(city.resolve("input/" + e.id()))) {
      List<byte[]> lines = lines(read(p));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        if (i == 0 || !planted.containsKey(e.id() + "/" + p.getFileName() + ":" + (i + 1))) {
          sb.append(new String(lines.get(i), StandardCharsets.UTF_8)).append('\n');
        }
      }
      out.addAll(csv(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static void add(Map<String, double[]> m, String key, double value, double weight) {
    double[] s = m.computeIfAbsent(key, k -> new double[2]);
    s[0] += value;
    s[1] += weight;
  }

  private static double mean(Map<String, double[]> m, String key) {
    return m.get(key)[0] / m.get(key)[1];
  }

  private static double pearson(List<double[]> xy) {
    double n = xy.size();
    double mx = xy.stream().mapToDouble(p -> p[0]).sum() / n;
    double my = xy.stream().mapToDouble(p -> p[1]).sum() / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static List<CSVRecord> csv(byte[] bytes) {
    try (CSVParser p = CSVParser.parse(new String(bytes, StandardCharsets.UTF_8),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return p.getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path p) {
    try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Physical lines as raw bytes (the contract forbids multi-line fields). */
  private static List<byte[]> lines(byte[] bytes) {
    List<byte[]> out = new ArrayList<>();
    ByteArrayOutputStream cur = new ByteArrayOutputStream();
    for (byte b : bytes) {
      if (b == '\n') {
        out.add(cur.toByteArray());
        cur.reset();
      } else {
        cur.write(b);
      }
    }
    assertEquals(0, cur.size(), "file ends with a newline");
    return out;
  }

  private static List<Path> listFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
    }
  }
}
