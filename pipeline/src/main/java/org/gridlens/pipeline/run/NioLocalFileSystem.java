package org.gridlens.pipeline.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}), with file permissions set through java.nio. Without
 * Hadoop's native library (the usual case: GridLens ships none) the stock one sets the permission
 * of every file and folder it creates by running {@code chmod} in a child process, about 5 ms
 * each: every Parquet part file, its checksum file and every {@code _SUCCESS} of every dataset.
 * Everything else is Hadoop's: checksums, listing, renames. Used by the embedded (local-mode)
 * session only ({@link SparkSessions}), where this class is on the JVM's own class path; under
 * spark-submit the cluster's file systems are left as configured.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

  public NioLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-free) layer, whose permission setting is the only change. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }
  }

  /** The nine rwx bits of a Hadoop permission (sticky and other special bits have no POSIX-nio form). */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    return PosixFilePermissions.fromString(
        permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL + permission.getOtherAction().SYMBOL);
  }
}
