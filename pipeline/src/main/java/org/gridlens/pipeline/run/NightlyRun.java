package org.gridlens.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.run.RunManifest.DatasetFingerprint;
import org.gridlens.pipeline.run.RunManifest.GateResult;
import org.gridlens.pipeline.run.RunManifest.StageRecord;
import org.gridlens.pipeline.run.RunManifest.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nightly} run of one date: every stage in order in one SparkSession, under the
 * warehouse lock, with a manifest rewritten at every transition, resume at the first incomplete
 * stage, data-quality gates, and exports published only once every gate has passed.
 *
 * <p>Exports: stages write their files for people into a hidden staging root
 * ({@code <exports>/.nightly-staging/D/}, through the {@link Warehouse} the steps get); after the
 * last stage and its gates, that folder is swapped in as {@code <exports>/D/} with renames. A run
 * that fails, at a stage or a gate, leaves the previously published exports of D untouched.
 */
public final class NightlyRun {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyRun.class);
  static final String EXPORT_STAGING = ".nightly-staging";

  /**
   * How to run.
   *
   * @param force run again even when the date is complete (from {@code from}, or from the start)
   * @param from the first stage to run, or null for "the first incomplete one"
   * @param codeVersion the GridLens version, for the manifest
   */
  public record Options(boolean force, StepName from, String codeVersion) {}

  private final RunContext ctx;
  private final Options options;
  private final Function<StepName, Step> steps;
  private final Clock clock;
  private final Warehouse warehouse;
  private final LocalDate date;
  private final RunConfig conf;

  public NightlyRun(RunContext ctx, Options options) {
    this(ctx, options, Pipeline::step, Clock.systemUTC());
  }

  /** With other stage implementations (tests) and a clock for the lock's age rule. */
  public NightlyRun(RunContext ctx, Options options, Function<StepName, Step> steps, Clock clock) {
    this.ctx = ctx;
    this.options = options;
    this.steps = steps;
    this.clock = clock;
    this.warehouse = ctx.warehouse();
    this.date = ctx.runDate();
    this.conf = ctx.config().run();
  }

  /** Runs the date; returns the final manifest, or throws a GridLensException (recorded in it). */
  public RunManifest run() {
    Path lockPath = new Path(warehouse.file("_runs/lock"));
    FileSystem fs;
    try {
      fs = warehouse.fs(lockPath);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (RunLock lock = RunLock.acquire(fs, lockPath, date.toString(), Duration.ofHours(conf.lockMaxAgeHours()), clock.instant())) {
      LOG.info("nightly {}: lock taken ({})", date, lock.owner());
      return runLocked(fs);
    }
  }

  private RunManifest runLocked(FileSystem fs) {
    PublishedOutputs outputs = new PublishedOutputs(warehouse, date);
    outputs.clearLeftovers();
    RunManifest previous = load(date);
    StepName start = firstStageToRun(previous, outputs);
    if (start == null) {
      LOG.info("nightly {}: already complete (manifest {}); nothing to do (use --force to run it again)",
          date, RunManifest.path(warehouse, date));
      return previous;
    }
    RunManifest m = previous == null || (options.force() && start == StepName.INGEST) ? new RunManifest() : previous;
    m.dropFrom(start);
    m.runDate = date.toString();
    m.status = Status.running;
    m.attempt = previous == null ? 1 : previous.attempt + 1;
    m.resumedFrom = previous != null && start != StepName.INGEST ? start.id() : null;
    m.configHash = ctx.config().hash();
    m.codeVersion = options.codeVersion();
    m.sparkApplicationId = ctx.spark().sparkContext().applicationId();
    m.sparkMaster = ctx.spark().sparkContext().master();
    m.host = RunLock.thisHost();
    m.pid = ProcessHandle.current().pid();
    m.startedAt = now();
    m.endedAt = null;
    m.error = null;
    m.retention = null;
    write(m);
    LOG.info("nightly {}: attempt {}, running from stage {} (application {})", date, m.attempt, start.id(), m.sparkApplicationId);

    Map<String, Long> previousRows = previousGoodRun().map(RunManifest::datasetRows).orElse(null);
    Warehouse staged = prepareExportStaging(fs, options.force() && start == StepName.INGEST);
    RunContext stagedCtx = new RunContext(ctx.spark(), ctx.config(), date, staged);
    try (ResourceMonitor monitor = ResourceMonitor.start(ctx.spark().sparkContext())) {
      runStages(start, m, stagedCtx, outputs, previousRows, monitor);
      publishExports(fs);
    } catch (GridLensException e) {
      m.status = Status.failed;
      m.error = e.getMessage();
      m.endedAt = now();
      write(m);
      throw e;
    } catch (RuntimeException e) {
      m.status = Status.failed;
      m.error = String.valueOf(e);
      m.endedAt = now();
      write(m);
      throw e;
    }
    m.status = Status.succeeded;
    m.endedAt = now();
    write(m);
    List<LocalDate> purged = new RetentionPolicy(warehouse, conf.retentionDays()).apply(date, lastGoodRun());
    if (!purged.isEmpty()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("retention_days", conf.retentionDays());
      r.put("deleted_run_dates", purged.stream().map(LocalDate::toString).collect(Collectors.toList()));
      m.retention = r;
      write(m);
    }
    LOG.info("nightly {}: succeeded; manifest {}", date, RunManifest.path(warehouse, date));
    return m;
  }

  /** Null when the date is complete and verified (and nothing is forced). */
  StepName firstStageToRun(RunManifest previous, PublishedOutputs outputs) {
    if (options.force() || previous == null) {
      return options.from() != null ? options.from() : StepName.INGEST;
    }
    if (options.from() != null) {
      return options.from();
    }
    String hash = ctx.config().hash();
    if (!hash.equals(previous.configHash)) {
      if (previous.status == Status.succeeded) {
        LOG.warn("nightly {}: the configuration changed since the completed run (hash {} -> {}); "
            + "keeping it (use --force to run the date again with the new configuration)", date, previous.configHash, hash);
        return null;
      }
      LOG.warn("nightly {}: the configuration changed since the failed run (hash {} -> {}); starting again from the first stage",
          date, previous.configHash, hash);
      return StepName.INGEST;
    }
    for (StepName n : StepName.values()) {
      Optional<StageRecord> rec = previous.stage(n);
      if (rec.isEmpty() || rec.get().status() != Status.succeeded) {
        return n;
      }
      Map<String, DatasetFingerprint> outs = rec.get().outputs();
      if (outs != null) {
        for (Map.Entry<String, DatasetFingerprint> e : outs.entrySet()) {
          Optional<String> problem = outputs.verify(e.getKey(), e.getValue(), conf.verifyContent());
          if (problem.isPresent()) {
            LOG.warn("nightly {}: completed stage {} has a damaged output ({}); running it again", date, n.id(), problem.get());
            return n;
          }
        }
      }
    }
    if (previous.status != Status.succeeded) {
      // every stage completed but the exports were not published (killed between the two)
      return StepName.TARGETS;
    }
    return null;
  }

  /**
   * Runs the stages from {@code start} on, each as soon as the stages it reads have succeeded, at
   * most {@code run.parallel_stages} at once, started in {@link StepName} order. After a failure
   * no further stage starts; the ones running finish (their records and outputs stay valid for a
   * resume) and the first failure is thrown.
   */
  private void runStages(StepName start, RunManifest m, RunContext stagedCtx, PublishedOutputs outputs,
      Map<String, Long> previousRows, ResourceMonitor monitor) {
    List<StepName> pending = new ArrayList<>();
    Set<StepName> done = EnumSet.noneOf(StepName.class);
    for (StepName n : StepName.values()) {
      (n.ordinal() >= start.ordinal() ? pending : done).add(n);
    }
    int slots = conf.parallelStages();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(slots, r -> new Thread(r, "gridlens-stage-" + threads.incrementAndGet()));
    CompletionService<StepName> finished = new ExecutorCompletionService<>(pool);
    RuntimeException failure = null;
    int running = 0;
    try {
      while (true) {
        for (Iterator<StepName> it = pending.iterator(); failure == null && running < slots && it.hasNext(); ) {
          StepName n = it.next();
          if (done.containsAll(n.reads())) {
            it.remove();
            finished.submit(() -> {
              runStage(n, m, stagedCtx, outputs, previousRows, monitor);
              return n;
            });
            running++;
          }
        }
        if (running == 0) {
          break;
        }
        Future<StepName> f = finished.take();
        running--;
        try {
          done.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
              : new GridLensException(GridLensException.Kind.STAGE_FAILED, String.valueOf(e.getCause()), e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GridLensException.stageFailed("interrupted while stages were running");
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void runStage(StepName n, RunManifest m, RunContext stagedCtx, PublishedOutputs outputs,
      Map<String, Long> previousRows, ResourceMonitor monitor) {
    Instant t0 = clock.instant();
    StageRecord rec = StageRecord.running(n, now(), ctx.config().hash(), m.sparkApplicationId);
    record(m, rec);
    LOG.info("nightly {}: stage {} start", date, n.id());
    monitor.begin(n.id());
    long nanos = System.nanoTime();
    Set<String> published = ConcurrentHashMap.newKeySet();
    RunContext stageCtx = new RunContext(stagedCtx.spark(), stagedCtx.config(), date,
        stagedCtx.warehouse().reportingTo(published::add));
    StepResult r;
    try {
      r = steps.apply(n).run(stageCtx);
    } catch (GridLensException e) {
      record(m, rec.finish(Status.failed, now(), secs(nanos), null, monitor.end(n.id()), null, null, e.getMessage()));
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.error("nightly {}: stage {} failed unexpectedly", date, n.id(), e);
      record(m, rec.finish(Status.failed, now(), secs(nanos), null, monitor.end(n.id()), null, null, String.valueOf(e)));
      throw new GridLensException(GridLensException.Kind.STAGE_FAILED, "stage " + n.id() + " failed: " + e, e);
    }
    Set<String> datasets = new LinkedHashSet<>(r.outputRows().keySet());
    datasets.addAll(new TreeSet<>(published));
    long stageNanos = System.nanoTime() - nanos;
    Map<String, DatasetFingerprint> fps = outputs.fingerprint(datasets, conf.verifyContent());
    LOG.info("nightly {}: stage {} ran {} s; fingerprints of {} dataset(s) took {} s", date, n.id(),
        String.format(java.util.Locale.ROOT, "%.1f", stageNanos / 1e9), fps.size(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - nanos - stageNanos) / 1e9));

    List<GateResult> gates;
    try {
      Map<String, Long> rows = new LinkedHashMap<>();
      fps.forEach((k, v) -> rows.put(k, v.rows()));
      gates = new QualityGates(warehouse, date, conf.gates()).after(n, rows, previousRows);
    } catch (RuntimeException e) {
      String msg = "data-quality gates of stage " + n.id() + " could not be checked: " + e.getMessage();
      record(m, rec.finish(Status.failed, now(), secs(nanos), r, monitor.end(n.id()), fps, null, msg));
      throw new GridLensException(GridLensException.Kind.STAGE_FAILED, msg, e);
    }
    List<GateResult> failed = new ArrayList<>();
    for (GateResult g : gates) {
      if (g.passed()) {
        LOG.info("nightly {}: gate {} passed: {}", date, g.name(), g.observed());
      } else {
        LOG.error("nightly {}: gate {} FAILED: {}", date, g.name(), g.message());
        failed.add(g);
      }
    }
    if (!conf.gates().enabled()) {
      LOG.warn("nightly {}: data-quality gates are switched off (run.gates.enabled: false)", date);
    }
    if (!failed.isEmpty()) {
      String msg = "data-quality gate " + failed.stream().map(GateResult::name).collect(Collectors.joining(", "))
          + " failed after stage " + n.id() + ": " + failed.get(0).message() + "; the exports of " + date + " were not published";
      record(m, rec.finish(Status.failed, now(), secs(nanos), r, monitor.end(n.id()), fps, gates, msg));
      throw new GridLensException(GridLensException.Kind.STAGE_FAILED, msg);
    }
    record(m, rec.finish(Status.succeeded, now(), secs(nanos), r, monitor.end(n.id()), fps, gates, null));
    LOG.info("nightly {}: stage {} done in {} s; in {} out {} rejects {}", date, n.id(),
        String.format(java.util.Locale.ROOT, "%.1f", Duration.between(t0, clock.instant()).toMillis() / 1000.0),
        r.inputRows(), r.outputRows(), r.rejects());
  }

  /** A warehouse whose exports root is the hidden staging root, seeded with the published exports. */
  private Warehouse prepareExportStaging(FileSystem fs, boolean fresh) {
    String stagingRoot = warehouse.exportsRoot() + "/" + EXPORT_STAGING;
    Path staging = new Path(stagingRoot + "/" + date);
    Path published = new Path(warehouse.exportsRoot() + "/" + date);
    try {
      if (fresh) {
        fs.delete(staging, true);
      }
      if (!fs.exists(staging) && fs.exists(published) && !fresh) {
        // a resumed or partial run re-creates only some exports: start from what is published
        FileUtil.copy(fs, published, fs, staging, false, fs.getConf());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare export staging " + staging, e);
    }
    return new Warehouse(ctx.spark(), warehouse.root(), stagingRoot);
  }

  private void publishExports(FileSystem fs) {
    Path staging = new Path(warehouse.exportsRoot() + "/" + EXPORT_STAGING + "/" + date);
    Path published = new Path(warehouse.exportsRoot() + "/" + date);
    try {
      if (!fs.exists(staging)) {
        return;
      }
      Path trash = null;
      if (fs.exists(published)) {
        trash = new Path(warehouse.exportsRoot() + "/" + EXPORT_STAGING + "/.trash-" + date + "-" + UUID.randomUUID());
        if (!fs.rename(published, trash)) {
          throw new IOException("cannot move " + published + " aside");
        }
      }
      if (!fs.rename(staging, published)) {
        throw new IOException("cannot move " + staging + " to " + published);
      }
      if (trash != null) {
        fs.delete(trash, true);
      }
      Path root = staging.getParent();
      FileStatus[] left = fs.listStatus(root);
      if (left.length == 0) {
        fs.delete(root, false);
      }
      LOG.info("nightly {}: exports published at {}", date, published);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish exports " + published, e);
    }
  }

  private RunManifest load(LocalDate d) {
    String file = RunManifest.path(warehouse, d);
    String text = warehouse.readText(file);
    return text == null ? null : RunManifest.fromJson(text, file);
  }

  /** Writes the manifest (stages running side by side share it: one writer at a time). */
  private void write(RunManifest m) {
    synchronized (m) {
      warehouse.writeText(RunManifest.path(warehouse, date), m.toJson());
    }
  }

  /** Puts a stage's record into the manifest and writes it. */
  private void record(RunManifest m, StageRecord rec) {
    synchronized (m) {
      m.put(rec);
      write(m);
    }
  }

  /** Dates with a manifest, newest first. */
  private List<LocalDate> manifestDates() {
    List<LocalDate> out = new ArrayList<>();
    Path dir = new Path(warehouse.file("_runs"));
    try {
      FileSystem fs = warehouse.fs(dir);
      if (fs.exists(dir)) {
        for (FileStatus st : fs.listStatus(dir)) {
          String n = st.getPath().getName();
          if (n.endsWith(".json") && !n.startsWith(".")) {
            try {
              out.add(LocalDate.parse(n.substring(0, n.length() - 5)));
            } catch (java.time.format.DateTimeParseException e) {
              // not a manifest
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort((a, b) -> b.compareTo(a));
    return out;
  }

  private Optional<RunManifest> previousGoodRun() {
    for (LocalDate d : manifestDates()) {
      if (d.isBefore(date)) {
        RunManifest m = load(d);
        if (m != null && m.status == Status.succeeded) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  private LocalDate lastGoodRun() {
    for (LocalDate d : manifestDates()) {
      RunManifest m = load(d);
      if (m != null && m.status == Status.succeeded) {
        return d;
      }
    }
    return date;
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static double secs(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
