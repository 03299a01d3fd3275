package org.gridlens.pipeline.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IOUtils;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes Parquet footers byte-for-byte reproducible across JVMs.
 *
 * <p>parquet-java (1.16, the version Spark 4.1 ships) writes each column chunk's list of encodings
 * in the iteration order of a {@code HashSet} of enum constants, whose hash codes are identity
 * hashes: the same rows written by two processes give footers that differ only in the order of
 * that list (apache/parquet-java#3215, fix not released). GridLens promises identical bytes for a
 * re-run, so the warehouse rewrites such a footer with the list sorted by the encoding's number.
 * Only the footer changes; the pages and every offset stay as they were, and the list has the
 * same members, so the footer keeps its length.
 *
 * <p>A footer is rewritten only when thrift re-serialises the unmodified footer to the very same
 * bytes (so nothing the reader version does not know is lost) and some list was out of order;
 * encrypted footers ({@code PARE}) are left alone.
 */
public final class ParquetFooters {

  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final int TAIL = 8; // footer length (int32 LE) + magic

  private ParquetFooters() {}

  /** What {@link #canonicalise} did to one file. */
  public enum Outcome {
    ALREADY_CANONICAL,
    REWRITTEN,
    /** Not plain Parquet, or a footer this reader cannot round-trip: left as written. */
    SKIPPED
  }

  /** Sorts the encoding lists of the file's footer in place (through a rewrite beside it). */
  public static Outcome canonicalise(FileSystem fs, Path file) throws IOException {
    long length = fs.getFileStatus(file).getLen();
    byte[] footer = footer(fs, file, length);
    if (footer == null) {
      return Outcome.SKIPPED;
    }
    byte[] sorted = canonicalFooter(footer);
    if (sorted == null) {
      return Outcome.SKIPPED;
    }
    if (Arrays.equals(sorted, footer)) {
      return Outcome.ALREADY_CANONICAL;
    }
    rewriteFooter(fs, file, length - TAIL - footer.length, sorted);
    return Outcome.REWRITTEN;
  }

  /**
   * The number of rows of a Parquet file, from its footer: no page is read. A file that is not
   * plain Parquet (too short, no {@code PAR1} at its end, an unreadable footer) is an error
   * naming it.
   */
  public static long rowCount(FileSystem fs, Path file) throws IOException {
    byte[] footer = footer(fs, file, fs.getFileStatus(file).getLen());
    if (footer == null) {
      throw new IOException(file + " is not a Parquet file (no footer ending in PAR1)");
    }
    FileMetaData meta = metadata(footer);
    if (meta == null) {
      throw new IOException(file + " has a Parquet footer that cannot be read");
    }
    return meta.getNum_rows();
  }

  /** The footer key under which Spark keeps the schema it wrote a file with, as JSON. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * The schema Spark wrote the file with (the JSON of a {@code StructType} in the footer's
   * key-value metadata, what Spark's own schema inference reads), or null when the file is not
   * Parquet or was not written by Spark.
   */
  public static String sparkSchemaJson(FileSystem fs, Path file) throws IOException {
    byte[] footer = footer(fs, file, fs.getFileStatus(file).getLen());
    FileMetaData meta = footer == null ? null : metadata(footer);
    if (meta == null) {
      return null;
    }
    for (KeyValue kv : nullToEmpty(meta.getKey_value_metadata())) {
      if (SPARK_SCHEMA_KEY.equals(kv.getKey())) {
        return kv.getValue();
      }
    }
    return null;
  }

  /** A footer's thrift bytes parsed, or null when they cannot be. */
  private static FileMetaData metadata(byte[] footer) {
    try {
      return Util.readFileMetaData(new ByteArrayInputStream(footer));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The thrift bytes of the file's footer, or null when the file does not end as Parquet does. */
  private static byte[] footer(FileSystem fs, Path file, long length) throws IOException {
    if (length < MAGIC.length + TAIL) {
      return null;
    }
    byte[] tail = new byte[TAIL];
    try (FSDataInputStream in = fs.open(file)) {
      in.readFully(length - TAIL, tail);
      if (!Arrays.equals(Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
        return null;
      }
      int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      long footerStart = length - TAIL - footerLength;
      if (footerLength <= 0 || footerStart < MAGIC.length) {
        return null;
      }
      byte[] footer = new byte[footerLength];
      in.readFully(footerStart, footer);
      return footer;
    }
  }

  /**
   * The footer with every column chunk's encodings sorted; the input itself when already sorted;
   * null when thrift cannot reproduce the footer exactly (then it must not be touched).
   */
  static byte[] canonicalFooter(byte[] footer) throws IOException {
    FileMetaData meta = metadata(footer);
    if (meta == null || !Arrays.equals(serialise(meta), footer)) {
      return null;
    }
    boolean changed = false;
    Comparator<Encoding> byNumber = Comparator.comparingInt(Encoding::getValue);
    for (RowGroup group : nullToEmpty(meta.getRow_groups())) {
      for (ColumnChunk chunk : nullToEmpty(group.getColumns())) {
        if (chunk.getMeta_data() == null || chunk.getMeta_data().getEncodings() == null) {
          continue;
        }
        List<Encoding> encodings = chunk.getMeta_data().getEncodings();
        List<Encoding> ordered = new ArrayList<>(encodings);
        ordered.sort(byNumber);
        if (!ordered.equals(encodings)) {
          chunk.getMeta_data().setEncodings(ordered);
          changed = true;
        }
      }
    }
    if (!changed) {
      return footer;
    }
    byte[] out = serialise(meta);
    return out.length == footer.length ? out : null;
  }

  private static byte[] serialise(FileMetaData meta) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, out);
    return out.toByteArray();
  }

  private static void rewriteFooter(FileSystem fs, Path file, long footerStart, byte[] footer)
      throws IOException {
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".footer.tmp");
    try (InputStream in = fs.open(file);
        OutputStream out = fs.create(tmp, true)) {
      IOUtils.copyBytes(in, out, footerStart, false);
      out.write(footer);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
      out.write(MAGIC);
    }
    if (!fs.delete(file, false) || !fs.rename(tmp, file)) {
      throw new IOException("cannot replace " + file + " with its canonical footer " + tmp);
    }
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
