package org.gridlens.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;

class ResourceMonitorTest extends SparkTestBase {

  @Test
  void countsTheTasksAndShuffleOfEachStageSeparately() {
    try (ResourceMonitor monitor = ResourceMonitor.start(spark().sparkContext())) {
      monitor.begin();
      long groups = spark().range(0, 20_000, 1, 4).groupBy(col("id").mod(97)).count().count();
      ResourceMonitor.StageResources shuffled = monitor.end();
      assertEquals(97, groups);
      assertTrue(shuffled.tasks() >= 4, "the 4 map tasks at least: " + shuffled);
      assertTrue(shuffled.shuffleWriteBytes() > 0, "a groupBy writes shuffle data: " + shuffled);
      assertEquals(shuffled.shuffleWriteBytes(), shuffled.shuffleReadBytes(), "every shuffled byte is read once");
      assertTrue(shuffled.driverPeakHeapBytes() > 0);

      monitor.begin();
      ResourceMonitor.StageResources idle = monitor.end();
      assertEquals(0, idle.tasks(), "nothing ran since begin: " + idle);
      assertEquals(0, idle.shuffleWriteBytes());

      monitor.begin();
      spark().range(0, 1000, 1, 2).count();
      ResourceMonitor.StageResources narrow = monitor.end();
      assertTrue(narrow.tasks() >= 2, narrow.toString());
      assertTrue(narrow.shuffleWriteBytes() < shuffled.shuffleWriteBytes(), narrow + " vs " + shuffled);
    }
  }
}
