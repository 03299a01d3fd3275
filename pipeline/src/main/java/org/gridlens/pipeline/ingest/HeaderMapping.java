package org.gridlens.pipeline.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each contract column sits in one file: the file's header names are mapped through the
 * source's column mapping (names not in it are taken as contract names), then matched to the
 * extract's clean columns.
 *
 * @param sourceIndex for each clean column, its position in the file's records, or -1 if absent
 * @param width number of columns in the header (every record must have exactly this many)
 * @param missingRequired required contract columns the header lacks
 * @param ignored header names that match no contract column
 * @param ambiguous contract columns more than one header name maps to
 */
public record HeaderMapping(
    int[] sourceIndex, int width, List<String> missingRequired, List<String> ignored, List<String> ambiguous)
    implements Serializable {

  public static HeaderMapping resolve(String[] header, SourceConfig source, ExtractRules rules) {
    int[] idx = new int[rules.fields().size()];
    Arrays.fill(idx, -1);
    List<String> ignored = new ArrayList<>();
    List<String> ambiguous = new ArrayList<>();
    for (int h = 0; h < header.length; h++) {
      String name = header[h].strip();
      String target = source.columns().getOrDefault(name, name);
      int i = rules.indexOf(target);
      if (i < 0) {
        ignored.add(name);
      } else if (idx[i] >= 0) {
        ambiguous.add(target);
      } else {
        idx[i] = h;
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < idx.length; i++) {
      FieldRule f = rules.fields().get(i);
      if (idx[i] < 0 && f.required()) {
        missing.add(f.name());
      }
    }
    return new HeaderMapping(idx, header.length, List.copyOf(missing), List.copyOf(ignored), List.copyOf(ambiguous));
  }

  /** The record's fields rearranged into clean-column order (absent columns are null). */
  String[] arrange(String[] record) {
    String[] out = new String[sourceIndex.length];
    for (int i = 0; i < sourceIndex.length; i++) {
      out[i] = sourceIndex[i] < 0 ? null : record[sourceIndex[i]];
    }
    return out;
  }
}
