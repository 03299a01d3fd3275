package org.gridlens.pipeline.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFileSystemTest {

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aLocalFileIsWrittenWithItsFoldersAndReplacedLeavingNoTemporaryOrChecksumFile(@TempDir Path dir)
      throws IOException {
    ExportFileSystem fs = new ExportFileSystem(new Configuration());
    for (String root : List.of(dir.toString(), dir.toUri().toString())) { // a plain path and a file: URI
      String file = root.replaceAll("/$", "") + "/G001-01/targets.csv";
      fs.write(file, "first".getBytes(StandardCharsets.UTF_8));
      fs.write(file, "second, longer".getBytes(StandardCharsets.UTF_8));

      assertEquals("second, longer", Files.readString(dir.resolve("G001-01/targets.csv")));
      assertEquals(List.of("G001-01/targets.csv"), tree(dir));
    }
  }

  @Test
  void aChecksumFileLeftBesideTheTargetIsRemovedSoHadoopCanStillReadIt(@TempDir Path dir) throws IOException {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.toUri().toString(), "grid_scores.csv");
    org.apache.hadoop.fs.FileSystem checksummed = org.apache.hadoop.fs.FileSystem.getLocal(conf);
    try (var out = checksummed.create(file, true)) { // as an older version wrote it: with .grid_scores.csv.crc
      out.write("old".getBytes(StandardCharsets.UTF_8));
    }
    new ExportFileSystem(conf).write(file.toString(), "new, longer".getBytes(StandardCharsets.UTF_8));

    assertEquals(List.of("grid_scores.csv"), tree(dir));
    try (var in = checksummed.open(file)) {
      assertEquals("new, longer", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
