package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;

class ResourceMonitorTest extends SparkTestBase {

  @Test
  void countsTheTasksAndShuffleOfEachStageSeparately() {
    try (ResourceMonitor monitor = ResourceMonitor.start(spark().sparkContext())) {
      monitor.begin("stage");
      long groups = spark().range(0, 20_000, 1, 4).groupBy(col("id").mod(97)).count().count();
      ResourceMonitor.StageResources shuffled = monitor.end("stage");
      assertEquals(97, groups);
      assertTrue(shuffled.tasks() >= 4, "the 4 map tasks at least: " + shuffled);
      assertTrue(shuffled.shuffleWriteBytes() > 0, "a groupBy writes shuffle data: " + shuffled);
      assertEquals(shuffled.shuffleWriteBytes(), shuffled.shuffleReadBytes(), "every shuffled byte is read once");
      assertTrue(shuffled.driverPeakHeapBytes() > 0);

      monitor.begin("stage");
      ResourceMonitor.StageResources idle = monitor.end("stage");
      assertEquals(0, idle.tasks(), "nothing ran since begin: " + idle);
      assertEquals(0, idle.shuffleWriteBytes());

      monitor.begin("stage");
      spark().range(0, 1000, 1, 2).count();
      ResourceMonitor.StageResources narrow = monitor.end("stage");
      assertTrue(narrow.tasks() >= 2, narrow.toString());
      assertTrue(narrow.shuffleWriteBytes() < shuffled.shuffleWriteBytes(), narrow + " vs " + shuffled);
    }
  }

  @Test
  void creditsEachOfTwoStagesRunningSideBySideWithItsOwnTasks() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (ResourceMonitor monitor = ResourceMonitor.start(spark().sparkContext())) {
      CountDownLatch bothBegun = new CountDownLatch(2);
      CountDownLatch bothRan = new CountDownLatch(2);
      Callable<ResourceMonitor.StageResources> a = stage(monitor, "a", bothBegun, bothRan,
          () -> jsc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 4).count());
      Callable<ResourceMonitor.StageResources> b = stage(monitor, "b", bothBegun, bothRan,
          () -> jsc.parallelize(List.of(1, 2, 3), 3).count());
      Future<ResourceMonitor.StageResources> fa = threads.submit(a);
      Future<ResourceMonitor.StageResources> fb = threads.submit(b);
      assertEquals(4, fa.get(60, TimeUnit.SECONDS).tasks(), "stage a ran one job of 4 tasks");
      assertEquals(3, fb.get(60, TimeUnit.SECONDS).tasks(), "stage b ran one job of 3 tasks");
    } finally {
      threads.shutdownNow();
    }
  }

  /** A stage on its own thread: begins, waits for the other to begin, runs its job, waits, ends. */
  private static Callable<ResourceMonitor.StageResources> stage(ResourceMonitor monitor, String name,
      CountDownLatch bothBegun, CountDownLatch bothRan, Runnable job) {
    return () -> {
      monitor.begin(name);
      bothBegun.countDown();
      assertTrue(bothBegun.await(60, TimeUnit.SECONDS));
      job.run();
      bothRan.countDown();
      assertTrue(bothRan.await(60, TimeUnit.SECONDS));
      return monitor.end(name);
    };
  }
}
