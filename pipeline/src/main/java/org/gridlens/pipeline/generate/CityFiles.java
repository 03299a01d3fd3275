package org.gridlens.pipeline.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of a generated city, through the Hadoop FileSystem API so tasks on any
 * executor can write their own files to HDFS, S3 or a local disk. No checksum side files.
 */
final class CityFiles implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String root;

  CityFiles(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  String root() {
    return root;
  }

  Path path(String relative) {
    return new Path(root + "/" + relative);
  }

  private FileSystem fs() throws IOException {
    FileSystem fs = FileSystem.get(URI.create(root), new Configuration());
    fs.setWriteChecksum(false);
    return fs;
  }

  /** Creates (or replaces) a file, with its parent folders. */
  OutputStream create(String relative) {
    try {
      return fs().create(path(relative), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path(relative), e);
    }
  }

  InputStream open(String relative) {
    try {
      return fs().open(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path(relative), e);
    }
  }

  void delete(String relative) {
    try {
      fs().delete(path(relative), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path(relative), e);
    }
  }
}
