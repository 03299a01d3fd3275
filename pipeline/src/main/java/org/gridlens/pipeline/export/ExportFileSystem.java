package org.gridlens.pipeline.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Atomic writes of small export files through Hadoop's FileSystem (local, HDFS, S3A alike), usable
 * on executors: it carries the driver's Hadoop settings as plain strings. Files are written to a
 * hidden temporary file beside the target and renamed over it, so a reader sees the old file or
 * the new one, never a half-written one. Checksum side files ({@code .x.crc}) are not written:
 * the folder is for people.
 */
public final class ExportFileSystem implements Serializable {

  private static final long serialVersionUID = 1L;

  private final HashMap<String, String> settings;

  public ExportFileSystem(Configuration hadoop) {
    this.settings = new HashMap<>();
    for (Map.Entry<String, String> e : hadoop) {
      settings.put(e.getKey(), e.getValue());
    }
  }

  private transient Configuration conf;

  /**
   * Hadoop's shared (cached) file system for the path, never closed here. For local paths the raw
   * file system under the checksum layer, so no {@code .crc} side files land in the folder.
   */
  private FileSystem open(Path p) throws IOException {
    if (conf == null) {
      Configuration c = new Configuration(false);
      settings.forEach(c::set);
      conf = c;
    }
    URI uri = p.toUri();
    FileSystem fs = FileSystem.get(uri.getScheme() == null ? FileSystem.getDefaultUri(conf) : uri, conf);
    return fs instanceof ChecksumFileSystem cfs ? cfs.getRawFileSystem() : fs;
  }

  /** Writes {@code bytes} to {@code file} atomically, creating parent folders. */
  public void write(String file, byte[] bytes) {
    Path target = new Path(file);
    try {
      FileSystem fs = open(target);
      if (fs instanceof RawLocalFileSystem local) {
        writeLocal(local.pathToFile(target).toPath(), bytes);
        return;
      }
      fs.mkdirs(target.getParent());
      Path tmp = new Path(target.getParent(), temporaryName(target.getName()));
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(bytes);
      }
      // POSIX rename replaces the target in one step; HDFS and object stores refuse to, so there
      // the old file is removed first (a reader may then briefly find no file, never half of one).
      if (!fs.rename(tmp, target)) {
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
          fs.delete(tmp, false);
          throw new IOException("rename " + tmp + " -> " + target + " failed");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The hidden temporary file a write goes to before it is renamed over {@code fileName}. */
  private static String temporaryName(String fileName) {
    return "." + fileName + "." + UUID.randomUUID() + ".tmp";
  }

  /**
   * A local file through java.nio: Hadoop's local file system, without its native library (the
   * usual case), sets the permission of every file it creates by running {@code chmod} in a child
   * process, about 5 ms a file, which made the 2,000-odd grid files of a 1M city take 20 s of task
   * time (docs/benchmarks.md). Same steps: a hidden temporary file beside the target, renamed
   * over it in one step (POSIX rename). A checksum side file Hadoop left beside the target (an
   * older version wrote exports through its checksummed layer) is removed, as it no longer
   * matches: reading the file through that layer, as the nightly run's export staging does,
   * would fail on it.
   */
  private static void writeLocal(java.nio.file.Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
    java.nio.file.Path tmp = target.resolveSibling(temporaryName(target.getFileName().toString()));
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Deletes {@code <dir>/<child>/<fileName>} for every child folder not in {@code keep}, and the
   * child folder when nothing else is left in it. Returns how many files were removed.
   */
  public int removeStale(String dir, java.util.Set<String> keep, String fileName) {
    Path base = new Path(dir);
    int removed = 0;
    try {
      FileSystem fs = open(base);
      if (!fs.exists(base)) {
        return 0;
      }
      for (var st : fs.listStatus(base)) {
        String child = st.getPath().getName();
        if (!st.isDirectory() || keep.contains(child) || child.startsWith(".") || child.startsWith("_")) {
          continue;
        }
        Path f = new Path(st.getPath(), fileName);
        if (fs.exists(f)) {
          fs.delete(f, false);
          removed++;
          if (fs.listStatus(st.getPath()).length == 0) {
            fs.delete(st.getPath(), false);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir, e);
    }
    return removed;
  }
}
