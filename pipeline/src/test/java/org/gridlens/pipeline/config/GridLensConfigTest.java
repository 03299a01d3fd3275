package org.gridlens.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridLensConfigTest {

  private static final Path REPO_CONF = Path.of("..", "conf", "gridlens.yaml");

  @Test
  void theCommittedConfigurationLoads() {
    GridLensConfig c = GridLensConfig.load(REPO_CONF, Map.of());
    assertEquals("cmcc", c.operators().home());
    assertEquals(16, c.run().shufflePartitions());
    assertEquals(64, c.hash().length());
  }

  @Test
  void commandLineOverridesBeatTheFile() {
    GridLensConfig c = GridLensConfig.load(REPO_CONF, Map.of("run.shuffle_partitions", "3"));
    assertEquals(3, c.run().shufflePartitions());
  }

  @Test
  void unknownKeysNameTheirPathAndFile() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("run:\n  shuffle_partitons: 4\n"));
    assertTrue(e.getMessage().contains("test.yaml: run.shuffle_partitons: unknown key"), e.getMessage());
  }

  @Test
  void outOfRangeValuesNameTheirPath() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("run:\n  shuffle_partitions: 0\n"));
    assertTrue(e.getMessage().contains("run.shuffle_partitions: must be between 1"), e.getMessage());
  }

  @Test
  void wrongTypesNameTheirPath() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> parse("run:\n  shuffle_partitions: many\n"));
    assertTrue(e.getMessage().contains("run.shuffle_partitions: expected a whole number, got 'many'"), e.getMessage());
  }

  @Test
  void unknownSectionsAreRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("scoring: {}\n"));
    assertTrue(e.getMessage().contains("test.yaml: scoring: unknown key"), e.getMessage());
  }

  @Test
  void operatorPrefixesUseTheLongestMatchAndIgnoreTheCountryCode() {
    OperatorPrefixes ops = GridLensConfig.load(REPO_CONF, Map.of()).operators();
    assertEquals("cmcc", ops.operatorOf("13812345678"));
    assertEquals("cu", ops.operatorOf("+86 130 1234 5678"));
    assertEquals("ct", ops.operatorOf("8618912345678"));
    assertEquals(OperatorPrefixes.OTHER, ops.operatorOf("02161234567"));
    assertEquals(OperatorPrefixes.OTHER, ops.operatorOf(null));
    assertEquals(java.util.List.of("cu", "ct", "cbn"), ops.competitors());
  }

  @Test
  void aPrefixGivenToTwoOperatorsIsAnError() {
    String yaml = "operators:\n  home: a\n  prefixes:\n    a: [138]\n    b: [138]\n";
    ConfigException e = assertThrows(ConfigException.class, () -> parseOperators(yaml));
    assertTrue(e.getMessage().contains("operators.prefixes.b: prefix 138 is already given to a"), e.getMessage());
  }

  private static GridLensConfig parse(String yaml) {
    String withOps = yaml + "operators:\n  home: a\n  prefixes:\n    a: [138]\n";
    return GridLensConfig.from(ConfigLoader.parse(withOps, "test.yaml", Map.of()), Path.of("."));
  }

  private static GridLensConfig parseOperators(String yaml) {
    return GridLensConfig.from(ConfigLoader.parse(yaml, "test.yaml", Map.of()), Path.of("."));
  }
}
