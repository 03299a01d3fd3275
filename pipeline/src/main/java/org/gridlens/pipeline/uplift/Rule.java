package org.gridlens.pipeline.uplift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * A condition on one customer-view feature, written {@code <feature> <op> <number>} with op one of
 * {@code > >= < <= == !=}, e.g. {@code tenure_months >= 3}. A customer whose feature is null
 * does not satisfy it.
 */
public record Rule(String feature, String op, double value) implements Serializable {

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

  /** Parses a rule; null when the text is not of the form above. */
  public static Rule parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return null;
    }
    return new Rule(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
  }

  /** True only when the feature is known and satisfies the condition. */
  public Column toColumn() {
    Column f = col(feature).cast("double");
    Column v = lit(value);
    Column c = switch (op) {
      case ">" -> f.gt(v);
      case ">=" -> f.geq(v);
      case "<" -> f.lt(v);
      case "<=" -> f.leq(v);
      case "==" -> f.equalTo(v);
      default -> f.notEqual(v);
    };
    return f.isNotNull().and(c);
  }

  @Override
  public String toString() {
    String v = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    return feature + " " + op + " " + v;
  }
}
