package org.gridlens.pipeline.target;

import static org.gridlens.pipeline.export.ExcelCsvWriter.number;
import static org.gridlens.pipeline.export.ExcelCsvWriter.text;

import java.util.List;
import org.gridlens.pipeline.export.ExcelCsvWriter;
import org.gridlens.pipeline.export.ExportLocale;
import org.gridlens.pipeline.export.PiiMask;

/**
 * The people-facing layout of a grid's target list ({@code <grid_id>/targets.csv}) and of the
 * export index ({@code index.csv}), in Chinese or English. Plain Java: the one place the exported
 * columns, their headings, masking and number formats are decided (docs/exports.md lists them).
 */
public final class TargetCsv {

  /** File name of a grid's list inside its folder. */
  public static final String FILE_NAME = "targets.csv";
  /** File name of the index at the top of the date's export folder. */
  public static final String INDEX_NAME = "index.csv";

  private static final List<String> HEADER_ZH =
      List.of("网格编号", "产品编号", "排名", "客户编号", "姓名", "手机号码", "客群", "当前ARPU(元)", "办理倾向",
          "预期月增收(元)", "推荐理由");
  private static final List<String> HEADER_EN =
      List.of("grid_id", "offer_id", "rank", "customer_id", "name", "msisdn", "segment", "arpu_yuan",
          "propensity", "expected_gain_yuan", "reasons");
  private static final List<String> INDEX_ZH =
      List.of("网格编号", "网格名称", "网格经理", "名单行数", "预期月增收合计(元)", "文件");
  private static final List<String> INDEX_EN =
      List.of("grid_id", "grid_name", "manager", "rows", "expected_gain_yuan", "file");

  private TargetCsv() {}

  /** One listed (non-control) row as the CSV needs it; name and msisdn still unmasked. */
  public record Line(
      String gridId, String offerId, int rank, String customerId, String name, String msisdn,
      String segment, Double arpu, Double propensity, double expectedGain, String reasons) {}

  /** One grid's entry in the index. */
  public record IndexEntry(String gridId, String gridName, String manager, long rows, double expectedGain, String file) {}

  public static List<String> header(ExportLocale locale) {
    return locale == ExportLocale.EN ? HEADER_EN : HEADER_ZH;
  }

  public static List<String> indexHeader(ExportLocale locale) {
    return locale == ExportLocale.EN ? INDEX_EN : INDEX_ZH;
  }

  /**
   * A grid's file: lines in the order given (the caller sorts by offer and rank). Names and phone
   * numbers are masked here, so no caller can forget it; ID numbers have no column at all.
   */
  public static ExcelCsvWriter gridFile(ExportLocale locale, List<Line> lines) {
    ExcelCsvWriter w = ExcelCsvWriter.withHeader(header(locale));
    for (Line l : lines) {
      w.row(
          text(l.gridId()),
          text(l.offerId()),
          number(l.rank()),
          text(l.customerId()),
          text(PiiMask.name(l.name())),
          text(PiiMask.msisdn(l.msisdn())),
          text(l.segment()),
          number(l.arpu(), 2),
          number(l.propensity(), 3),
          number(l.expectedGain(), 2),
          text(l.reasons()));
    }
    return w;
  }

  /** The index: one row per grid, in the order given. */
  public static ExcelCsvWriter index(ExportLocale locale, List<IndexEntry> entries) {
    ExcelCsvWriter w = ExcelCsvWriter.withHeader(indexHeader(locale));
    for (IndexEntry e : entries) {
      w.row(
          text(e.gridId()), text(e.gridName()), text(e.manager()), number(e.rows()),
          number(e.expectedGain(), 2), text(e.file()));
    }
    return w;
  }
}
