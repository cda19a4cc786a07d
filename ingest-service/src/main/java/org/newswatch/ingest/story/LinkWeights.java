package org.newswatch.ingest.story;

import java.util.Arrays;
import java.util.Locale;

/**
 * The weights {@link LinkRule} gives its {@link LinkFeature}s, one per feature in declaration
 * order, and the score two anchored articles must reach to link.
 *
 * @param weights one per {@link LinkFeature}, by ordinal
 * @param threshold the least score that links
 */
record LinkWeights(double[] weights, double threshold) {

  /** The weights chosen by hand set after set, and the threshold they were chosen against. */
  static final LinkWeights HAND = new LinkWeights(handWeights(), 4.0);

  /**
   * The weights learned from the labelled set ({@link LinkFeature} says how), and the threshold the
   * matcher linked it best at: a fitted probability of one event of {@value #LEARNED_PROBABILITY}.
   */
  static final LinkWeights LEARNED = new LinkWeights(learnedWeights(), 4.127);

  static final double LEARNED_PROBABILITY = 0.4;

  /** The weights deployments use. */
  static final LinkWeights DEFAULT = LEARNED;

  LinkWeights {
    if (weights.length != LinkFeature.COUNT) {
      throw new IllegalArgumentException(
          "weights: "
              + LinkFeature.COUNT
              + " expected (one per LinkFeature), was "
              + weights.length);
    }
    for (double w : weights) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("weights must be finite: " + Arrays.toString(weights));
      }
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, was " + threshold);
    }
    weights = weights.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  double weight(LinkFeature f) {
    return weights[f.ordinal()];
  }

  /** The score of a feature vector: the weights times the features. */
  double score(double[] features) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * features[i];
    }
    return s;
  }

  private static double[] handWeights() {
    double[] w = new double[LinkFeature.COUNT];
    for (LinkFeature f : LinkFeature.values()) {
      w[f.ordinal()] = f.handWeight;
    }
    return w;
  }

  private static double[] learnedWeights() {
    double[] w = new double[LinkFeature.COUNT];
    for (LinkFeature f : LinkFeature.values()) {
      w[f.ordinal()] = f.learnedWeight;
    }
    return w;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (LinkFeature f : LinkFeature.values()) {
      out.append(String.format(Locale.ROOT, "%s %.3f%n", f.name(), weights[f.ordinal()]));
    }
    return out.append(String.format(Locale.ROOT, "threshold %.3f%n", threshold)).toString();
  }
}
