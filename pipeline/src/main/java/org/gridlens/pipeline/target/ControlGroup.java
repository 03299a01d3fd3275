package org.gridlens.pipeline.target;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;

/**
 * The deterministic draw that puts a (customer, offer) pair of a campaign into the control group.
 *
 * <p>draw = the first 52 bits of SHA-256 over the UTF-8 bytes of {@code customer|offer|campaign},
 * read as an unsigned integer and divided by 2^52: uniform in [0, 1), the same on every machine,
 * JVM, Spark version and partitioning (SHA-256 is a standard; String.hashCode and Spark's
 * Murmur3 {@code hash} are implementation details). A pair is control when draw &lt; share, so
 * raising the share only adds members. The Spark column and the plain Java method compute the
 * same value (ControlGroupTest checks that they agree).
 */
public final class ControlGroup {

  static final String SEPARATOR = "|";
  private static final double TWO_POW_52 = 4503599627370496.0;

  private ControlGroup() {}

  /** The draw in [0, 1) for one pair (plain Java, the reference). */
  public static double draw(String customerId, String offerId, String campaignId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  String.join(SEPARATOR, customerId, offerId, campaignId).getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 7; i++) {
        bits = (bits << 8) | (h[i] & 0xFF);
      }
      return (bits >>> 4) / TWO_POW_52;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The same draw as a Spark column over a customer id and an offer id column. */
  public static Column draw(Column customerId, Column offerId, String campaignId) {
    Column hex = sha2(concat_ws(SEPARATOR, customerId, offerId, lit(campaignId)), 256);
    return conv(substring(hex, 1, 13), 16, 10).cast("long").cast("double").divide(lit(TWO_POW_52));
  }
}
