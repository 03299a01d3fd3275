package org.gridlens.pipeline.uplift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * What an offer adds to a customer's subscription. For the VAS products, current adoption is
 * "used the service in the window" unless the offer says otherwise; a plan upgrade must say how
 * adoption is recognised (e.g. {@code plan_fee >= 128}).
 */
public enum Product {
  MUSIC("music"),
  VIDEO("video"),
  CLOUD("cloud"),
  GAME("game"),
  PLAN_UPGRADE(null);

  private final String vasService;

  Product(String vasService) {
    this.vasService = vasService;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The VAS service this product is, null for a plan upgrade. */
  public String vasService() {
    return vasService;
  }

  /** The default adoption rule, null when the offer must give one. */
  public String defaultAdoptedWhen() {
    return vasService == null ? null : CustomerView.vasUsage(vasService) + " > 0";
  }

  /**
   * Features that encode the adoption itself (or contain it) and so must not be model inputs:
   * using them would let the model "predict" adopters from the act of adopting.
   */
  public List<String> leakingFeatures() {
    List<String> f = new ArrayList<>();
    if (vasService != null) {
      f.add(CustomerView.vasUsage(vasService));
      f.add(CustomerView.vasFee(vasService));
      // totals over all services include this one
      f.add(CustomerView.VAS_FEE_TOTAL);
      f.add(CustomerView.VAS_FEE_SHARE);
      f.add(CustomerView.VAS_SERVICES_USED);
    } else {
      // a bigger plan raises every billed amount: these restate the plan fee
      f.add(CustomerView.PLAN_FEE);
      f.add(CustomerView.PLAN_ID);
      f.add(CustomerView.ARPU);
      f.add(CustomerView.LAST_MONTH_FEE);
      f.add(CustomerView.REVENUE);
      f.add(CustomerView.FEE_TREND);
    }
    return f;
  }

  /** The product with this id, null when there is none. */
  public static Product ofId(String id) {
    for (Product p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    return null;
  }

  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Product p : values()) {
      ids.add(p.id());
    }
    return ids;
  }
}
