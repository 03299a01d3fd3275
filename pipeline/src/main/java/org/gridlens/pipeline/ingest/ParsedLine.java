package org.gridlens.pipeline.ingest;

/**
 * One input row after per-row validation: where it came from, its raw text and the verdict.
 *
 * @param lineNumber physical 1-based line (header = 1); for Parquet input null
 * @param order position of the row within its file (the line number for CSV)
 */
public record ParsedLine(String sourceFile, Long lineNumber, long order, String rawLine, Verdict verdict) {}
