package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gridlens.pipeline.GridLensException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

  private static final Instant T = Instant.parse("2026-11-01T02:30:00Z");
  private static final Duration MAX_AGE = Duration.ofHours(12);

  private static org.apache.hadoop.fs.Path lockIn(Path dir) {
    return new org.apache.hadoop.fs.Path(dir.resolve("_runs/lock").toString());
  }

  private static void writeLock(Path dir, String host, long pid, Instant started) throws Exception {
    Files.createDirectories(dir.resolve("_runs"));
    Files.writeString(dir.resolve("_runs/lock"), "{\"host\":\"" + host + "\",\"pid\":" + pid + ",\"started_at\":\""
        + started + "\",\"run_date\":\"2026-10-31\",\"token\":\"theirs\"}\n");
  }

  @Test
  void theLockHoldsOwnerDetailsAndIsReleasedOnClose(@TempDir Path dir) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    try (RunLock lock = RunLock.acquire(fs, lockIn(dir), "2026-10-31", MAX_AGE, T)) {
      String text = Files.readString(dir.resolve("_runs/lock"));
      assertTrue(text.contains("\"pid\":" + ProcessHandle.current().pid()), text);
      assertTrue(text.contains("\"started_at\":\"2026-11-01T02:30:00Z\""), text);
      assertTrue(text.contains("\"host\":\"" + RunLock.thisHost() + "\""), text);
      GridLensException e = assertThrows(GridLensException.class,
          () -> RunLock.acquire(fs, lockIn(dir), "2026-10-31", MAX_AGE, T.plusSeconds(60)));
      assertEquals(GridLensException.Kind.LOCKED, e.kind());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("_runs/lock")));
  }

  @Test
  void aLockOfAProcessThatIsGoneIsTakenOver(@TempDir Path dir) throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    writeLock(dir, RunLock.thisHost(), p.pid(), T);
    FileSystem fs = FileSystem.getLocal(new Configuration());
    try (RunLock lock = RunLock.acquire(fs, lockIn(dir), "2026-10-31", MAX_AGE, T.plusSeconds(5))) {
      assertEquals(ProcessHandle.current().pid(), lock.owner().pid());
      assertTrue(Files.readString(dir.resolve("_runs/lock")).contains(lock.owner().token()));
    }
    try (var files = Files.list(dir.resolve("_runs"))) {
      assertEquals(0, files.count(), "the stale lock moved aside is deleted");
    }
  }

  @Test
  void aLockOnAnotherHostIsLiveUntilItPassesTheMaximumAge(@TempDir Path dir) throws Exception {
    writeLock(dir, "other-host.example", 1, T);
    FileSystem fs = FileSystem.getLocal(new Configuration());
    assertThrows(GridLensException.class, () -> RunLock.acquire(fs, lockIn(dir), "2026-10-31", MAX_AGE, T.plus(Duration.ofHours(11))));
    try (RunLock lock = RunLock.acquire(fs, lockIn(dir), "2026-10-31", MAX_AGE, T.plus(Duration.ofHours(13)))) {
      assertEquals(RunLock.thisHost(), lock.owner().host());
    }
  }

  @Test
  void aLockTakenOverByAnotherRunIsNotDeletedByTheFormerOwner(@TempDir Path dir) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RunLock old = RunLock.acquire(fs, lockIn(dir), "2026-10-31", MAX_AGE, T);
    writeLock(dir, "other-host.example", 1, T.plus(Duration.ofHours(20)));
    old.close();
    assertTrue(Files.readString(dir.resolve("_runs/lock")).contains("theirs"));
  }
}
