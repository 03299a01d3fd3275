package org.gridlens.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.gridlens.pipeline.GridLensException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse lock {@code <warehouse>/_runs/lock}: at most one {@code nightly} writes a warehouse
 * at a time. The file is created atomically (Hadoop {@code create(path, false)}; on the local file
 * system {@code O_CREAT|O_EXCL}, because Hadoop's local create checks and creates in two steps) and
 * holds the owner's host, pid and start time. A lock is stale when its process is gone (same host,
 * pid no longer alive) or it is older than the configured maximum age; a stale lock is moved aside
 * with an atomic rename (so of two runs taking it over, one wins) and replaced.
 */
public final class RunLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who holds a lock, as written in the file. */
  public record Owner(String host, long pid, Instant startedAt, String runDate, String token) {

    String toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("host", host).put("pid", pid).put("started_at", startedAt.toString()).put("run_date", runDate)
          .put("token", token);
      return n.toString() + "\n";
    }

    static Owner parse(String text) {
      try {
        JsonNode n = JSON.readTree(text);
        return new Owner(
            n.path("host").asText(""), n.path("pid").asLong(-1), Instant.parse(n.path("started_at").asText()),
            n.path("run_date").asText(""), n.path("token").asText(""));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return "run of " + runDate + " on host " + host + " pid " + pid + " since " + startedAt;
    }
  }

  private final FileSystem fs;
  private final Path path;
  private final Owner owner;
  private boolean held = true;

  private RunLock(FileSystem fs, Path path, Owner owner) {
    this.fs = fs;
    this.path = path;
    this.owner = owner;
  }

  public Owner owner() {
    return owner;
  }

  /**
   * Takes the lock or throws LOCKED naming the holder. {@code now} is passed in so the age rule
   * is testable; the caller gives the wall clock (a lock's age is about real time, not run dates).
   */
  public static RunLock acquire(FileSystem fs, Path path, String runDate, Duration maxAge, Instant now) {
    Owner me = new Owner(thisHost(), ProcessHandle.current().pid(), now, runDate, UUID.randomUUID().toString());
    try {
      fs.mkdirs(path.getParent());
      if (tryCreate(fs, path, me)) {
        return new RunLock(fs, path, me);
      }
      String text = read(fs, path);
      Owner holder = text == null ? null : Owner.parse(text);
      Optional<String> stale = staleness(holder, text, maxAge, now, fs, path);
      if (stale.isEmpty()) {
        throw new GridLensException(
            GridLensException.Kind.LOCKED,
            "warehouse is locked by " + holder + " (" + path + "); wait for it, or if that run is gone delete the lock file");
      }
      LOG.warn("taking over a stale lock ({}): {}", stale.get(), holder == null ? "unreadable lock file" : holder);
      Path aside = new Path(path.getParent(), "." + path.getName() + ".stale-" + me.token());
      if (!fs.rename(path, aside)) {
        throw new GridLensException(GridLensException.Kind.LOCKED, "another run took over the stale lock " + path + " first");
      }
      String moved = read(fs, aside);
      if (text != null && !text.equals(moved)) {
        // we moved a lock that a competing run had just created: give it back and step aside
        fs.rename(aside, path);
        throw new GridLensException(GridLensException.Kind.LOCKED, "another run took over the stale lock " + path + " first");
      }
      fs.delete(aside, false);
      if (tryCreate(fs, path, me)) {
        return new RunLock(fs, path, me);
      }
      throw new GridLensException(
          GridLensException.Kind.LOCKED, "another run took over the stale lock " + path + " first: " + Owner.parse(read(fs, path)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the warehouse lock " + path, e);
    }
  }

  /** Why the holder's lock is stale, or empty when it is live. */
  static Optional<String> staleness(Owner holder, String text, Duration maxAge, Instant now, FileSystem fs, Path path)
      throws IOException {
    if (holder == null) {
      // unreadable: a writer died between create and write; judge by the file's age
      long mtime = fs.getFileStatus(path).getModificationTime();
      if (text != null && Duration.between(Instant.ofEpochMilli(mtime), now).compareTo(Duration.ofMinutes(1)) < 0) {
        return Optional.empty();
      }
      return Optional.of("unreadable lock file");
    }
    if (holder.host().equals(thisHost()) && ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false) == false) {
      return Optional.of("process " + holder.pid() + " on this host is gone");
    }
    if (Duration.between(holder.startedAt(), now).compareTo(maxAge) > 0) {
      return Optional.of("older than the maximum age " + maxAge.toHours() + " h");
    }
    return Optional.empty();
  }

  /** Releases the lock if it is still ours (a lock taken over as stale is left to its new owner). */
  @Override
  public void close() {
    if (!held) {
      return;
    }
    held = false;
    try {
      String text = read(fs, path);
      Owner now = text == null ? null : Owner.parse(text);
      if (now != null && owner.token().equals(now.token())) {
        fs.delete(path, false);
      } else {
        LOG.warn("lock {} is no longer ours ({}); leaving it", path, now);
      }
    } catch (IOException e) {
      LOG.warn("cannot release lock {}: {}", path, e.toString());
    }
  }

  private static boolean tryCreate(FileSystem fs, Path path, Owner me) throws IOException {
    byte[] bytes = me.toJson().getBytes(StandardCharsets.UTF_8);
    if (fs instanceof LocalFileSystem local) {
      java.nio.file.Path file = local.pathToFile(path).toPath();
      try {
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  private static String read(FileSystem fs, Path path) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      java.nio.file.Path file = local.pathToFile(path).toPath();
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      }
    }
    if (!fs.exists(path)) {
      return null;
    }
    try (var in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  static String thisHost() {
    String env = System.getenv("HOSTNAME");
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return env == null ? "unknown" : env;
    }
  }
}
