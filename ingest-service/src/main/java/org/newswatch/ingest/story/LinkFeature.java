package org.newswatch.ingest.story;

/**
 * One piece of evidence {@link LinkRule} weighs for a pair of articles: each is a number (most 0 or
 * 1) that {@link LinkRule#features} computes, and the pair's score is {@link LinkWeights}' weights
 * times these. The hand weight here is the one chosen by hand set after set (LinkRule's table says
 * what each means); {@link LinkWeights#HAND} holds them all.
 */
enum LinkFeature {
  /** The most specific place shared is a town or crossing (or a district both leads name). */
  SHARED_TOWN(3.0),
  /** The most specific place shared is a district. */
  SHARED_DISTRICT(2.0),
  /** Further shared places beyond the first: 0, 1 or 2 (more count as 2). */
  MORE_PLACES(0.5),
  /** Both name specific places, none shared. */
  OTHER_PLACES(-3.0),
  /** No specific place shared or named by both, but a province shared. */
  REGION(0.5),
  /** A shared armed group. */
  ARMED(2.5),
  /** Both name armed groups, none shared. */
  OTHER_ARMED(-2.0),
  /** Two state-level reports whose titles name the same states. */
  PARTIES(2.5),
  /** A shared security force. */
  FORCE(1.0),
  /**
   * Shared counts of the lead: 2 for each of 5 or more, 1 for each smaller one, at most 3 in all.
   */
  COUNTS(1.0),
  /** Both give counts, none shared, and the later is neither a toll update nor a rising toll. */
  OTHER_COUNTS(-2.0),
  /** One title names forces acting (an operation), the other not, neither a reaction's. */
  OPERATION_APART(-2.0),
  /** Both titles name kinds other than an operation, none shared. */
  OTHER_TITLE_KINDS(-2.0),
  /** A shared kind of event (when neither of the two above holds). */
  KIND(0.5),
  /** Both name kinds, none shared (when none of the three above holds). */
  OTHER_KINDS(-2.0),
  /** Both titles name who was hit, no class shared. */
  OTHER_VICTIMS(-2.0),
  /** One a background or trend piece, the other not. */
  BACKGROUND_APART(-10.0),
  /** One a reaction (protest, strike, funeral), the other not and its title naming none. */
  REACTION_APART(-10.0),
  /** Reported within {@link LinkRule#NEAR_SECONDS}, or the later a toll update of the earlier. */
  NEAR(1.0),
  /** Reported more than {@link LinkRule#FAR_SECONDS} apart (and not a toll update). */
  FAR(-1.0);

  /** The weight chosen by hand (see {@link LinkRule}'s table). */
  final double handWeight;

  LinkFeature(double handWeight) {
    this.handWeight = handWeight;
  }

  /** The number of features: the length of a feature vector. */
  static final int COUNT = values().length;
}
