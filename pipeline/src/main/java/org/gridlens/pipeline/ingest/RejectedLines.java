package org.gridlens.pipeline.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * The physical line numbers of the rejected rows of an extract's CSV files, per file (relative
 * path), as compressed bitmaps. Ingest records them while it writes the clean rows, so the
 * quarantine pass reads again only the files with rejects and validates only those lines
 * (docs/ingest.md, "What is read twice"). Adding a line twice changes nothing, so a task that
 * Spark runs again cannot double a line. Spark-free; not thread-safe.
 */
final class RejectedLines implements Serializable {

  private static final long serialVersionUID = 1L;

  private final TreeMap<String, Roaring64NavigableMap> byFile = new TreeMap<>();

  void add(String file, long line) {
    byFile.computeIfAbsent(file, f -> new Roaring64NavigableMap()).addLong(line);
  }

  /** Adds every line of {@code other} (a union). */
  void addAll(RejectedLines other) {
    for (Map.Entry<String, Roaring64NavigableMap> e : other.byFile.entrySet()) {
      byFile.computeIfAbsent(e.getKey(), f -> new Roaring64NavigableMap()).or(e.getValue());
    }
  }

  boolean isEmpty() {
    return byFile.isEmpty();
  }

  /** The files with at least one rejected line, sorted. */
  Set<String> files() {
    return byFile.keySet();
  }

  boolean contains(String file, long line) {
    Roaring64NavigableMap lines = byFile.get(file);
    return lines != null && lines.contains(line);
  }

  /** The last rejected line of {@code file}; 0 when it has none. */
  long last(String file) {
    Roaring64NavigableMap lines = byFile.get(file);
    return lines == null || lines.isEmpty() ? 0L : lines.last();
  }

  long count() {
    return byFile.values().stream().mapToLong(Roaring64NavigableMap::getLongCardinality).sum();
  }

  void clear() {
    byFile.clear();
  }

  @Override
  public String toString() {
    return count() + " rejected line(s) in " + byFile.size() + " file(s)";
  }
}
