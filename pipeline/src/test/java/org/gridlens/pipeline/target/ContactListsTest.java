package org.gridlens.pipeline.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.gridlens.pipeline.GridLensException;
import org.gridlens.pipeline.SparkTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactListsTest extends SparkTestBase {

  @Test
  void optOutByIdOrPhoneAndUnreadableFilesStopTheRun(@TempDir Path dir) throws IOException {
    Dataset<Row> customers =
        spark().createDataFrame(
            List.of(RowFactory.create("C1", "13812345678", null, "张三", null),
                RowFactory.create("C2", "13900000000", null, "李四", null),
                RowFactory.create("C3", "13700000000", null, "王五", null)),
            TargetFixtures.CUSTOMERS);
    Path f = dir.resolve("optout.csv");
    Files.writeString(f, "\uFEFFCustomer_ID , msisdn\n,+86 138-1234-5678\nC3,\n,0086 139 0000 0001\n");
    List<String> ids =
        ContactLists.optOut(spark(), f.toString(), "targets.opt_out_file", customers).collectAsList().stream()
            .map(r -> r.getString(0)).sorted().toList();
    assertEquals(List.of("C1", "C3"), ids);

    GridLensException missing =
        assertThrows(GridLensException.class,
            () -> ContactLists.optOut(spark(), dir.resolve("nope.csv").toString(), "targets.opt_out_file", customers));
    assertTrue(missing.getMessage().startsWith("targets.opt_out_file: file "), missing.getMessage());
    assertEquals(GridLensException.Kind.BAD_CONFIG, missing.kind());

    Path noColumn = dir.resolve("bad.csv");
    Files.writeString(noColumn, "phone\n13812345678\n");
    GridLensException cols =
        assertThrows(GridLensException.class,
            () -> ContactLists.optOut(spark(), noColumn.toString(), "targets.opt_out_file", customers));
    assertTrue(cols.getMessage().contains("needs a customer_id or msisdn column (it has: phone)"), cols.getMessage());

    Path history = dir.resolve("history.csv");
    Files.writeString(history, "customer_id,contacted_at\nC1,2026-10-30 09:15:00\nC2,2026-10-01\n");
    List<Row> contacts = ContactLists.contactHistory(spark(), history.toString(), "k").orderBy("customer_id").collectAsList();
    assertEquals("[C1,2026-10-30]", contacts.get(0).toString());
    assertEquals("[C2,2026-10-01]", contacts.get(1).toString());

    Files.writeString(history, "customer_id,contacted_at\nC1,30/10/2026\n");
    GridLensException bad =
        assertThrows(GridLensException.class, () -> ContactLists.contactHistory(spark(), history.toString(), "k"));
    assertTrue(bad.getMessage().contains("contacted_at '30/10/2026' is not a date"), bad.getMessage());
  }
}
