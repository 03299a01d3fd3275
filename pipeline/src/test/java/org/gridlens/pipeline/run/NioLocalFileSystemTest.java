package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {

  @Test
  void permissionBitsMapToTheirPosixNames() {
    assertEquals("rw-r--r--", PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0644))));
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0751))));
    assertEquals("---------", PosixFilePermissions.toString(NioLocalFileSystem.posix(new FsPermission((short) 0))));
  }

  @Test
  void filesAndFoldersGetThePermissionsHadoopAsksForWithTheirChecksums(@TempDir java.nio.file.Path dir) throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    FileSystem fs = FileSystem.get(dir.toUri(), conf);
    assertInstanceOf(NioLocalFileSystem.class, fs);

    Path folder = new Path(dir.toUri().toString(), "a/b");
    assertTrue(fs.mkdirs(folder, new FsPermission((short) 0750)));
    Path file = new Path(folder, "part-0.parquet");
    try (OutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write(new byte[] {1, 2, 3});
    }

    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))));
    assertTrue(Files.exists(dir.resolve("a/b/.part-0.parquet.crc")), "still a checksummed file system");
    try (var in = fs.open(file)) {
      assertEquals(3, in.readAllBytes().length);
    }
  }
}
