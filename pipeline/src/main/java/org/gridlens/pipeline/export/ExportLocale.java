package org.gridlens.pipeline.export;

/** The language of the headings and of the words (segment labels, reasons) in exports for people. */
public enum ExportLocale {
  /** Simplified Chinese (the default). */
  ZH,
  /** English. */
  EN
}
