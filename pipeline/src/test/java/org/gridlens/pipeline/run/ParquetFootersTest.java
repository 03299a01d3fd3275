package org.gridlens.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFootersTest {

  @TempDir java.nio.file.Path dir;

  private final FileSystem fs = localFs();

  @Test
  void sortsTheEncodingListsAndKeepsEveryOtherByte() throws Exception {
    byte[] pages = pages();
    java.nio.file.Path file = write("a.parquet", pages,
        footer(List.of(Encoding.RLE, Encoding.PLAIN, Encoding.BIT_PACKED),
            List.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN)));
    long before = Files.size(file);

    assertEquals(ParquetFooters.Outcome.REWRITTEN, ParquetFooters.canonicalise(fs, hadoop(file)));

    byte[] bytes = Files.readAllBytes(file);
    assertEquals(before, bytes.length, "the footer keeps its length");
    assertArrayEquals(pages, Arrays.copyOfRange(bytes, 0, pages.length), "pages untouched");
    FileMetaData meta = readFooter(bytes);
    assertEquals(List.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED),
        meta.getRow_groups().get(0).getColumns().get(0).getMeta_data().getEncodings());
    assertEquals(List.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY),
        meta.getRow_groups().get(0).getColumns().get(1).getMeta_data().getEncodings());
    assertEquals(42, meta.getNum_rows());
    assertEquals(ParquetFooters.Outcome.ALREADY_CANONICAL,
        ParquetFooters.canonicalise(fs, hadoop(file)), "idempotent");
  }

  @Test
  void twoWritersThatDifferOnlyInEncodingOrderEndUpIdentical() throws Exception {
    byte[] pages = pages();
    java.nio.file.Path one = write("one.parquet", pages,
        footer(List.of(Encoding.BIT_PACKED, Encoding.PLAIN, Encoding.RLE), List.of(Encoding.PLAIN)));
    java.nio.file.Path two = write("two.parquet", pages,
        footer(List.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED), List.of(Encoding.PLAIN)));
    ParquetFooters.canonicalise(fs, hadoop(one));
    ParquetFooters.canonicalise(fs, hadoop(two));
    assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
  }

  @Test
  void leavesAnythingItCannotReadAsWritten() throws Exception {
    java.nio.file.Path text = dir.resolve("notes.parquet");
    Files.writeString(text, "not parquet at all, just long enough");
    assertEquals(ParquetFooters.Outcome.SKIPPED, ParquetFooters.canonicalise(fs, hadoop(text)));

    byte[] garbage = new byte[40];
    Arrays.fill(garbage, (byte) 0x7f);
    java.nio.file.Path broken = write("broken.parquet", pages(), garbage);
    byte[] before = Files.readAllBytes(broken);
    assertEquals(ParquetFooters.Outcome.SKIPPED, ParquetFooters.canonicalise(fs, hadoop(broken)));
    assertArrayEquals(before, Files.readAllBytes(broken));
  }

  private static byte[] pages() {
    byte[] pages = new byte[3000];
    System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, pages, 0, 4);
    for (int i = 4; i < pages.length; i++) {
      pages[i] = (byte) (i * 31);
    }
    return pages;
  }

  private static byte[] footer(List<Encoding> first, List<Encoding> second) throws Exception {
    ColumnChunk a = new ColumnChunk(4);
    a.setMeta_data(new ColumnMetaData(Type.INT64, first, List.of("customer_id"),
        CompressionCodec.SNAPPY, 42, 400, 300, 4));
    ColumnChunk b = new ColumnChunk(304);
    b.setMeta_data(new ColumnMetaData(Type.BYTE_ARRAY, second, List.of("grid_id"),
        CompressionCodec.SNAPPY, 42, 500, 200, 304));
    FileMetaData meta = new FileMetaData(1,
        List.of(new SchemaElement("spark_schema"), new SchemaElement("customer_id"),
            new SchemaElement("grid_id")),
        42, List.of(new RowGroup(List.of(a, b), 900, 42)));
    meta.setCreated_by("parquet-mr version 1.16.0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Util.writeFileMetaData(meta, out);
    return out.toByteArray();
  }

  private java.nio.file.Path write(String name, byte[] pages, byte[] footer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(pages);
    out.write(footer);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.length).array());
    out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
    java.nio.file.Path file = dir.resolve(name);
    Files.write(file, out.toByteArray());
    return file;
  }

  private static FileMetaData readFooter(byte[] file) throws Exception {
    int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return Util.readFileMetaData(
        new ByteArrayInputStream(file, file.length - 8 - length, length));
  }

  private static Path hadoop(java.nio.file.Path p) {
    return new Path(p.toUri());
  }

  private static FileSystem localFs() {
    try {
      return FileSystem.getLocal(new Configuration()).getRawFileSystem();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
