package org.gridlens.pipeline.generate;

import java.util.Locale;

/**
 * The latent customer types the synthetic city is built from. Each is defined by the behaviour it
 * is named after (the parameters below); customers draw their own values around them, so types
 * overlap the way real segments do. The names are the truth file's {@code archetype} values.
 */
enum Archetype {
  //                 age  sd   tier spread calls dur   dataGB days night  roam  ld    ip    intl  mobil compl late  unpaid trend  churn  drop  ent   music video cloud game
  HIGH_VALUE_DATA(   35,  9,   5.0, 0.8,   1.1,  90,   25.0,  6,   0.25,  0.03, 0.08, 0.02, 0.01, 0.25, 0.04, 0.03, 0.01,  0.0,   0.006, 0.0,  0.10, 0.3,  0.9,  0.5,  -0.6),
  VOICE_SENIOR(      67,  7,   1.6, 0.7,   1.7,  210,  0.35,  1,   0.10,  0.01, 0.12, 0.03, 0.0,  0.08, 0.04, 0.04, 0.01,  0.0,   0.005, 0.0,  0.0,  -2.6, -2.2, -3.0, -3.6),
  YOUNG_STREAMER(    21,  3,   3.0, 0.8,   0.5,  45,   16.0,  7,   0.48,  0.02, 0.05, 0.01, 0.0,  0.20, 0.04, 0.05, 0.02,  0.0,   0.012, 0.0,  0.0,  1.3,  1.9,  -0.6, 1.1),
  PRICE_SENSITIVE(   43,  14,  0.8, 0.6,   0.55, 60,   1.2,   2,   0.20,  0.01, 0.04, 0.02, 0.0,  0.10, 0.03, 0.07, 0.02,  0.0,   0.018, 0.0,  0.03, -1.9, -1.6, -2.6, -1.9),
  BUSINESS_TRAVELLER(41,  8,   5.2, 0.8,   1.8,  120,  7.0,   4,   0.15,  0.30, 0.22, 0.05, 0.06, 0.75, 0.05, 0.03, 0.01,  0.0,   0.006, 0.0,  0.35, -0.9, -0.4, 1.3,  -2.1),
  AT_RISK_COMPLAINER(45,  13,  3.2, 0.8,   1.0,  100,  4.0,   3,   0.20,  0.02, 0.08, 0.02, 0.0,  0.15, 0.40, 0.45, 0.15, -0.14,  0.060, 0.08, 0.05, -0.9, -0.7, -1.6, -1.3);

  final double ageMean;
  final double ageSd;
  /** Preferred plan tier (index into the plan list, may be fractional) and its spread. */
  final double planTier;
  final double planSpread;
  /** CDR count multiplier and median call duration in seconds. */
  final double callFactor;
  final double durationMedian;
  /** Median mobile data per month (GB) and days with a data VAS row per month. */
  final double dataGbPerMonth;
  final double dataDays;
  /** Share of calls at night (21:00-07:00). */
  final double nightShare;
  /** Call-type shares (the rest is local). */
  final double roaming;
  final double longDistance;
  final double ipLongDistance;
  final double international;
  /** Probability that a daytime call is made at a random cell of the city (many distinct cells). */
  final double mobility;
  /** Complaints per month, probability of paying late, of not paying. */
  final double complaintRate;
  final double lateRate;
  final double unpaidRate;
  /** Relative fee change per month over the window (negative = falling spend). */
  final double feeTrend;
  /** Monthly probability of closing the line. */
  final double churnMonthly;
  /** Extra probability of a dropped call (handset, indoor coverage). */
  final double droppedBoost;
  /** Share of enterprise customers. */
  final double enterpriseShare;
  /** Adoption logits of music, video, cloud, game. */
  final double[] adoption;

  Archetype(double ageMean, double ageSd, double planTier, double planSpread, double callFactor,
      double durationMedian, double dataGbPerMonth, double dataDays, double nightShare, double roaming,
      double longDistance, double ipLongDistance, double international, double mobility,
      double complaintRate, double lateRate, double unpaidRate, double feeTrend, double churnMonthly,
      double droppedBoost, double enterpriseShare, double music, double video, double cloud, double game) {
    this.ageMean = ageMean;
    this.ageSd = ageSd;
    this.planTier = planTier;
    this.planSpread = planSpread;
    this.callFactor = callFactor;
    this.durationMedian = durationMedian;
    this.dataGbPerMonth = dataGbPerMonth;
    this.dataDays = dataDays;
    this.nightShare = nightShare;
    this.roaming = roaming;
    this.longDistance = longDistance;
    this.ipLongDistance = ipLongDistance;
    this.international = international;
    this.mobility = mobility;
    this.complaintRate = complaintRate;
    this.lateRate = lateRate;
    this.unpaidRate = unpaidRate;
    this.feeTrend = feeTrend;
    this.churnMonthly = churnMonthly;
    this.droppedBoost = droppedBoost;
    this.enterpriseShare = enterpriseShare;
    this.adoption = new double[] {music, video, cloud, game};
  }

  /** The truth file value. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Mix weights of the archetypes (declaration order) in a grid of the given kind. Competitor
   * strength raises the share of at-risk complainers.
   */
  static double[] mix(GridKind kind, double competitorStrength) {
    double[] w =
        switch (kind) {
          case RESIDENTIAL -> new double[] {0.18, 0.22, 0.12, 0.25, 0.08, 0.15};
          case COMMERCIAL -> new double[] {0.28, 0.06, 0.16, 0.12, 0.28, 0.10};
          case CAMPUS -> new double[] {0.10, 0.02, 0.55, 0.23, 0.03, 0.07};
          case INDUSTRIAL -> new double[] {0.08, 0.10, 0.12, 0.40, 0.15, 0.15};
          case RURAL -> new double[] {0.06, 0.40, 0.06, 0.33, 0.03, 0.12};
        };
    w[AT_RISK_COMPLAINER.ordinal()] *= 1 + competitorStrength;
    return w;
  }
}
