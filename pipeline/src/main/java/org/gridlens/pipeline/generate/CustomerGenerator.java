package org.gridlens.pipeline.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.gridlens.pipeline.config.OperatorPrefixes;
import org.gridlens.pipeline.schema.Customers;

/**
 * Draws customer {@code i} from its own random stream (seed, i): grid, archetype, master data,
 * contacts and personal behaviour factors. Independent of every other customer, so any subset can
 * be generated anywhere.
 */
final class CustomerGenerator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Plan ladder: tier index → monthly fee in yuan. */
  static final int[] PLAN_FEES = {8, 18, 38, 58, 88, 128, 188, 288};

  static final String[] INDUSTRIES = {
    "manufacturing", "retail", "it", "logistics", "education", "finance", "construction", "catering", "healthcare"
  };
  static final String[] PAYMENT_METHODS = {"bank_debit", "wechat", "alipay", "cash", "card"};
  private static final double[] PAYMENT_WEIGHTS = {0.25, 0.3, 0.3, 0.05, 0.1};
  private static final String[] CHANNELS = {"store", "online", "app", "agent", "telesales"};
  private static final double[] CHANNEL_WEIGHTS = {0.35, 0.2, 0.25, 0.12, 0.08};
  private static final String[] FIXED_AREA_CODES = {"0571", "0571", "0571", "0571", "010", "021", "020", "0755"};

  private final GenerateOptions options;
  private final CityLayout layout;
  private final double[] leafCumulative;
  private final String[] homePrefixes;
  private final String[][] competitorPrefixes;
  private final double[] competitorWeights;

  CustomerGenerator(GenerateOptions options, CityLayout layout, OperatorPrefixes prefixes) {
    this.options = options;
    this.layout = layout;
    double[] w = layout.leafWeights();
    leafCumulative = new double[w.length];
    double acc = 0;
    for (int i = 0; i < w.length; i++) {
      acc += w[i];
      leafCumulative[i] = acc;
    }
    homePrefixes = elevenDigitPrefixes(prefixes.prefixesOf(prefixes.home()));
    List<String> comps = prefixes.competitors();
    competitorPrefixes = new String[comps.size()][];
    competitorWeights = new double[comps.size()];
    for (int c = 0; c < comps.size(); c++) {
      competitorPrefixes[c] = elevenDigitPrefixes(prefixes.prefixesOf(comps.get(c)));
      // the big competitors get most of the traffic, the newest one a little
      competitorWeights[c] = c < 2 ? 0.45 : 0.1 / Math.max(1, comps.size() - 2);
    }
  }

  /** Mobile prefixes only (a number must be 11 digits starting 1[3-9]). */
  private static String[] elevenDigitPrefixes(List<String> all) {
    String[] out = all.stream().filter(p -> p.matches("1[3-9]\\d{0,8}")).toArray(String[]::new);
    if (out.length == 0) {
      throw new IllegalArgumentException("no mobile number prefix (1[3-9]...) among " + all);
    }
    return out;
  }

  CityLayout layout() {
    return layout;
  }

  Customer generate(long index) {
    SplittableRandom r = Seeds.random(options.seed(), Seeds.CUSTOMER, index);
    Customer c = new Customer();
    c.index = index;
    c.id = customerId(index);
    c.leaf = pickLeaf(r);
    c.grid = layout.leaf(c.leaf);
    c.competitorStrength = c.grid.competitorStrength();
    c.archetype = Archetype.values()[Seeds.pick(r, Archetype.mix(c.grid.kind(), c.competitorStrength))];
    Archetype a = c.archetype;
    LocalDate end = options.endDate();
    LocalDate windowStart = options.windowStart();

    c.enterprise = r.nextDouble() < a.enterpriseShare + (c.grid.kind() == GridKind.COMMERCIAL ? 0.04 : 0.01);
    c.male = r.nextBoolean();
    double minAge = a == Archetype.VOICE_SENIOR ? 55 : a == Archetype.YOUNG_STREAMER ? 16 : 18;
    c.age = (int) Seeds.clamp(Math.round(a.ageMean + a.ageSd * r.nextGaussian()), minAge, 92);
    c.birthDate = end.minusYears(c.age).minusDays(1 + r.nextInt(364));
    c.name = c.enterprise ? ChineseNames.company(r) : ChineseNames.person(r, c.male);
    int district = ChineseNames.districtOf(c.grid.mainIndex());
    c.idNumber =
        c.enterprise ? null : IdNumbers.of(ChineseNames.REGION_CODES[district], c.birthDate, r.nextInt(1000), c.male);
    c.msisdn = msisdn(r, index);
    c.industry = c.enterprise ? INDUSTRIES[r.nextInt(INDUSTRIES.length)] : null;
    // competitors win the big spenders first: strong competition pushes plans down a tier
    double tier = a.planTier + a.planSpread * r.nextGaussian() - 1.2 * c.competitorStrength + 0.5;
    c.planTier = (int) Seeds.clamp(Math.floor(tier), 0, PLAN_FEES.length - 1);
    c.planId = "P" + Formats.zeroPadded(PLAN_FEES[c.planTier], 3);
    c.planFeeCents = PLAN_FEES[c.planTier] * 100L;
    c.channel = CHANNELS[Seeds.pick(r, CHANNEL_WEIGHTS)];
    c.paymentMethod = PAYMENT_METHODS[Seeds.pick(r, PAYMENT_WEIGHTS)];
    c.address = ChineseNames.address(r, district);

    // tenure: young streamers are recent, seniors loyal; some joined inside the window
    long windowDays = ChronoUnit.DAYS.between(windowStart, end) + 1;
    if (r.nextDouble() < 0.06) {
      c.joinDate = windowStart.plusDays(r.nextInt((int) windowDays));
    } else {
      double median = a == Archetype.YOUNG_STREAMER ? 1.5 : a == Archetype.VOICE_SENIOR ? 9 : 4;
      // nobody has a contract before the age of 16
      double years = Seeds.clamp(Seeds.logNormal(r, median, 0.7), 0.1, Math.max(0.1, Math.min(25, c.age - 16)));
      c.joinDate = windowStart.minusDays(1 + (long) (years * 365));
    }

    double churnWindow = 1 - Math.pow(1 - a.churnMonthly * (1 + 1.5 * c.competitorStrength), options.months());
    double u = r.nextDouble();
    c.status = Customers.STATUS_ACTIVE;
    c.activeUntil = end;
    if (u < 0.025 && c.joinDate.isBefore(windowStart.minusDays(60))) {
      // closed long ago: still in the master, no activity in the window
      long span = ChronoUnit.DAYS.between(c.joinDate, windowStart) - 1;
      c.closeDate = windowStart.minusDays(1 + r.nextLong(Math.min(span, 400)));
      c.status = Customers.STATUS_CLOSED;
      c.activeUntil = c.closeDate;
    } else if (u < 0.025 + churnWindow) {
      LocalDate from = c.joinDate.isAfter(windowStart) ? c.joinDate : windowStart;
      long span = ChronoUnit.DAYS.between(from, end) + 1;
      c.closeDate = from.plusDays(r.nextLong(span));
      c.status = Customers.STATUS_CLOSED;
      c.activeUntil = c.closeDate;
    } else if (r.nextDouble() < (a == Archetype.AT_RISK_COMPLAINER ? 0.06 : 0.015)) {
      LocalDate from = c.joinDate.isAfter(windowStart) ? c.joinDate : windowStart;
      long span = ChronoUnit.DAYS.between(from, end) + 1;
      c.status = Customers.STATUS_SUSPENDED;
      c.activeUntil = from.plusDays(r.nextLong(span));
    }

    // located by home cell only when the pipeline's default home-cell window can see the customer
    boolean activeInWindow = !c.activeUntil.isBefore(options.homeCellWindowStart());
    double l = r.nextDouble();
    c.locateBy =
        l < 0.10 ? Customer.LocateBy.EXPLICIT
            : l < 0.20 && activeInWindow ? Customer.LocateBy.HOME_CELL : Customer.LocateBy.POINT;
    double[] p = CityLayout.pointInside(r, c.grid);
    c.lon = p[0];
    c.lat = p[1];

    int[] own = layout.cellsOf(c.leaf);
    c.homeCell = own[r.nextInt(own.length)];
    if (a == Archetype.AT_RISK_COMPLAINER && r.nextDouble() < 0.5) {
      for (int cell : own) {
        if (layout.cell(cell).bad()) {
          c.homeCell = cell;
          break;
        }
      }
    }
    c.workCell = Seeds.pick(r, layout.workWeights());

    int n = 4 + Seeds.poisson(r, a == Archetype.BUSINESS_TRAVELLER ? 20 : a == Archetype.VOICE_SENIOR ? 8 : 12);
    double competitorShare = Seeds.clamp(0.12 + 0.6 * c.competitorStrength + 0.08 * r.nextGaussian(), 0.01, 0.95);
    c.contacts = new String[n];
    c.contactWeights = new double[n];
    for (int k = 0; k < n; k++) {
      double v = r.nextDouble();
      if (v < 0.06) {
        String area = FIXED_AREA_CODES[r.nextInt(FIXED_AREA_CODES.length)];
        c.contacts[k] = area + digits(r, area.length() == 3 ? 8 : 8);
      } else if (v < 0.06 + competitorShare * 0.94) {
        String[] ps = competitorPrefixes[Seeds.pick(r, competitorWeights)];
        String prefix = ps[r.nextInt(ps.length)];
        c.contacts[k] = prefix + digits(r, 11 - prefix.length());
      } else {
        String prefix = homePrefixes[r.nextInt(homePrefixes.length)];
        c.contacts[k] = prefix + digits(r, 11 - prefix.length());
      }
      c.contactWeights[k] = 1.0 / (k + 1);
    }

    c.adopts = new boolean[4];
    double[] ageEffect = {0.3, 0.5, 0.0, 0.6};
    double[] planEffect = {0.1, 0.15, 0.3, 0.05};
    for (int s = 0; s < 4; s++) {
      double logit = a.adoption[s] + ageEffect[s] * (35 - c.age) / 20.0 + planEffect[s] * (c.planTier - 3)
          + 0.5 * r.nextGaussian();
      c.adopts[s] = r.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    c.callRate = Seeds.logNormal(r, 1, 0.8);
    c.durationFactor = Seeds.logNormal(r, 1, 0.35);
    c.dataFactor = Seeds.logNormal(r, 1, 0.6);
    return c;
  }

  /** {@code U} + 8 digits: sorts like the index. */
  static String customerId(long index) {
    return "U" + Formats.zeroPadded(index + 1, 8);
  }

  private int pickLeaf(SplittableRandom r) {
    double u = r.nextDouble() * leafCumulative[leafCumulative.length - 1];
    int lo = 0;
    int hi = leafCumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (leafCumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    while (layout.leafWeight(lo) == 0) {
      lo = (lo + 1) % leafCumulative.length;
    }
    return lo;
  }

  /**
   * A home-operator number, unique per customer: the subscriber digits are a bijective scramble of
   * the index (multiplier coprime to 10^k), whatever prefix is drawn.
   */
  private String msisdn(SplittableRandom r, long index) {
    String prefix = homePrefixes[r.nextInt(homePrefixes.length)];
    int k = 11 - prefix.length();
    long mod = 1;
    for (int i = 0; i < k; i++) {
      mod *= 10;
    }
    long scrambled = Math.floorMod(index * 48271L + Math.floorMod(Seeds.mix(options.seed()), mod), mod);
    return prefix + Formats.zeroPadded(scrambled, k);
  }

  static String digits(SplittableRandom r, int n) {
    char[] cs = new char[n];
    for (int i = 0; i < n; i++) {
      cs[i] = (char) ('0' + r.nextInt(10));
    }
    return new String(cs);
  }
}
