package org.gridlens.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A read-only view of one YAML mapping that knows where it came from (file and key path), so
 * every error names both. Typed getters take the default that applies when the key is absent and
 * validate the value when it is present.
 *
 * <p>Feature configs are built with it like this:
 *
 * <pre>
 *   static SegmentConfig from(ConfigNode node) {
 *     node.allowOnly("k_min", "k_max");
 *     int kMin = node.integer("k_min", 2, 1, 50);
 *     ...
 * </pre>
 */
public final class ConfigNode {

  private final JsonNode node;
  private final String file;
  private final String path;

  ConfigNode(JsonNode node, String file, String path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.file = file;
    this.path = path;
  }

  /** An empty node (every key takes its default), for tests and absent sections. */
  public static ConfigNode empty(String file, String path) {
    return new ConfigNode(MissingNode.getInstance(), file, path);
  }

  public String file() {
    return file;
  }

  /** Dotted key path of this node from the document root ("" for the root). */
  public String path() {
    return path;
  }

  public boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  private String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error about {@code key} of this node. */
  public ConfigException error(String key, String problem) {
    return new ConfigException(file + ": " + keyPath(key) + ": " + problem);
  }

  /** An error about this node itself. */
  public ConfigException error(String problem) {
    return new ConfigException(file + ": " + (path.isEmpty() ? "(root)" : path) + ": " + problem);
  }

  /** Fails when this mapping has a key outside {@code allowed}. */
  public void allowOnly(String... allowed) {
    if (!isPresent()) {
      return;
    }
    if (!node.isObject()) {
      throw error("expected a mapping, got " + describe(node));
    }
    Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!ok.contains(k)) {
        throw error(k, "unknown key (allowed here: " + String.join(", ", ok) + ")");
      }
    }
  }

  /** Keys of this mapping in file order. */
  public List<String> keys() {
    if (!isPresent()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw error("expected a mapping, got " + describe(node));
    }
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  public ConfigNode child(String key) {
    if (isPresent() && !node.isObject()) {
      throw error("expected a mapping, got " + describe(node));
    }
    return new ConfigNode(node.get(key), file, keyPath(key));
  }

  /** The elements of a list of mappings (empty when absent). */
  public List<ConfigNode> list(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw error(key, "expected a list, got " + describe(v));
    }
    List<ConfigNode> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(new ConfigNode(v.get(i), file, keyPath(key) + "[" + i + "]"));
    }
    return out;
  }

  public String string(String key, String def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    if (!v.isValueNode()) {
      throw error(key, "expected a text value, got " + describe(v));
    }
    return v.asText();
  }

  public String requiredString(String key) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw error(key, "is required");
    }
    return s;
  }

  public int integer(String key, int def, int min, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    long value;
    if (v.isIntegralNumber()) {
      value = v.asLong();
    } else if (v.isTextual() && v.asText().trim().matches("-?\\d+")) {
      value = Long.parseLong(v.asText().trim());
    } else {
      throw error(key, "expected a whole number, got " + describe(v));
    }
    if (value < min || value > max) {
      throw error(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return (int) value;
  }

  public double number(String key, double def, double min, double max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    double value;
    if (v.isNumber()) {
      value = v.asDouble();
    } else {
      try {
        value = Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        throw error(key, "expected a number, got " + describe(v));
      }
    }
    if (Double.isNaN(value) || value < min || value > max) {
      throw error(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public boolean bool(String key, boolean def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error(key, "expected true or false, got " + describe(v));
  }

  /** A time of day written HH:mm. */
  public LocalTime time(String key, LocalTime def) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    try {
      return LocalTime.parse(s.trim());
    } catch (DateTimeParseException e) {
      throw error(key, "expected a time of day HH:mm, got '" + s + "'");
    }
  }

  /** One of the enum's constants, written in any case with '-' or '_'. */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E def) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    String norm = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(norm)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw error(key, "expected one of " + names + ", got '" + s + "'");
  }

  /** A list of text values (a single scalar counts as a list of one). */
  public List<String> strings(String key, List<String> def) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return def;
    }
    if (v.isValueNode()) {
      return List.of(v.asText());
    }
    if (!v.isArray()) {
      throw error(key, "expected a list of values, got " + describe(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isValueNode() || e.isNull()) {
        throw error(key + "[" + i + "]", "expected a value, got " + describe(e));
      }
      out.add(e.asText());
    }
    return Collections.unmodifiableList(out);
  }

  /** A mapping of text to text, in file order (empty when absent). */
  public Map<String, String> stringMap(String key) {
    return map(key, (ConfigNode n) -> null, true);
  }

  /** A mapping of text to number, in file order, each within [min, max]. */
  public Map<String, Double> numberMap(String key, double min, double max) {
    ConfigNode c = child(key);
    Map<String, Double> out = new LinkedHashMap<>();
    for (String k : c.keys()) {
      out.put(k, c.number(k, 0, min, max));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A mapping whose values are mappings, each turned into a typed value by {@code reader}. */
  public <T> Map<String, T> mapOf(String key, Function<ConfigNode, T> reader) {
    return map(key, reader, false);
  }

  @SuppressWarnings("unchecked")
  private <T> Map<String, T> map(String key, Function<ConfigNode, T> reader, boolean scalars) {
    ConfigNode c = child(key);
    Map<String, T> out = new LinkedHashMap<>();
    for (String k : c.keys()) {
      if (scalars) {
        out.put(k, (T) c.requiredString(k));
      } else {
        out.put(k, reader.apply(c.child(k)));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The node as compact JSON (used to hash the effective configuration). */
  @Override
  public String toString() {
    return node.toString();
  }

  private static String describe(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return "'" + v.asText() + "'";
  }
}
