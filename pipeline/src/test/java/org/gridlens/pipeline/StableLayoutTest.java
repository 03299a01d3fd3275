package org.gridlens.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published layout is exactly N hash partitions of the key, each sorted, also when the
 * optimizer reuses a sort-merge join's partitioning instead of the layout's own repartition.
 */
class StableLayoutTest extends SparkTestBase {

  @Test
  void everyPartitionIsWrittenAndSortedEvenAboveASortMergeJoin(@TempDir Path dir) {
    String threshold = spark().conf().get("spark.sql.autoBroadcastJoinThreshold");
    spark().conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    try {
      Dataset<Row> a = spark().range(2_000).selectExpr("cast(id as string) as k", "id * 2 as v");
      Dataset<Row> b = spark().range(2_000).selectExpr("cast(id as string) as k", "id * 3 as w");
      Dataset<Row> joined = StableLayout.byKey(a.join(b, "k"), 4, "k");
      joined.write().parquet(dir.resolve("joined").toString());
      Dataset<Row> plain = StableLayout.byKey(a, 4, "k");
      plain.write().parquet(dir.resolve("plain").toString());

      File[] files = dir.resolve("joined").toFile().listFiles((d, n) -> n.endsWith(".parquet"));
      assertEquals(4, files.length, "small partitions are not merged: the layout is the configured count");
      for (File f : files) {
        List<String> keys = new ArrayList<>();
        spark().read().parquet(f.getPath()).select("k").collectAsList().forEach(r -> keys.add(r.getString(0)));
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys, f.getName() + " is sorted by the key");
        // the same keys land in the same file whether or not a join preceded the layout
        String part = f.getName().substring(0, "part-00000".length());
        File twin = dir.resolve("plain").toFile().listFiles((d, n) -> n.startsWith(part) && n.endsWith(".parquet"))[0];
        List<String> plainKeys = new ArrayList<>();
        spark().read().parquet(twin.getPath()).select("k").collectAsList().forEach(r -> plainKeys.add(r.getString(0)));
        assertEquals(plainKeys, keys, f.getName());
        assertTrue(keys.size() > 300);
      }
    } finally {
      spark().conf().set("spark.sql.autoBroadcastJoinThreshold", threshold);
    }
  }
}
