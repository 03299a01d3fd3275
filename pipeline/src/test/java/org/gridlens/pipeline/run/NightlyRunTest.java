package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.SparkTestBase;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.run.RunManifest.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyRunTest extends SparkTestBase {

  private static final LocalDate D = LocalDate.of(2026, 10, 31);

  @TempDir Path dir;
  private FakeCity city;

  @BeforeEach
  void setUp() {
    city = new FakeCity(spark());
  }

  private GridLensConfig config(Map<String, String> extra) {
    Map<String, String> o = new LinkedHashMap<>(extra);
    o.put("paths.warehouse", dir.resolve("wh").toString());
    o.put("paths.exports", dir.resolve("exports").toString());
    o.put("paths.input", dir.resolve("in").toString());
    o.putIfAbsent("run.retention_days", "0");
    return GridLensConfig.load(Path.of("../conf/gridlens.yaml"), o);
  }

  private RunManifest run(LocalDate date, boolean force, StepName from) {
    return run(date, force, from, Map.of());
  }

  private RunManifest run(LocalDate date, boolean force, StepName from, Map<String, String> conf) {
    return run(date, force, from, conf, city::step);
  }

  private RunManifest run(LocalDate date, boolean force, StepName from, Map<String, String> conf,
      Function<StepName, Step> steps) {
    RunContext ctx = RunContext.of(spark(), config(conf), date);
    return new NightlyRun(ctx, new NightlyRun.Options(force, from, "test-1"), steps, Clock.systemUTC()).run();
  }

  /**
   * The fake city's stages, saying when each starts and ends; when {@code segmentWaits}, segment
   * first waits for score to start.
   */
  private Function<StepName, Step> recorded(List<String> events, CountDownLatch scoreStarted, boolean segmentWaits) {
    return n -> new Step() {
      @Override
      public StepName name() {
        return n;
      }

      @Override
      public StepResult run(RunContext ctx) {
        events.add("start " + n.id());
        if (n == StepName.SCORE) {
          scoreStarted.countDown();
        }
        try {
          if (n == StepName.SEGMENT && segmentWaits && !scoreStarted.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("score did not start while segment ran");
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        StepResult r = city.step(n).run(ctx);
        events.add("end " + n.id());
        return r;
      }
    };
  }

  private RunManifest manifest(LocalDate date) throws IOException {
    return RunManifest.fromJson(Files.readString(dir.resolve("wh/_runs/" + date + ".json")), "test");
  }

  /** Every file under the warehouse and exports (hidden ones excluded), with its bytes. */
  private Map<String, byte[]> outputs() throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (String root : new String[] {"wh", "exports"}) {
      try (Stream<Path> s = Files.walk(dir.resolve(root))) {
        for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
          String rel = dir.relativize(p).toString();
          if (!rel.contains("/.") && !rel.contains("_runs")) {
            out.put(rel, Files.readAllBytes(p));
          }
        }
      }
    }
    return out;
  }

  @Test
  void runsEveryStageOnceThenLeavesACompletedDateAloneRepairsADamagedOutputAndForcesIdenticalBytes() throws IOException {
    RunManifest m = run(D, false, null);

    assertEquals(Status.succeeded, m.status);
    assertEquals(8, m.stages.size());
    assertTrue(m.stages.stream().allMatch(s -> s.status() == Status.succeeded));
    RunManifest onDisk = manifest(D);
    assertEquals(config(Map.of()).hash(), onDisk.configHash);
    assertEquals("test-1", onDisk.codeVersion);
    assertEquals(spark().sparkContext().applicationId(), onDisk.sparkApplicationId);
    var ingest = onDisk.stage(StepName.INGEST).orElseThrow();
    assertEquals(6L, ingest.outputRows().get("clean/customers"));
    assertEquals(1L, ingest.rejects());
    assertEquals(6L, ingest.outputs().get("clean/customers").rows());
    assertNotNull(ingest.outputs().get("clean/customers").rowHash());
    assertNotNull(ingest.startedAt());
    assertNotNull(ingest.endedAt());
    assertEquals(Boolean.TRUE, onDisk.stage(StepName.GRIDS).orElseThrow().metrics().get("fake"));
    // every stage says what it cost: the Spark tasks of the stages that publish a dataset, and the
    // driver's memory
    for (var st : onDisk.stages) {
      if (st.outputs() != null && !st.outputs().isEmpty()) {
        assertTrue(st.resources().tasks() > 0, st.name() + " ran Spark tasks");
        assertTrue(st.resources().outputBytes() > 0, st.name() + " wrote Parquet");
      }
      assertTrue(st.resources().driverPeakHeapBytes() > 0, st.name());
    }
    assertTrue(ingest.resources().outputBytes() > 0);
    var assign = onDisk.stage(StepName.ASSIGN).orElseThrow();
    assertEquals("grid_assignment.one_row_per_customer", assign.gates().get(0).name());
    assertTrue(assign.gates().stream().allMatch(RunManifest.GateResult::passed));
    assertEquals(city.exportText, Files.readString(dir.resolve("exports/" + D + "/G001/targets.csv")));
    assertTrue(Files.exists(dir.resolve("exports/" + D + "/grid_scores.csv")));
    assertFalse(Files.exists(dir.resolve("exports/" + NightlyRun.EXPORT_STAGING)), "staging is gone after publishing");
    assertFalse(Files.exists(dir.resolve("wh/_runs/lock")), "the lock is released");
    Map<String, byte[]> first = outputs();

    city.resetCalls();
    run(D, false, null);
    for (StepName n : StepName.values()) {
      assertEquals(0, city.calls(n), "a completed date is not run again: " + n);
    }

    // a Parquet file rewritten in place (same size) is caught by its content hash; that stage runs again
    Path part;
    try (Stream<Path> s = Files.list(dir.resolve("wh/customer_view/run_date=" + D))) {
      part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
      f.seek(4);
      f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
    city.resetCalls();
    run(D, false, null);
    assertEquals(0, city.calls(StepName.ASSIGN));
    assertEquals(1, city.calls(StepName.VIEW));
    assertEquals(1, city.calls(StepName.TARGETS));
    Map<String, byte[]> repaired = outputs();
    first.forEach((k, v) -> assertArrayEquals(v, repaired.get(k), "identical bytes after the repair: " + k));

    city.resetCalls();
    run(D, true, null);
    for (StepName n : StepName.values()) {
      assertEquals(1, city.calls(n), "--force runs every stage: " + n);
    }
    Map<String, byte[]> forced = outputs();
    assertEquals(first.keySet(), forced.keySet());
    first.forEach((k, v) -> assertArrayEquals(v, forced.get(k), "identical bytes after --force: " + k));
    assertEquals(3, manifest(D).attempt);
  }

  @Test
  void stagesThatDoNotReadEachOtherRunSideBySideEachAfterWhatItReadsWithTheSameBytesAsOneAtATime() throws IOException {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    RunManifest m = run(D, false, null, Map.of("run.parallel_stages", "2"), recorded(events, new CountDownLatch(1), true));

    assertEquals(Status.succeeded, m.status);
    for (StepName n : StepName.values()) {
      for (StepName read : n.reads()) {
        assertTrue(events.indexOf("end " + read.id()) < events.indexOf("start " + n.id()),
            n.id() + " starts after " + read.id() + " ended: " + events);
      }
    }
    assertTrue(events.indexOf("start grids") < events.indexOf("end ingest"), "grids beside ingest: " + events);
    assertTrue(events.indexOf("start score") < events.indexOf("end segment"), "score beside segment: " + events);
    // each stage is credited with its own datasets (the fake segment publishes none) and tasks
    assertEquals(Set.of(), m.stage(StepName.SEGMENT).orElseThrow().outputs().keySet());
    assertEquals(Set.of("grid_scores"), m.stage(StepName.SCORE).orElseThrow().outputs().keySet());
    assertEquals(0, m.stage(StepName.SEGMENT).orElseThrow().resources().tasks(), "the fake segment runs no Spark job");
    Map<String, byte[]> sideBySide = outputs();

    events.clear();
    RunManifest one = run(D, true, null, Map.of(), recorded(events, new CountDownLatch(1), false));
    assertEquals(Status.succeeded, one.status);
    List<String> inOrder = new ArrayList<>();
    for (StepName n : StepName.values()) {
      inOrder.add("start " + n.id());
      inOrder.add("end " + n.id());
    }
    assertEquals(inOrder, events, "by default (run.parallel_stages 1) one stage at a time, in order");
    for (StepName n : List.of(StepName.SEGMENT, StepName.SCORE)) {
      var a = m.stage(n).orElseThrow().resources();
      var b = one.stage(n).orElseThrow().resources();
      assertEquals(b.tasks(), a.tasks(), n.id() + " ran the same Spark tasks beside another stage as alone");
      assertEquals(b.outputBytes(), a.outputBytes(), n.id());
    }
    Map<String, byte[]> alone = outputs();
    assertEquals(sideBySide.keySet(), alone.keySet());
    sideBySide.forEach((k, v) -> assertArrayEquals(v, alone.get(k), "identical bytes: " + k));

    // a failure beside a running stage: that stage finishes, nothing else starts, the run fails
    city.failing.add(StepName.SEGMENT);
    GridLensException e = assertThrows(GridLensException.class,
        () -> run(D, true, StepName.SEGMENT, Map.of("run.parallel_stages", "2")));
    assertTrue(e.getMessage().contains("stage segment failed on purpose"), e.getMessage());
    RunManifest failed = manifest(D);
    assertEquals(Status.failed, failed.status);
    assertEquals(Status.failed, failed.stage(StepName.SEGMENT).orElseThrow().status());
    assertEquals(Status.succeeded, failed.stage(StepName.SCORE).orElseThrow().status());
    assertTrue(failed.stage(StepName.UPLIFT).isEmpty());
    assertTrue(failed.stage(StepName.TARGETS).isEmpty());
  }

  @Test
  void aFailedRunResumesAtItsFirstIncompleteStageAndAFailedGateKeepsThePublishedExports() throws IOException {
    city.failing.add(StepName.SEGMENT);
    GridLensException e = assertThrows(GridLensException.class, () -> run(D, false, null));
    assertEquals(GridLensException.Kind.STAGE_FAILED, e.kind());
    RunManifest failed = manifest(D);
    assertEquals(Status.failed, failed.status);
    assertEquals(Status.failed, failed.stage(StepName.SEGMENT).orElseThrow().status());
    assertTrue(failed.stage(StepName.SEGMENT).orElseThrow().error().contains("failed on purpose"));
    assertTrue(failed.stage(StepName.SCORE).isEmpty());
    assertFalse(Files.exists(dir.resolve("exports/" + D)), "nothing is exported before the run completes");
    assertFalse(Files.exists(dir.resolve("wh/_runs/lock")), "the lock is released after a failure");

    city.failing.clear();
    city.resetCalls();
    RunManifest m = run(D, false, null);
    assertEquals(Status.succeeded, m.status);
    assertEquals("segment", m.resumedFrom);
    assertEquals(2, m.attempt);
    for (StepName n : StepName.values()) {
      assertEquals(n.ordinal() >= StepName.SEGMENT.ordinal() ? 1 : 0, city.calls(n), "calls of " + n);
    }
    byte[] published = Files.readAllBytes(dir.resolve("exports/" + D + "/G001/targets.csv"));

    // the final gate runs before the exports: a failure leaves the published exports as they were
    city.duplicateTargetRank = true;
    city.exportText = "changed\n";
    city.resetCalls();
    GridLensException gate = assertThrows(GridLensException.class, () -> run(D, true, StepName.TARGETS));
    assertEquals(GridLensException.Kind.STAGE_FAILED, gate.kind());
    assertTrue(gate.getMessage().contains("targets.unique_grid_offer_control_rank"), gate.getMessage());
    assertEquals(0, city.calls(StepName.UPLIFT));
    assertArrayEquals(published, Files.readAllBytes(dir.resolve("exports/" + D + "/G001/targets.csv")));
    assertTrue(Files.exists(dir.resolve("exports/" + D + "/grid_scores.csv")),
        "exports of stages that did not run again survive");
    var targets = manifest(D).stage(StepName.TARGETS).orElseThrow();
    assertEquals(Status.failed, targets.status());
    assertFalse(targets.gates().stream().filter(g -> g.name().equals("targets.unique_grid_offer_control_rank")).findFirst().orElseThrow().passed());
  }

  @Test
  void assignmentGatesStopTheRunAtAssign() {
    city.duplicateAssignment = true;
    GridLensException e = assertThrows(GridLensException.class, () -> run(D, false, null));
    assertTrue(e.getMessage().contains("grid_assignment.one_row_per_customer"), e.getMessage());
    assertTrue(e.getMessage().contains("1 duplicate rows"), e.getMessage());
    assertEquals(0, city.calls(StepName.VIEW));
  }

  @Test
  void aKilledRunIsTakenOverAndResumedWithoutItsLeftovers() throws Exception {
    city.failing.add(StepName.SCORE);
    assertThrows(GridLensException.class, () -> run(D, false, null));
    // what a killed driver leaves: the manifest says "running", a lock of a dead process, staging folders
    RunManifest m = manifest(D);
    m.status = Status.running;
    m.put(new RunManifest.StageRecord("score", Status.running, "2026-11-01T03:00:00Z", null, null, m.configHash,
        null, null, null, null, null, null, null, null, null));
    Path manifestFile = dir.resolve("wh/_runs/" + D + ".json");
    Files.writeString(manifestFile, m.toJson());
    Files.deleteIfExists(manifestFile.resolveSibling("." + manifestFile.getFileName() + ".crc"));
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Files.writeString(dir.resolve("wh/_runs/lock"), "{\"host\":\"" + RunLock.thisHost() + "\",\"pid\":" + dead.pid()
        + ",\"started_at\":\"" + java.time.Instant.now() + "\",\"run_date\":\"" + D + "\",\"token\":\"x\"}\n");
    Path leftover = dir.resolve("wh/customer_view/_staging_run_date=" + D + "_0b3c");
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("part-00000.parquet"), "half");

    city.failing.clear();
    city.resetCalls();
    RunManifest done = run(D, false, null);
    assertEquals(Status.succeeded, done.status);
    assertEquals("score", done.resumedFrom);
    assertEquals(0, city.calls(StepName.SEGMENT));
    assertEquals(1, city.calls(StepName.SCORE));
    assertFalse(Files.exists(leftover), "staging folders of the killed run are removed");
    assertFalse(Files.exists(dir.resolve("wh/_runs/lock")));
  }

  @Test
  void aLiveLockStopsASecondRun() throws IOException {
    Files.createDirectories(dir.resolve("wh/_runs"));
    Files.writeString(dir.resolve("wh/_runs/lock"), "{\"host\":\"" + RunLock.thisHost() + "\",\"pid\":"
        + ProcessHandle.current().pid() + ",\"started_at\":\"" + java.time.Instant.now() + "\",\"run_date\":\"" + D
        + "\",\"token\":\"other\"}\n");
    GridLensException e = assertThrows(GridLensException.class, () -> run(D, false, null));
    assertEquals(GridLensException.Kind.LOCKED, e.kind());
    assertEquals(0, city.calls(StepName.INGEST));
    assertTrue(Files.exists(dir.resolve("wh/_runs/lock")), "another run's lock is left alone");
  }
}
