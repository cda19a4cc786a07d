package org.newswatch.ingest.story;

/**
 * One piece of evidence {@link LinkRule} weighs for a pair of articles: each is a number (most 0 or
 * 1) that {@link LinkRule#features} computes, and the pair's score is {@link LinkWeights}' weights
 * times these (LinkRule's table says what each means).
 *
 * <p>Each has two weights. The hand weight was chosen by hand set after set ({@link
 * LinkWeights#HAND}, threshold 4); scored once on each new blind set it reached P 0.53–0.68, R
 * 0.79–0.86. The learned weight, the default ({@link LinkWeights#LEARNED}), is a logistic
 * regression's (L2 penalty 1, Newton's method: {@code LogisticFit} in the tests) on every pair of
 * the nine labelled sets that the matcher scores (one set, within its window, sharing an anchor),
 * with the threshold at which the matcher links those sets best; left out of the fit one set at a
 * time, the learned weights reached P 0.904, R 0.925 on the set left out (micro-averaged; the
 * stories README has the table). The scale is log-odds, not the hand weights'. To refit after a
 * change to the labelled set or the features, run {@code ./mvnw -o -q -pl common,ingest-service -am
 * test -Dtest='LinkWeightsCrossValidationTest' -Dsurefire.failIfNoSpecifiedTests=false}, copy the
 * weights it prints (ingest-service/target/surefire-reports/...-output.txt) here and the threshold
 * to {@link LinkWeights#LEARNED}; the test fails until they agree.
 */
enum LinkFeature {
  /** The most specific place shared is a town or crossing (or a district both leads name). */
  SHARED_TOWN(3.0, 1.455),
  /** The most specific place shared is a district. */
  SHARED_DISTRICT(2.0, -0.149),
  /** Further shared places beyond the first: 0, 1 or 2 (more count as 2). */
  MORE_PLACES(0.5, 0.446),
  /** Both name specific places, none shared. */
  OTHER_PLACES(-3.0, -1.877),
  /** No specific place shared or named by both, but a province shared. */
  REGION(0.5, 0.000),
  /** A shared armed group. */
  ARMED(2.5, 0.095),
  /** Both name armed groups, none shared. */
  OTHER_ARMED(-2.0, -0.179),
  /** Two state-level reports whose titles name the same states. */
  PARTIES(2.5, 0.812),
  /** A shared security force. */
  FORCE(1.0, -0.034),
  /**
   * Shared counts of the lead: 2 for each of 5 or more, 1 for each smaller one, at most 3 in all.
   */
  COUNTS(1.0, 0.941),
  /** Both give counts, none shared, and the later is neither a toll update nor a rising toll. */
  OTHER_COUNTS(-2.0, -1.079),
  /** One title names forces acting (an operation), the other not, neither a reaction's. */
  OPERATION_APART(-2.0, -1.643),
  /** Both titles name kinds other than an operation, none shared. */
  OTHER_TITLE_KINDS(-2.0, -1.645),
  /** A shared kind of event (when neither of the two above holds). */
  KIND(0.5, 0.898),
  /** Both name kinds, none shared (when none of the three above holds). */
  OTHER_KINDS(-2.0, -0.580),
  /** Both titles name who was hit, no class shared. */
  OTHER_VICTIMS(-2.0, -2.411),
  /** One a background or trend piece, the other not. */
  BACKGROUND_APART(-10.0, -3.628),
  /** One a reaction (protest, strike, funeral), the other not and its title naming none. */
  REACTION_APART(-10.0, -1.516),
  /** Reported within {@link LinkRule#NEAR_SECONDS}, or the later a toll update of the earlier. */
  NEAR(1.0, 3.738),
  /** Reported more than {@link LinkRule#FAR_SECONDS} apart (and not a toll update). */
  FAR(-1.0, -1.022);

  /** The weight chosen by hand (see {@link LinkRule}'s table). */
  final double handWeight;

  /** The weight learned from the labelled set (see above). */
  final double learnedWeight;

  LinkFeature(double handWeight, double learnedWeight) {
    this.handWeight = handWeight;
    this.learnedWeight = learnedWeight;
  }

  /** The number of features: the length of a feature vector. */
  static final int COUNT = values().length;
}
