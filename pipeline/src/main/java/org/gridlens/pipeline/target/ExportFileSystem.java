package org.gridlens.pipeline.target;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Atomic writes of small export files through Hadoop's FileSystem (local, HDFS, S3A alike), usable
 * on executors: it carries the driver's Hadoop settings as plain strings. Files are written to a
 * hidden temporary file beside the target and renamed over it, so a reader sees the old file or
 * the new one, never a half-written one. Checksum side files ({@code .x.crc}) are not written:
 * the folder is for people.
 */
final class ExportFileSystem implements Serializable {

  private static final long serialVersionUID = 1L;

  private final HashMap<String, String> settings;

  ExportFileSystem(Configuration hadoop) {
    this.settings = new HashMap<>();
    for (Map.Entry<String, String> e : hadoop) {
      settings.put(e.getKey(), e.getValue());
    }
  }

  private FileSystem open(Path p) throws IOException {
    Configuration c = new Configuration(false);
    settings.forEach(c::set);
    URI uri = p.toUri();
    FileSystem fs = FileSystem.newInstance(uri.getScheme() == null ? FileSystem.getDefaultUri(c) : uri, c);
    fs.setWriteChecksum(false);
    return fs;
  }

  /** Writes {@code bytes} to {@code file} atomically, creating parent folders. */
  void write(String file, byte[] bytes) {
    Path target = new Path(file);
    try (FileSystem fs = open(target)) {
      fs.mkdirs(target.getParent());
      Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
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

  /**
   * Deletes {@code <dir>/<child>/<fileName>} for every child folder not in {@code keep}, and the
   * child folder when nothing else is left in it. Returns how many files were removed.
   */
  int removeStale(String dir, java.util.Set<String> keep, String fileName) {
    Path base = new Path(dir);
    int removed = 0;
    try (FileSystem fs = open(base)) {
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
