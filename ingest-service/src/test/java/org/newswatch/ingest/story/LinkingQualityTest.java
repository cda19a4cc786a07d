package org.newswatch.ingest.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newswatch.ingest.story.LabelledEvents.Labelled;
import org.newswatch.ingest.story.LabelledEvents.Scores;

/**
 * Pairwise precision and recall of story linking on the labelled set (src/test/resources/stories):
 * every pair of articles counts, right when the matcher gives one story id exactly to the articles
 * of one event. The weights of {@link LinkRule} were chosen on the tuning half; the held-out half
 * was written in the same sitting and scored only after, and a second held-out set was written
 * after that and scored once with the rule unchanged. A third held-out set was written and
 * committed before the rule's second change (lead districts, background pieces), scored once before
 * it and once after. A fourth was written by a helper who had not read the rule, committed, and
 * scored once. The rule's third change (towns within a district, road names, the border districts'
 * towns, toll updates, protest-led reports, lead counts and places, copies within a week) was made
 * on sets 1–4, held-out 4 among them, so held-out 4 is a tuning set since; a fifth set, written
 * blind, was scored once after it. Held-out 5 guided the fourth change (reactions to an attack,
 * rising tolls the same day, a crossing's two sides, state-level reports), so it is a tuning set
 * since. Held-out 6, written blind while the fourth change was made and scored once after it,
 * guided the fifth change (funerals and protests over an event their own events, titles of other
 * kinds, shared names in the lead, Gabd-Rimdan, meetings that step up patrols), so it is a tuning
 * set since. Held-out 7, written blind while the fifth change was made and scored once after it,
 * guided the sixth change (the lead's own town within a district, places of no known district named
 * below the lead, an operation against an attack, who was hit), so it is a tuning set since and no
 * set here is blind any more. Since the seventh change the weights are learned from all nine sets
 * ({@link LinkWeights#LEARNED}; {@code LinkWeightsCrossValidationTest} measures them on sets left
 * out of the fit), so every figure here is on data they were fitted to. Each floor sits just below
 * the figure after the latest change, so that a change for the worse fails; the README's figures
 * are what this prints.
 */
class LinkingQualityTest {
  /**
   * The tuning half links every pair (P 1.000, R 1.000), with the hand weights and the learned
   * ones; above the goal of 0.9.
   */
  static final double TUNE_FLOOR = 0.98;

  /**
   * Held-out 1 after the second change: P 1.000, R 0.864 (only the two real off-gazetteer events,
   * E42 and E43, miss: six pairs), with the learned weights too. Below the recall goal of
   * 0.9, which this half does not reach while the gazetteer cannot place those events.
   */
  static final double HELD_OUT_PRECISION_FLOOR = 0.95;

  static final double HELD_OUT_RECALL_FLOOR = 0.85;

  /** Held-out 2 after the second change: P 1.000, R 1.000. */
  static final double HELD_OUT_2_PRECISION_FLOOR = 0.95;

  static final double HELD_OUT_2_RECALL_FLOOR = 0.95;

  /**
   * Held-out 3 (E58–E72), written and committed before the second change: P 0.474, R 0.783 before
   * it, P 0.852, R 1.000 after (the two Quetta protests the same day, E66 and E67, still join);
   * with the learned weights P 0.846 (22/26), R 0.957 (22/23).
   */
  static final double HELD_OUT_3_PRECISION_FLOOR = 0.84;

  static final double HELD_OUT_3_RECALL_FLOOR = 0.95;

  /**
   * Held-out 4 (E73–E90), written by a helper who had not read the rule and committed before it was
   * scored, scored once: P 0.667 (34/51), R 0.829 (34/41); cross-language P 0.769, R 0.857. The
   * third change was guided by its misses, so it is a tuning set since: after it P 1.000 (41/41), R
   * 1.000 (41/41). The four held-out sets together: P 0.838, R 0.902 before; P 0.969, R 0.955
   * after.
   */
  static final double HELD_OUT_4_PRECISION_FLOOR = 0.98;

  static final double HELD_OUT_4_RECALL_FLOOR = 0.98;

  /**
   * Held-out 5 (E91 on), written blind by a helper who had not read the link rule or held-out 4's
   * misses, and committed before it was scored. Scored once with the rule unchanged (no change was
   * made after held-out 4): P 0.600 (30/50), R 0.833 (30/36). Scored once more after the third
   * change, not tuned on: P 0.784 (29/37), R 0.806 (29/36); cross-language P 0.867, R 0.813.
   * Held-out 5 guided the fourth change, so it is a tuning set since: after it P 1.000 (36/36), R
   * 1.000 (36/36); all five held-out sets together P 0.976, R 0.964 (were P 0.928, R 0.923).
   */
  static final double HELD_OUT_5_PRECISION_FLOOR = 0.98;

  static final double HELD_OUT_5_RECALL_FLOOR = 0.98;

  /**
   * Held-out 6 (E107 on), written blind on 2026-12-06 by a helper who had read neither the link
   * rule nor any set's misses, while the fourth change was being made from held-out 5's; committed
   * before it was scored, and scored once after that change: P 0.655 (38/58), R 0.864 (38/44);
   * cross-language P 0.733 (33/45), R 0.846 (33/39). Held-out 6 guided the fifth change, so it is a
   * tuning set since: after it P 1.000 (44/44), R 1.000 (44/44); all six held-out sets together P
   * 0.981, R 0.972 (were P 0.893, R 0.943). With the learned weights P 0.917 (44/48), R 1.000.
   */
  static final double HELD_OUT_6_PRECISION_FLOOR = 0.9;

  static final double HELD_OUT_6_RECALL_FLOOR = 0.98;

  /**
   * Held-out 7 (E126 on), written blind on 2026-12-06 by a helper who had read neither the link
   * rule nor any set's misses, while the fifth change was being made from held-out 6's; committed
   * before it was scored, and scored once after that change: P 0.529 (37/70), R 0.822 (37/45);
   * cross-language P 0.618 (34/55), R 0.810 (34/42). Held-out 7 guided the sixth change, so it is a
   * tuning set since: after it P 0.925 (37/40), R 0.822 (37/45); cross-language P 0.944 (34/36), R
   * 0.810 (34/42); all seven held-out sets together P 0.972, R 0.946 (were P 0.868, R 0.946). With
   * the learned weights P 1.000 (41/41), R 0.911 (41/45).
   */
  static final double HELD_OUT_7_PRECISION_FLOOR = 0.98;

  static final double HELD_OUT_7_RECALL_FLOOR = 0.9;

  /**
   * Held-out 8 (E145 on), written blind on 2026-12-06 by a helper who had read neither the link
   * rule, nor the README, nor any set's misses, while the sixth change was being made from held-out
   * 7's; committed before it was scored, and scored once after that change: P 0.680 (34/50), R
   * 0.791 (34/43); cross-language P 0.762 (32/42), R 0.780 (32/41). The learned weights were fitted
   * on it too: with them P 1.000 (38/38), R 0.884 (38/43); left out of their fit (the
   * cross-validation) P 1.000 (35/35), R 0.814 (35/43).
   */
  static final double HELD_OUT_8_PRECISION_FLOOR = 0.98;

  static final double HELD_OUT_8_RECALL_FLOOR = 0.88;

  /**
   * The first three held-out sets as one set (pairs across sets count too): P 0.955, R 0.934 with
   * the hand weights; P 0.955 (84/88), R 0.923 (84/91) with the learned ones. All eight: P 0.923, R
   * 0.923 with the hand weights; P 0.973 (284/292), R 0.947 (284/300) with the learned ones.
   */
  static final double ALL_HELD_OUT_PRECISION_FLOOR = 0.95;

  static final double ALL_HELD_OUT_RECALL_FLOOR = 0.92;

  /** Same-language near-duplicates (syndicated copies): the rule the SimHash keeps. */
  static final double NEAR_DUPLICATE_FLOOR = 0.98;

  /**
   * Held-out 9 (E164–E182, August 2026), written blind by a helper who read neither the rule, nor
   * the READMEs, nor any set's misses, and scored once with the learned weights (the seventh
   * change), nothing changed after: P 1.000 (49/49), R 0.980 (49/50). The hand weights, which never
   * saw it either, scored P 0.862 (50/58), R 1.000 on it.
   */
  static final double HELD_OUT_9_PRECISION_FLOOR = 0.98;

  static final double HELD_OUT_9_RECALL_FLOOR = 0.96;

  static LabelledEvents set;
  static Map<String, String> storyOf;

  @BeforeAll
  static void link() {
    set = LabelledEvents.load();
    storyOf = set.assign(new CrossLanguageMatcher());
  }

  static List<Labelled> split(String name) {
    return set.articles().stream().filter(l -> l.split().equals(name)).toList();
  }

  static Scores report(String label, List<Labelled> part, LabelledEvents.PairFilter filter) {
    Scores s = LabelledEvents.score(part, storyOf, filter);
    System.out.printf("%-44s %s%n", label, s);
    return s;
  }

  @Test
  void tuningHalfLinksAboveTheGoal() {
    List<Labelled> tune = split("tune");
    explain(tune);
    Scores all = report("tune, all pairs", tune, (a, b) -> true);
    report(
        "tune, cross-language pairs",
        tune,
        (a, b) -> !a.article().language().equals(b.article().language()));
    report(
        "tune, same-language pairs",
        tune,
        (a, b) -> a.article().language().equals(b.article().language()));
    assertTrue(all.precision() >= TUNE_FLOOR, () -> "precision " + all);
    assertTrue(all.recall() >= TUNE_FLOOR, () -> "recall " + all);
  }

  @Test
  void heldOutHalfLinksAboveItsFloor() {
    List<Labelled> held = split("heldout");
    explain(held);
    Scores all = report("held-out, all pairs", held, (a, b) -> true);
    report(
        "held-out, cross-language pairs",
        held,
        (a, b) -> !a.article().language().equals(b.article().language()));
    report(
        "held-out, same-language pairs",
        held,
        (a, b) -> a.article().language().equals(b.article().language()));
    List<Labelled> written =
        held.stream().filter(l -> !l.event().equals("E42") && !l.event().equals("E43")).toList();
    report("held-out, border events only (no E42, E43)", written, (a, b) -> true);
    assertTrue(all.precision() >= HELD_OUT_PRECISION_FLOOR, () -> "precision " + all);
    assertTrue(all.recall() >= HELD_OUT_RECALL_FLOOR, () -> "recall " + all);
  }

  @Test
  void secondHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(2, HELD_OUT_2_PRECISION_FLOOR, HELD_OUT_2_RECALL_FLOOR);
  }

  @Test
  void thirdHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(3, HELD_OUT_3_PRECISION_FLOOR, HELD_OUT_3_RECALL_FLOOR);
  }

  @Test
  void fourthHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(4, HELD_OUT_4_PRECISION_FLOOR, HELD_OUT_4_RECALL_FLOOR);
  }

  @Test
  void fifthHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(5, HELD_OUT_5_PRECISION_FLOOR, HELD_OUT_5_RECALL_FLOOR);
  }

  @Test
  void sixthHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(6, HELD_OUT_6_PRECISION_FLOOR, HELD_OUT_6_RECALL_FLOOR);
  }

  @Test
  void seventhHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(7, HELD_OUT_7_PRECISION_FLOOR, HELD_OUT_7_RECALL_FLOOR);
  }

  @Test
  void eighthHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(8, HELD_OUT_8_PRECISION_FLOOR, HELD_OUT_8_RECALL_FLOOR);
  }

  @Test
  void ninthHeldOutSetLinksAboveItsFloor() {
    scoreAboveFloors(9, HELD_OUT_9_PRECISION_FLOOR, HELD_OUT_9_RECALL_FLOOR);
  }

  /** Prints held-out set {@code n}'s explain lines and figures, and holds it to its floors. */
  private void scoreAboveFloors(int n, double precisionFloor, double recallFloor) {
    List<Labelled> held = split("heldout" + n);
    explain(held);
    Scores all = report("held-out " + n + ", all pairs", held, (a, b) -> true);
    report(
        "held-out " + n + ", cross-language pairs",
        held,
        (a, b) -> !a.article().language().equals(b.article().language()));
    assertTrue(all.precision() >= precisionFloor, () -> "precision " + all);
    assertTrue(all.recall() >= recallFloor, () -> "recall " + all);
  }

  /** Held-out sets 1 to {@code last} together (set 1's split is {@code heldout}). */
  private List<Labelled> heldOutUpTo(int last) {
    return set.articles().stream()
        .filter(l -> l.split().startsWith("heldout"))
        .filter(
            l -> {
              String n = l.split().substring("heldout".length());
              return (n.isEmpty() ? 1 : Integer.parseInt(n)) <= last;
            })
        .toList();
  }

  @Test
  void allHeldOutSetsTogetherLinkAboveTheirFloor() {
    Scores all = report("held-out 1+2+3, all pairs", heldOutUpTo(3), (a, b) -> true);
    // The later sets joined on one by one, printed for the README; the floors stay on the three
    // sets above.
    for (int last = 4; last <= 9; last++) {
      StringBuilder label = new StringBuilder("held-out 1");
      for (int k = 2; k <= last; k++) {
        label.append('+').append(k);
      }
      report(label + ", all pairs", heldOutUpTo(last), (a, b) -> true);
    }
    assertTrue(all.precision() >= ALL_HELD_OUT_PRECISION_FLOOR, () -> "precision " + all);
    assertTrue(all.recall() >= ALL_HELD_OUT_RECALL_FLOOR, () -> "recall " + all);
  }

  @Test
  void syndicatedCopiesShareTheirOriginalsStory() {
    int copies = 0;
    for (Labelled l : set.articles()) {
      if (l.copyOf() != null) {
        copies++;
        assertEquals(storyOf.get(l.copyOf()), storyOf.get(l.article().id()), l.article().id());
      }
    }
    assertTrue(copies >= 3, "the set has syndicated copies");
    // All same-language pairs, for the README: held-out 3's background pieces written in the
    // language of an incident's report make false same-language links that are the cross-language
    // rule's, not the SimHash's; the floor is on pairs with a syndicated copy in them.
    report(
        "all, same-language pairs",
        set.articles(),
        (a, b) -> a.article().language().equals(b.article().language()));
    LabelledEvents.PairFilter withACopy =
        (a, b) ->
            a.article().language().equals(b.article().language())
                && (a.copyOf() != null || b.copyOf() != null);
    // With the hand weights held-out 8's copy of the border commission's meeting joined the next
    // day's trade talks through a cross-language false link (P 0.900, 9/10), so the floor was on
    // the other sets; the learned weights keep it apart (P 1.000, 9/9), so it is on all.
    Scores same = report("all, same-language pairs with a copy", set.articles(), withACopy);
    assertTrue(same.precision() >= NEAR_DUPLICATE_FLOOR, () -> "same-language precision " + same);
  }

  @Test
  void setIsAtLeastFortyEventsEachInTwoLanguages() {
    Map<String, java.util.Set<String>> languages = new java.util.TreeMap<>();
    for (Labelled l : set.articles()) {
      languages
          .computeIfAbsent(l.event(), k -> new java.util.TreeSet<>())
          .add(l.article().language());
    }
    assertTrue(languages.size() >= 40, "events: " + languages.size());
    languages.forEach((event, langs) -> assertTrue(langs.size() >= 2, event + " in " + langs));
  }

  /** Prints each event's articles with their stories, and marks where linking went wrong. */
  static void explain(List<Labelled> part) {
    SignalReader reader = SignalReader.bundled();
    String lastEvent = "";
    List<Labelled> byEvent =
        part.stream().sorted(java.util.Comparator.comparing(Labelled::event)).toList();
    for (Labelled l : byEvent) {
      if (!l.event().equals(lastEvent)) {
        lastEvent = l.event();
      }
      String story = storyOf.get(l.article().id());
      long sameEventOtherStory =
          part.stream()
              .filter(
                  o -> o.event().equals(l.event()) && !storyOf.get(o.article().id()).equals(story))
              .count();
      long otherEventSameStory =
          part.stream()
              .filter(
                  o -> !o.event().equals(l.event()) && storyOf.get(o.article().id()).equals(story))
              .count();
      EventSignals s = reader.read(l.article());
      System.out.printf(
          "%s %-12s %-20s %s%s places=%s armed=%s forces=%s numbers=%s kinds=%s%n",
          l.event(),
          l.article().id(),
          story,
          sameEventOtherStory > 0 ? "SPLIT " : "",
          otherEventSameStory > 0 ? "MERGED " : "",
          l.article().places(),
          java.util.Arrays.toString(s.armed()),
          java.util.Arrays.toString(s.forces()),
          java.util.Arrays.toString(s.numbers()),
          Integer.toBinaryString(s.kinds()));
    }
  }
}
