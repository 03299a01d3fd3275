package org.gridlens.pipeline.target;

import java.util.Locale;

/**
 * Why a customer × offer row of the uplift output is not on a target list. Rules are checked in
 * declaration order and a row is counted under the first one that excludes it, so the counts in
 * the run manifest ({@code excluded.<id>}) add up to the rows left out.
 */
public enum Exclusion {
  /** The uplift stage found the customer not eligible for the offer. */
  INELIGIBLE,
  /** The customer is not assigned to any grid, so no manager can work them. */
  NO_GRID,
  /** The customer is missing from the customer view (status unknown: never contact blindly). */
  NOT_IN_VIEW,
  /** The customer's status is closed. */
  STATUS_CLOSED,
  /** The customer's status is suspended (or any status other than active). */
  STATUS_SUSPENDED,
  /** The customer is on the do-not-contact / opt-out list. */
  OPTED_OUT,
  /** The customer was contacted within the cooldown period. */
  RECENTLY_CONTACTED,
  /** The expected gain is missing or below targets.min_expected_gain. */
  BELOW_MIN_GAIN,
  /** Another offer of the same customer ranks higher (targets.max_offers_per_customer). */
  OFFER_LIMIT,
  /** The grid's list is full (targets.capacity_per_grid). */
  OVER_CAPACITY;

  /** The id used in metrics and docs, e.g. {@code opted_out}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
