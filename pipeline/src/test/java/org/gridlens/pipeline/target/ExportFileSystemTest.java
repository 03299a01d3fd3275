package org.gridlens.pipeline.target;

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
}
