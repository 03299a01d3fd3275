package org.gridlens.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads YAML configuration files into {@link ConfigNode}s.
 *
 * <p>Precedence, the one place it is defined: a command-line option (a dedicated flag such as
 * {@code --warehouse}, or {@code --set key.path=value}) beats the value in the file, which beats the
 * built-in default written next to each key's getter in the feature's config class.
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /** The parsed document; {@code overrides} maps dotted key paths to values given on the command line. */
  public static ConfigNode load(Path file, Map<String, String> overrides) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), overrides);
  }

  /** Parses YAML text; {@code source} names it in errors. */
  public static ConfigNode parse(String yaml, String source, Map<String, String> overrides) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = JsonNodeFactory.instance.objectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException(source + ": the document must be a mapping of sections");
    }
    ObjectNode doc = (ObjectNode) root;
    overrides.forEach((key, value) -> applyOverride(doc, key, value, source));
    return new ConfigNode(doc, source, "");
  }

  private static void applyOverride(ObjectNode doc, String key, String value, String source) {
    String[] parts = key.split("\\.");
    ObjectNode at = doc;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = at.get(parts[i]);
      if (next == null || next.isNull()) {
        next = at.putObject(parts[i]);
      } else if (!next.isObject()) {
        throw new ConfigException(
            "--set " + key + ": " + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                + " in " + source + " is not a mapping");
      }
      at = (ObjectNode) next;
    }
    JsonNode parsed;
    try {
      parsed = YAML.readTree(value);
    } catch (IOException e) {
      parsed = JsonNodeFactory.instance.textNode(value);
    }
    at.set(parts[parts.length - 1], parsed == null ? JsonNodeFactory.instance.nullNode() : parsed);
  }

  /** SHA-256 of the given texts, for the run manifest's config hash. */
  public static String sha256(String... texts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String t : texts) {
        md.update(t.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
