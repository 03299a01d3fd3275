package org.gridlens.pipeline.features;

import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;
import org.gridlens.pipeline.config.ConfigNode;

/**
 * Typed configuration of the `view` section of conf/gridlens.yaml: the windows of the unified
 * customer view, the off-peak and night hours, and the configured complaint categories and VAS
 * services (each becomes columns). Definitions in docs/features.md.
 *
 * @param billingMonths calendar months of billing ending with the run date's month
 * @param cdrDays days of CDR ending on the run date (inclusive)
 * @param vasDays days of VAS usage ending on the run date (inclusive)
 * @param complaintDays days of complaints (by opened_at) ending on the run date (inclusive)
 * @param offpeak off-peak hours of the day, start inclusive, end exclusive
 * @param night night hours used for the home cell, start inclusive, end exclusive
 * @param complaintCategories categories counted one by one; others count as {@value #OTHER}
 * @param vasServices services with a usage and a fee column each
 */
public record ViewConfig(
    int billingMonths,
    int cdrDays,
    int vasDays,
    int complaintDays,
    TimeOfDayWindow offpeak,
    TimeOfDayWindow night,
    List<String> complaintCategories,
    List<String> vasServices) {

  /** The complaint category unknown categories are counted as; must be configured. */
  public static final String OTHER = "other";

  static final List<String> DEFAULT_CATEGORIES = List.of("network", "billing", "service", "product", OTHER);
  static final List<String> DEFAULT_SERVICES = List.of("sms", "mms", "data", "music", "video", "cloud", "game");

  /** Defaults: 3 months, 90/90/90 days, off-peak 21:00-07:00, night 22:00-06:00. */
  public static ViewConfig defaults() {
    return from(ConfigNode.empty("(defaults)", "view"));
  }

  public static ViewConfig from(ConfigNode node) {
    node.allowOnly(
        "billing_months", "cdr_days", "vas_days", "complaint_days", "offpeak_start", "offpeak_end",
        "night_start", "night_end", "complaint_categories", "vas_services");
    int months = node.integer("billing_months", 3, 1, 24);
    int cdrDays = node.integer("cdr_days", 90, 1, 731);
    int vasDays = node.integer("vas_days", 90, 1, 731);
    int complaintDays = node.integer("complaint_days", 90, 1, 731);
    TimeOfDayWindow offpeak = window(node, "offpeak_start", "offpeak_end", LocalTime.of(21, 0), LocalTime.of(7, 0));
    TimeOfDayWindow night = window(node, "night_start", "night_end", LocalTime.of(22, 0), LocalTime.of(6, 0));
    List<String> categories = names(node, "complaint_categories", DEFAULT_CATEGORIES);
    if (!categories.contains(OTHER)) {
      throw node.error("complaint_categories",
          "must contain '" + OTHER + "' (unknown categories are counted there), got " + categories);
    }
    List<String> services = names(node, "vas_services", DEFAULT_SERVICES);
    return new ViewConfig(months, cdrDays, vasDays, complaintDays, offpeak, night, categories, services);
  }

  private static TimeOfDayWindow window(ConfigNode node, String startKey, String endKey, LocalTime s, LocalTime e) {
    LocalTime start = node.time(startKey, s);
    LocalTime end = node.time(endKey, e);
    if (start.equals(end)) {
      throw node.error(endKey, "must differ from " + startKey + " (" + start + "): the window would be empty");
    }
    return new TimeOfDayWindow(start, end);
  }

  /** Names become column suffixes, so they must be unique lower-case identifiers. */
  private static List<String> names(ConfigNode node, String key, List<String> def) {
    List<String> list = node.strings(key, def);
    if (list.isEmpty()) {
      throw node.error(key, "needs at least one value");
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String s : list) {
      if (!s.matches("[a-z][a-z0-9_]*")) {
        throw node.error(key, "'" + s + "' must be lower-case letters, digits and '_' (it becomes a column name)");
      }
      if (!seen.add(s)) {
        throw node.error(key, "'" + s + "' is listed twice");
      }
    }
    return List.copyOf(list);
  }
}
