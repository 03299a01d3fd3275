package org.gridlens.pipeline.schema;

/**
 * Why a row went to quarantine. The generator's truth file uses the same codes for the dirty rows
 * it plants, so tests can match them one for one. When a row breaks several rules the first in
 * this order is reported.
 */
public enum RejectReason {
  /** Not decodable in the source's encoding (e.g. invalid UTF-8). */
  BAD_ENCODING,
  /** Wrong number of fields (truncated line, unbalanced quotes). */
  MALFORMED_LINE,
  /** A required field is empty. */
  MISSING_REQUIRED,
  /** A number that does not parse. */
  BAD_NUMBER,
  /** A date, month or timestamp that does not parse. */
  BAD_DATE,
  /** A value outside its enumeration. */
  BAD_ENUM,
  /** A value in the wrong format (msisdn, id number, bill_month...). */
  BAD_FORMAT,
  /** A number outside its allowed range (negative duration, satisfaction 7, lon 500...). */
  OUT_OF_RANGE,
  /** The row's date lies outside the window that ends on the run date. */
  OUTSIDE_WINDOW,
  /** The customer id is not in the customer master. */
  UNKNOWN_CUSTOMER,
  /** The cell id is not in the cell table. */
  UNKNOWN_CELL,
  /** Another row has the same key and was kept instead (first by file name, then line number). */
  DUPLICATE_KEY
}
