package org.gridlens.pipeline.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.config.GridLensConfig;
import org.gridlens.pipeline.export.ExportLocale;
import org.junit.jupiter.api.Test;

class TargetConfigTest {

  private static TargetConfig parse(String section, Map<String, String> overrides) {
    return TargetConfig.from(ConfigLoader.parse("targets:\n" + section, "t.yaml", overrides).child("targets"));
  }

  @Test
  void theCommittedFileGivesTheDocumentedDefaults() {
    TargetConfig c = GridLensConfig.load(Path.of("..", "conf", "gridlens.yaml"), Map.of()).targets();
    assertEquals(TargetConfig.defaults(), c);
    assertEquals(0.10, c.controlShare());
    assertEquals(1, c.maxOffersPerCustomer());
    assertEquals(ExportLocale.ZH, c.locale());
    assertNull(c.optOutFile());
    assertEquals("run-2026-10-31", c.campaignFor(LocalDate.of(2026, 10, 31)));
  }

  @Test
  void valuesAndOverridesAreReadAndValidatedWithTheirKeyPath() {
    TargetConfig c = parse("  campaign_id: autumn-2026\n  locale: en\n", Map.of("targets.capacity_per_grid", "50"));
    assertEquals("autumn-2026", c.campaignFor(LocalDate.of(2026, 10, 31)));
    assertEquals(ExportLocale.EN, c.locale());
    assertEquals(50, c.capacityPerGrid());

    ConfigException share = assertThrows(ConfigException.class, () -> parse("  control_share: 0.9\n", Map.of()));
    assertTrue(share.getMessage().contains("t.yaml: targets.control_share: must be between 0.0 and 0.5"), share.getMessage());
    ConfigException locale = assertThrows(ConfigException.class, () -> parse("  locale: fr\n", Map.of()));
    assertTrue(locale.getMessage().contains("targets.locale: expected one of [zh, en]"), locale.getMessage());
    ConfigException campaign = assertThrows(ConfigException.class, () -> parse("  campaign_id: 'a b/c'\n", Map.of()));
    assertTrue(campaign.getMessage().contains("targets.campaign_id"), campaign.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class, () -> parse("  capacity: 3\n", Map.of()));
    assertTrue(unknown.getMessage().contains("targets.capacity: unknown key"), unknown.getMessage());
  }
}
