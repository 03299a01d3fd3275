package org.gridlens.pipeline.generate;

import java.time.LocalDate;

/** One synthetic customer: the latent truth, the master-data row values and behaviour parameters. */
final class Customer {
  /** How the pipeline is meant to find the customer's grid (truth {@code locate_by}). */
  enum LocateBy {
    EXPLICIT, POINT, HOME_CELL;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  long index;
  String id;
  Archetype archetype;
  int leaf;
  CityLayout.Grid grid;
  LocateBy locateBy;
  double lon;
  double lat;

  boolean enterprise;
  boolean male;
  int age;
  LocalDate birthDate;
  String name;
  String idNumber;
  String msisdn;
  String industry;
  int planTier;
  String planId;
  long planFeeCents;
  LocalDate joinDate;
  String channel;
  String status;
  LocalDate closeDate;
  /** Last day with activity (close, suspension or the end date). */
  LocalDate activeUntil;
  String address;
  String paymentMethod;

  int homeCell;
  int workCell;
  String[] contacts;
  double[] contactWeights;
  boolean[] adopts;
  /** Personal scale factors around the archetype's parameters. */
  double callRate;
  double durationFactor;
  double dataFactor;
  double competitorStrength;
}
