package org.gridlens.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.config.PathsConfig;
import org.gridlens.pipeline.run.Pipeline;
import org.gridlens.pipeline.run.RunContext;
import org.gridlens.pipeline.run.StepName;
import org.gridlens.pipeline.run.StepResult;

/**
 * The committed sample city run through the pipeline once per test JVM: tests ask for the stage
 * they need ({@link #runThrough}) and share the outputs, so the suite pays for each stage once.
 * The warehouse lives under {@code target/sample-city/}.
 */
public final class SampleCity extends SparkTestBase {

  public static final LocalDate RUN_DATE = LocalDate.of(2026, 10, 31);

  private static final Map<StepName, StepResult> DONE = new EnumMap<>(StepName.class);
  private static RunContext ctx;

  private SampleCity() {}

  /** The repository root (tests run in a module folder). */
  public static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("sample-data")) ? here : here.getParent();
  }

  public static Path sampleData() {
    return repo().resolve("sample-data");
  }

  /** The configuration every sample-city test uses: conf/gridlens.yaml with test paths. */
  public static GridLensConfig config() {
    GridLensConfig c = GridLensConfig.load(repo().resolve("conf/gridlens.yaml"), Map.of());
    Path out = repo().resolve("pipeline/target/sample-city");
    return c.withPaths(
        new PathsConfig(
            sampleData().resolve("input").toString(),
            out.resolve("warehouse").toString(),
            out.resolve("exports").toString()));
  }

  /** Runs every stage up to and including {@code last} (once per JVM) and returns the context. */
  public static synchronized RunContext runThrough(StepName last) {
    if (ctx == null) {
      GridLensConfig c = config();
      deleteTree(Path.of(c.paths().warehouse()));
      deleteTree(Path.of(c.paths().exports()));
      ctx = RunContext.of(spark(), c, RUN_DATE);
    }
    for (StepName s : StepName.values()) {
      if (s.ordinal() > last.ordinal()) {
        break;
      }
      if (!DONE.containsKey(s)) {
        DONE.put(s, Pipeline.step(s).run(ctx));
      }
    }
    return ctx;
  }

  /** What a stage reported when the fixture ran it. */
  public static synchronized StepResult result(StepName s) {
    runThrough(s);
    return DONE.get(s);
  }

  /** Rows of a truth CSV ({@code sample-data/truth/<name>}). */
  public static List<CSVRecord> truth(String name) {
    Path p = sampleData().resolve("truth").resolve(name);
    try (CSVParser parser =
        CSVParser.parse(p, java.nio.charset.StandardCharsets.UTF_8,
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return new ArrayList<>(parser.getRecords());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
