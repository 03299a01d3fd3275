package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RejectedLinesTest {

  @Test
  void theUnionOfTasksKeepsEachLineOnceAndAnswersPerFile() {
    RejectedLinesAccumulator driver = new RejectedLinesAccumulator();
    RejectedLinesAccumulator task1 = (RejectedLinesAccumulator) driver.copyAndReset();
    task1.record("cdr/a.csv", 7);
    task1.record("cdr/a.csv", 3_000_000_000L); // past the int range
    RejectedLinesAccumulator task2 = (RejectedLinesAccumulator) driver.copyAndReset();
    task2.record("cdr/b.csv", 2);
    task2.record("cdr/a.csv", 7);
    driver.merge(task1);
    driver.merge(task2);
    driver.merge(task1); // a task Spark ran twice
    RejectedLines lines = driver.value();

    assertEquals(3, lines.count());
    assertEquals(Set.of("cdr/a.csv", "cdr/b.csv"), lines.files());
    assertTrue(lines.contains("cdr/a.csv", 7));
    assertTrue(lines.contains("cdr/a.csv", 3_000_000_000L));
    assertFalse(lines.contains("cdr/a.csv", 2));
    assertFalse(lines.contains("cdr/c.csv", 7));
    assertEquals(3_000_000_000L, lines.last("cdr/a.csv"));
    assertEquals(0L, lines.last("cdr/c.csv"));
    assertTrue(new RejectedLinesAccumulator().isZero());
    assertFalse(driver.isZero());
  }

  @Test
  void survivesJavaSerialisationAsTaskResultsAndClosuresUseIt() throws IOException, ClassNotFoundException {
    RejectedLinesAccumulator acc = new RejectedLinesAccumulator();
    for (long line = 2; line < 100_000; line += 3) {
      acc.record("vas/part-00001.csv.gz", line);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(acc.value());
    }
    RejectedLines back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (RejectedLines) in.readObject();
    }
    assertEquals(33_333, back.count());
    assertTrue(back.contains("vas/part-00001.csv.gz", 99_998));
    assertFalse(back.contains("vas/part-00001.csv.gz", 99_999));
    assertTrue(bytes.size() < 33_333 * 8 / 4, "compressed: " + bytes.size() + " bytes");
  }
}
