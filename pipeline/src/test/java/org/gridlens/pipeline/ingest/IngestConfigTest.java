package org.gridlens.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.schema.Extract;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  private static IngestConfig parse(String yaml) {
    return IngestConfig.from(ConfigLoader.parse(yaml, "conf.yaml", Map.of()).child("ingest"));
  }

  @Test
  void defaultsMatchTheContract() {
    IngestConfig c = IngestConfig.defaults();
    assertEquals(3, c.windowMonths());
    assertEquals(0.05, c.maxRejectRatio());
    assertEquals(List.of(Extract.values()), c.required());
    for (Extract e : Extract.values()) {
      assertEquals("UTF-8", c.source(e).encoding());
      assertEquals("yyyy-MM-dd HH:mm:ss", c.source(e).timestampFormat());
      assertEquals(0.05, c.maxRejectRatio(e));
    }
  }

  @Test
  void theShippedConfigurationLoads() {
    Path conf = Path.of("").toAbsolutePath().resolve("../conf/gridlens.yaml").normalize();
    GridLensConfig g = GridLensConfig.load(conf, Map.of());
    assertEquals(3, g.ingest().windowMonths());
  }

  @Test
  void perSourceSettingsAndChineseHeaderMappings() {
    IngestConfig c = parse("""
        ingest:
          max_reject_ratio: 0.02
          required: [customers, cdr]
          sources:
            cdr:
              encoding: GBK
              columns: {用户编号: customer_id, 小区: cell_id}
              timestamp_format: yyyy/MM/dd HH:mm:ss
              max_reject_ratio: 0.2
        """);
    assertEquals("GBK", c.source(Extract.CDR).encoding());
    assertEquals(Map.of("用户编号", "customer_id", "小区", "cell_id"), c.source(Extract.CDR).columns());
    assertEquals(0.2, c.maxRejectRatio(Extract.CDR));
    assertEquals(0.02, c.maxRejectRatio(Extract.VAS));
    assertNull(c.source(Extract.VAS).maxRejectRatio());
    assertEquals(List.of(Extract.CUSTOMERS, Extract.CDR), c.required());
  }

  @Test
  void mappingTargetsMustBeContractColumnsAndErrorsNameTheKeyPath() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse("ingest: {sources: {cdr: {columns: {用户编号: customer}}}}"));
    assertTrue(e.getMessage().startsWith("conf.yaml: ingest.sources.cdr.columns.用户编号: 'customer' is not a column of the cdr contract"),
        e.getMessage());

    e = assertThrows(ConfigException.class,
        () -> parse("ingest: {sources: {cdr: {columns: {a: customer_id, b: customer_id}}}}"));
    assertTrue(e.getMessage().contains("ingest.sources.cdr.columns.b: maps to 'customer_id', which 'a' already maps to"), e.getMessage());

    e = assertThrows(ConfigException.class, () -> parse("ingest: {sources: {calls: {}}}"));
    assertTrue(e.getMessage().contains("ingest.sources.calls: unknown extract 'calls'"), e.getMessage());

    e = assertThrows(ConfigException.class, () -> parse("ingest: {sources: {cdr: {encoding: KLINGON}}}"));
    assertTrue(e.getMessage().contains("ingest.sources.cdr.encoding: unsupported encoding 'KLINGON'"), e.getMessage());

    e = assertThrows(ConfigException.class, () -> parse("ingest: {sources: {cdr: {date_format: 'yyyy-MM-dd qqqqqq'}}}"));
    assertTrue(e.getMessage().contains("ingest.sources.cdr.date_format"), e.getMessage());

    e = assertThrows(ConfigException.class, () -> parse("ingest: {max_reject_ratio: 1.5}"));
    assertTrue(e.getMessage().contains("ingest.max_reject_ratio: must be between"), e.getMessage());

    e = assertThrows(ConfigException.class, () -> parse("ingest: {required: [cdr, grids]}"));
    assertTrue(e.getMessage().contains("ingest.required[1]: unknown extract 'grids'"), e.getMessage());

    e = assertThrows(ConfigException.class, () -> parse("ingest: {area: {min_lon: 120, max_lon: 110}}"));
    assertTrue(e.getMessage().contains("ingest.area.max_lon"), e.getMessage());
  }
}
