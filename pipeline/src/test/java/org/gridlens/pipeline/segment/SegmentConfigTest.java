package org.gridlens.pipeline.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.config.GridLensConfig;
import org.junit.jupiter.api.Test;

/** The `segment` section: the shipped file equals the defaults, bad values are named. */
class SegmentConfigTest {

  @Test
  void shippedConfigurationIsTheDefaults() {
    Path repo = Path.of("").toAbsolutePath();
    Path conf = repo.resolve("conf/gridlens.yaml");
    if (!conf.toFile().exists()) {
      conf = repo.getParent().resolve("conf/gridlens.yaml");
    }
    assertEquals(SegmentConfig.defaults(), GridLensConfig.load(conf, Map.of()).segment());
  }

  @Test
  void log1pFeatureOutsideFeaturesIsRejectedWithItsKey() {
    Exception e =
        assertThrows(
            RuntimeException.class,
            () -> SegmentConfig.from(ConfigLoader.parse("segment:\n  features: [arpu]\n  log1p: [complaints]\n", "t.yaml", Map.of()).child("segment")));
    assertTrue(e.getMessage().contains("segment.log1p"), e.getMessage());
    assertTrue(e.getMessage().contains("complaints"), e.getMessage());
  }

  @Test
  void kMaxBelowKMinIsRejected() {
    Exception e =
        assertThrows(
            RuntimeException.class,
            () -> SegmentConfig.from(ConfigLoader.parse("segment:\n  k_min: 5\n  k_max: 4\n", "t.yaml", Map.of()).child("segment")));
    assertTrue(e.getMessage().contains("segment.k_max"), e.getMessage());
  }

  @Test
  void defaultLog1pFollowsAReducedFeatureList() {
    SegmentConfig c =
        SegmentConfig.from(ConfigLoader.parse("segment:\n  features: [age_years, arpu]\n", "t.yaml", Map.of()).child("segment"));
    assertEquals(java.util.List.of("arpu"), c.log1p());
    assertEquals(java.util.List.of("age_years"), c.orderBy());
  }
}
