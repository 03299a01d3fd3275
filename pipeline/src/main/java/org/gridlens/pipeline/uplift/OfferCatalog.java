package org.gridlens.pipeline.uplift;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridlens.pipeline.config.ConfigException;
import org.gridlens.pipeline.config.ConfigLoader;
import org.gridlens.pipeline.config.ConfigNode;
import org.gridlens.pipeline.schema.CustomerView;

/**
 * Reads and validates the offer catalog (conf/offers.yaml). Every error is BAD_CONFIG and names
 * the file, the offer (index and id) and the field.
 */
public final class OfferCatalog {

  /** VAS services and complaint categories of the data contract (their view columns exist). */
  private static final List<String> VAS_SERVICES = List.of("sms", "mms", "data", "music", "video", "cloud", "game");
  private static final List<String> COMPLAINT_CATEGORIES = List.of("network", "billing", "service", "product", "other");

  private OfferCatalog() {}

  public static List<Offer> load(Path file) {
    return parse(ConfigLoader.load(file, Map.of()));
  }

  /** The offers of a parsed catalog document. */
  public static List<Offer> parse(ConfigNode root) {
    root.allowOnly("offers");
    List<ConfigNode> nodes = root.list("offers");
    if (nodes.isEmpty()) {
      throw root.error("offers", "the catalog needs at least one offer");
    }
    Set<String> known = knownFeatures();
    Set<String> ids = new LinkedHashSet<>();
    List<Offer> offers = new ArrayList<>();
    for (ConfigNode n : nodes) {
      String id = n.requiredString("id");
      if (!id.matches("[a-z][a-z0-9_]*")) {
        throw n.error("id", "offer '" + id + "': ids are lower-case letters, digits and '_' (they name model files)");
      }
      String who = "offer '" + id + "': ";
      n.allowOnly("id", "name_en", "name_zh", "product", "price_increment", "eligibility", "adopted_when");
      if (!ids.add(id)) {
        throw n.error("id", who + "duplicate offer id");
      }
      String productId = n.requiredString("product");
      Product product = Product.ofId(productId);
      if (product == null) {
        throw n.error("product", who + "unknown product '" + productId + "' (known: " + Product.ids() + ")");
      }
      double price = n.number("price_increment", Double.NaN, -1e9, 1e9);
      if (Double.isNaN(price)) {
        throw n.error("price_increment", who + "is required (yuan per month)");
      }
      if (price <= 0) {
        throw n.error("price_increment", who + "must be above 0 yuan per month, got " + price);
      }
      ConfigNode e = n.child("eligibility");
      e.allowOnly("customer_type", "status", "plan_fee", "rules");
      ConfigNode fee = e.child("plan_fee");
      fee.allowOnly("min", "max");
      Double min = fee.isPresent() && fee.child("min").isPresent() ? fee.number("min", 0, 0, 1e6) : null;
      Double max = fee.isPresent() && fee.child("max").isPresent() ? fee.number("max", 0, 0, 1e6) : null;
      if (min != null && max != null && min > max) {
        throw e.error("plan_fee", who + "min " + min + " is above max " + max);
      }
      List<Rule> rules = new ArrayList<>();
      List<String> texts = e.strings("rules", List.of());
      for (int i = 0; i < texts.size(); i++) {
        rules.add(rule(e, "rules[" + i + "]", texts.get(i), who, known));
      }
      String adoptedText = n.string("adopted_when", product.defaultAdoptedWhen());
      if (adoptedText == null) {
        throw n.error("adopted_when", who + "is required for product " + product.id()
            + " (how current adoption shows in the customer view, e.g. 'plan_fee >= 128')");
      }
      Rule adopted = rule(n, "adopted_when", adoptedText, who, known);
      offers.add(new Offer(
          id,
          n.requiredString("name_en"),
          n.requiredString("name_zh"),
          product,
          price,
          e.strings("customer_type", List.of()),
          e.strings("status", List.of("active")),
          min,
          max,
          List.copyOf(rules),
          adopted));
    }
    return List.copyOf(offers);
  }

  /** Fails (BAD_CONFIG) when an offer reads a feature the customer view at hand lacks. */
  public static void checkAgainst(List<Offer> offers, Collection<String> viewColumns, String source) {
    for (Offer o : offers) {
      for (String f : o.ruleFeatures()) {
        if (!viewColumns.contains(f)) {
          throw new ConfigException(source + ": offer '" + o.id() + "': feature '" + f
              + "' does not exist in customer_view");
        }
      }
    }
  }

  private static Rule rule(ConfigNode node, String key, String text, String who, Set<String> known) {
    Rule r = Rule.parse(text);
    if (r == null) {
      throw node.error(key, who + "expected '<feature> <op> <number>' with op one of > >= < <= == !=, got '" + text + "'");
    }
    if (!known.contains(r.feature())) {
      throw node.error(key, who + "feature '" + r.feature() + "' does not exist in CustomerView");
    }
    return r;
  }

  /** Column names of the customer view: the CustomerView constants plus per-service/category columns. */
  public static Set<String> knownFeatures() {
    Set<String> names = new TreeSet<>();
    for (Field f : CustomerView.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException ex) {
          throw new IllegalStateException(ex);
        }
      }
    }
    for (String s : VAS_SERVICES) {
      names.add(CustomerView.vasUsage(s));
      names.add(CustomerView.vasFee(s));
    }
    for (String c : COMPLAINT_CATEGORIES) {
      names.add(CustomerView.complaintsOf(c));
    }
    return names;
  }
}
