package org.gridlens.pipeline.run;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each stage of a run cost: the Spark task metrics of its jobs (summed over every executor:
 * shuffle bytes written and read, bytes read and written, task time, executor GC) and the driver
 * JVM's memory while it ran (peak heap used, peak heap left after a garbage collection, peak
 * resident set size, GC time). The figures go into the run manifest, so the engineer on call sees
 * which stage grew, and the city-scale benchmark reads them from there.
 *
 * <p>Stages may run side by side on different driver threads ({@code run.parallel_stages}). A
 * stage's thread tags its Spark jobs with the local property {@value #STAGE_PROPERTY} (set by
 * {@link #begin}, inherited by the threads Spark starts for the stage's queries), and each task
 * is counted for the stage whose job it ran; a task of an untagged job counts for the stage
 * running at the time when there is exactly one. {@code end} first drains Spark's listener bus.
 * The driver's memory is shared: while stages overlap, each one's peaks and GC time are those of
 * the whole driver during its own time. Memory is sampled every {@value #SAMPLE_MILLIS} ms; in
 * local mode the driver is the whole application, on a cluster the memory figures are the
 * driver's only.
 */
public final class ResourceMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);
  static final long SAMPLE_MILLIS = 100;
  /** The Spark local property naming the GridLens stage a job belongs to. */
  public static final String STAGE_PROPERTY = "gridlens.stage";

  /** The cost of one stage; byte counts in bytes, times in seconds; null when not measurable. */
  public record StageResources(
      long tasks,
      double taskSeconds,
      double executorGcSeconds,
      long inputBytes,
      long outputBytes,
      long shuffleWriteBytes,
      long shuffleReadBytes,
      long spillBytes,
      long driverPeakHeapBytes,
      Long driverPeakHeapAfterGcBytes,
      Long driverPeakRssBytes,
      double driverGcSeconds) {}

  /** What is measured of one running stage. */
  private static final class Window {
    final AtomicReference<Totals> totals = new AtomicReference<>(Totals.ZERO);
    final AtomicLong peakHeap = new AtomicLong();
    final AtomicLong peakRss = new AtomicLong(-1);
    final AtomicLong peakAfterGc = new AtomicLong(-1);
    final long gcMillisAtBegin;

    Window(long heap, long rss, long gcMillis) {
      peakHeap.set(heap);
      peakRss.set(rss);
      gcMillisAtBegin = gcMillis;
    }
  }

  private final SparkContext sc;
  private final TaskListener listener = new TaskListener();
  private final ScheduledExecutorService sampler;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Map<String, Window> running = new ConcurrentHashMap<>();
  private final NotificationListener gcListener = this::onGc;
  private final java.util.Set<String> heapPools = heapPoolNames();

  private ResourceMonitor(SparkContext sc) {
    this.sc = sc;
    sc.addSparkListener(listener);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(gcListener, null, null);
      }
    }
    sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gridlens-resource-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts watching the application; close it when the run ends. */
  public static ResourceMonitor start(SparkContext sc) {
    return new ResourceMonitor(sc);
  }

  /**
   * Starts a stage on the calling thread: its counters from zero, and the Spark jobs this thread
   * submits from now on tagged as the stage's.
   */
  public void begin(String stage) {
    drainListenerBus();
    sc.setLocalProperty(STAGE_PROPERTY, stage);
    running.put(stage, new Window(memory.getHeapMemoryUsage().getUsed(), rssBytes(), gcMillis()));
  }

  /** Ends the stage begun on the calling thread: what it cost since {@link #begin}. */
  public StageResources end(String stage) {
    drainListenerBus();
    sample();
    sc.setLocalProperty(STAGE_PROPERTY, null);
    Window w = running.remove(stage);
    if (w == null) {
      throw new IllegalStateException("stage " + stage + " was not begun");
    }
    Totals t = w.totals.get();
    long rss = w.peakRss.get();
    long afterGc = w.peakAfterGc.get();
    return new StageResources(
        t.tasks,
        round(t.runMillis / 1000.0),
        round(t.gcMillis / 1000.0),
        t.inputBytes,
        t.outputBytes,
        t.shuffleWriteBytes,
        t.shuffleReadBytes,
        t.spillBytes,
        w.peakHeap.get(),
        afterGc < 0 ? null : afterGc,
        rss < 0 ? null : rss,
        round((gcMillis() - w.gcMillisAtBegin) / 1000.0));
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    sc.removeSparkListener(listener);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(gcListener);
        } catch (javax.management.ListenerNotFoundException e) {
          // already gone
        }
      }
    }
  }

  private void drainListenerBus() {
    try {
      sc.listenerBus().waitUntilEmpty(30_000);
    } catch (TimeoutException | RuntimeException e) {
      LOG.debug("listener bus not drained; the stage's task figures may be incomplete", e);
    }
  }

  private void sample() {
    long heap = memory.getHeapMemoryUsage().getUsed();
    long rss = rssBytes();
    for (Window w : running.values()) {
      w.peakHeap.accumulateAndGet(heap, Math::max);
      if (rss >= 0) {
        w.peakRss.accumulateAndGet(rss, Math::max);
      }
    }
  }

  private void onGc(Notification n, Object handback) {
    if (!"com.sun.management.gc.notification".equals(n.getType())) {
      return;
    }
    var info = com.sun.management.GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    for (Window w : running.values()) {
      w.peakAfterGc.accumulateAndGet(used, Math::max);
    }
  }

  private static java.util.Set<String> heapPoolNames() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        names.add(pool.getName());
      }
    }
    return names;
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  /** VmRSS of this process from /proc (Linux); -1 elsewhere. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  /** The metrics of finished tasks, summed (immutable; replaced on every task end). */
  private record Totals(long tasks, long runMillis, long gcMillis, long inputBytes, long outputBytes,
      long shuffleWriteBytes, long shuffleReadBytes, long spillBytes) {
    static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0);

    Totals plus(TaskMetrics m) {
      return new Totals(tasks + 1,
          runMillis + m.executorRunTime(),
          gcMillis + m.jvmGCTime(),
          inputBytes + m.inputMetrics().bytesRead(),
          outputBytes + m.outputMetrics().bytesWritten(),
          shuffleWriteBytes + m.shuffleWriteMetrics().bytesWritten(),
          shuffleReadBytes + m.shuffleReadMetrics().totalBytesRead(),
          spillBytes + m.diskBytesSpilled());
    }
  }

  /** Adds every finished task to the stage whose job ran it. */
  private final class TaskListener extends SparkListener {

    /** Spark stage id to the GridLens stage that submitted it (a few hundred per run). */
    private final Map<Integer, String> owners = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
      Properties p = submitted.properties();
      String stage = p == null ? null : p.getProperty(STAGE_PROPERTY);
      if (stage != null) {
        owners.put(submitted.stageInfo().stageId(), stage);
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      TaskMetrics m = end.taskMetrics();
      if (m == null) {
        return;
      }
      String stage = owners.get(end.stageId());
      Window w = stage != null ? running.get(stage) : running.size() == 1 ? running.values().iterator().next() : null;
      if (w != null) {
        w.totals.updateAndGet(t -> t.plus(m));
      }
    }
  }
}
