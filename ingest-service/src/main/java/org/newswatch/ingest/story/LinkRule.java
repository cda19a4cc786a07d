package org.newswatch.ingest.story;

/**
 * Whether two articles report one event, from their {@link EventSignals} alone (so language does
 * not matter): a score that adds what they share and subtracts what sets them apart, against a
 * threshold. Each piece of evidence is a {@link LinkFeature}, computed in {@link #features}; the
 * score is {@link LinkWeights}' weights times them. The default weights are learned from the
 * labelled set ({@link LinkFeature} says how); the table and the paragraph after it give the hand
 * weights, which say what each piece of evidence is for. Two articles link only if they share an
 * anchor, a town, crossing or district or an armed group (or, two state-level reports that name no
 * place, the same states), and were reported within the matcher's window; a province alone never
 * links them.
 *
 * <table>
 *   <caption>Hand weights ({@link LinkWeights#HAND}, threshold 4; chosen set after set on the labelled set, see its README)</caption>
 *   <tr><th>evidence</th><th>score</th></tr>
 *   <tr><td>a shared town or crossing / district (a town counts for its district too)</td><td>+3 / +2; each
 *       further shared place +0.5, at most +1</td></tr>
 *   <tr><td>a shared district that both name in their title or first paragraph counts as a town</td><td>+3</td></tr>
 *   <tr><td>a shared district where each names a town of it and they share none there (Buleda; Turbat)
 *       is not shared; nor is any place of a district whose two leads each name a town of it, none
 *       the same (Tump; Buleda, each recalling the other or the hospital in Turbat)</td><td>0</td></tr>
 *   <tr><td>a shared place one report names only below its lead (title and first sentence) when that
 *       lead puts the event in another district (Dalbandin's report recalling Nushki's) is not
 *       shared</td><td>0</td></tr>
 *   <tr><td>a shared province, when no specific place is shared</td><td>+0.5</td></tr>
 *   <tr><td>both name specific places, none shared (same kind of attack in another district)</td><td>−3</td></tr>
 *   <tr><td>a shared armed group; both name armed groups, none shared</td><td>+2.5; −2</td></tr>
 *   <tr><td>two state-level reports (no place in title and first sentence) whose titles name the
 *       same two or more states ({@code parties.txt}: "Pakistan, Iran sign barter deal")</td><td>+2.5</td></tr>
 *   <tr><td>a shared security force (FC, Levies, border guards, IRGC)</td><td>+1 (at most)</td></tr>
 *   <tr><td>a shared count of 5 or more / of 2–4 (counts of the title and first paragraph); at most
 *       +3 in all</td><td>+2 / +1</td></tr>
 *   <tr><td>both give counts, none shared (5 guards killed; 4 attackers killed), unless the later one
 *       is a toll update (below), or comes within {@link #NEAR_SECONDS} with a higher toll than an
 *       earlier report that names no armed group, sharing a place and a kind (a first report, before
 *       the dead were all counted and the attack claimed)</td><td>−2</td></tr>
 *   <tr><td>a shared kind of event; both name kinds, none shared (a flood and a bombing), or both
 *       titles name kinds other than as a cause, none shared (a hanging; a shooting the next day
 *       whose report recalls the hanging), or one title names forces acting (arrests, a raid, an
 *       operation) and the other not, neither a protest or funeral (a camp attacked; the next day's
 *       operation in the district)</td><td>+0.5; −2</td></tr>
 *   <tr><td>both titles name who was hit ({@code victims.txt}: forces, police, civilians), no class
 *       shared (soldiers killed in Tump; labourers shot in Buleda)</td><td>−2</td></tr>
 *   <tr><td>one a background or trend piece, the other not (see {@code background.txt})</td><td>−10</td></tr>
 *   <tr><td>one a reaction (a protest, strike, funeral: {@link ReactionReader}), the other not, and
 *       the other's title names no protest or funeral (the bombing; the funeral of its dead)</td><td>−10</td></tr>
 *   <tr><td>reported within {@link #NEAR_SECONDS} of each other, or the later a toll update (see
 *       {@code toll-updates.txt}) within {@link #UPDATE_SECONDS} sharing a place and a kind / more
 *       than {@link #FAR_SECONDS} apart</td><td>+1 / −1</td></tr>
 * </table>
 *
 * <p>So a town named in two reports a few hours apart links them unless something disagrees (a town
 * and a kind of event alone: 3 + 0.5 + 1); a day and a half apart it takes a group or a count as
 * well; the same group at the same place a day later with other counts does not link. A short
 * report that names only its district ("protest in Washuk") links like one naming a town when the
 * other report also names that district in its lead. A background piece ("patrols stepped up after
 * a series of attacks in recent weeks") names the towns, group and forces of the incident it
 * follows and is about many events, so it never joins a report of one incident; two versions of one
 * background piece still link with each other. Two incidents in one district on one day, each in
 * its own town, stay apart; a next-day report that says the toll rose joins the first reports
 * whatever its counts, and so does a same-day report with a higher toll than a first report that
 * names no group; a report that recalls another event below its lead does not join it.
 */
final class LinkRule {
  /** Further shared places count at most this many (so +1 at the hand weight of +0.5 each). */
  static final int MORE_PLACES_MAX = 2;

  static final double LARGE_COUNT = 2.0;
  static final double SMALL_COUNT = 1.0;
  static final int LARGE = 5;
  static final double COUNTS_MAX = 3.0;
  static final long NEAR_SECONDS = 12 * 3600;
  static final long FAR_SECONDS = 24 * 3600;

  /** A toll update comes within a day and a half of the first reports. */
  static final long UPDATE_SECONDS = 36 * 3600;

  private final SignalReader reader;
  private final LinkWeights weights;

  /** Bit set of the kinds that are reactions to another event: protest, funeral. */
  private final int reactionKinds;

  /** Bit of the kind that is forces acting against militants: arrests, raids, operations. */
  private final int operationKind;

  LinkRule(SignalReader reader) {
    this(reader, LinkWeights.DEFAULT);
  }

  LinkRule(SignalReader reader, LinkWeights weights) {
    this.reader = reader;
    this.weights = weights;
    this.reactionKinds = reader.kindBit("protest") | reader.kindBit("funeral");
    this.operationKind = reader.kindBit("operation");
  }

  /** The least score that links, with these weights. */
  double threshold() {
    return weights.threshold();
  }

  /**
   * Whether the two share a place (town, crossing, district) or an armed group: the index's keys.
   */
  static boolean anchored(EventSignals a, EventSignals b) {
    return intersects(a.places(), b.places())
        || intersects(a.armed(), b.armed())
        || (a.parties() != 0 && a.parties() == b.parties());
  }

  /**
   * The score of the pair, the weights times its {@link #features}; they are one event when it
   * reaches the {@link #threshold()} and they are anchored.
   */
  double score(EventSignals a, EventSignals b) {
    return weights.score(features(a, b));
  }

  /**
   * The pair's evidence, one number per {@link LinkFeature} by ordinal: what {@link #score} weighs.
   */
  double[] features(EventSignals a, EventSignals b) {
    double[] f = new double[LinkFeature.COUNT];
    // Places: the most specific shared one, a little for more; apart if each names others.
    double best = 0;
    int shared = 0;
    for (int i = 0, j = 0; i < a.places().length && j < b.places().length; ) {
      int x = a.places()[i];
      int y = b.places()[j];
      if (x == y) {
        double weight = reader.placeWeight(x);
        if (!placesEvent(a, x) || !placesEvent(b, x)) {
          // Named only further down by a report whose lead is elsewhere: the hospital, the
          // headquarters, the other attack it recalls ("a day after the killings near Nushki").
          i++;
          j++;
          continue;
        }
        int district = weight == SignalReader.DISTRICT ? x : reader.parentOf(x);
        if (district >= 0 && otherTownsIn(district, a.leadPlaces(), b.leadPlaces())) {
          // Tump in one lead, Buleda in the other: two events in Kech, whatever each recalls of the
          // other's town or the hospital town they share further down.
          i++;
          j++;
          continue;
        }
        if (weight == SignalReader.DISTRICT && otherTownsIn(x, a.places(), b.places())) {
          // Buleda in one, Turbat in the other: two places in Kech, not a shared one.
          i++;
          j++;
          continue;
        }
        if (weight == SignalReader.DISTRICT
            && contains(a.leadDistricts(), x)
            && contains(b.leadDistricts(), x)) {
          weight = SignalReader.TOWN;
        }
        best = Math.max(best, weight);
        shared++;
        i++;
        j++;
      } else if (x < y) {
        i++;
      } else {
        j++;
      }
    }
    if (shared > 0) {
      LinkFeature place =
          best == SignalReader.TOWN ? LinkFeature.SHARED_TOWN : LinkFeature.SHARED_DISTRICT;
      f[place.ordinal()] = 1;
      f[LinkFeature.MORE_PLACES.ordinal()] = Math.min(MORE_PLACES_MAX, shared - 1);
    } else if (a.places().length > 0 && b.places().length > 0) {
      f[LinkFeature.OTHER_PLACES.ordinal()] = 1;
    } else if (intersects(a.regions(), b.regions())) {
      f[LinkFeature.REGION.ordinal()] = 1;
    }
    // Armed groups: strong both ways; forces: weak, named in most reports.
    if (intersects(a.armed(), b.armed())) {
      f[LinkFeature.ARMED.ordinal()] = 1;
    } else if (a.armed().length > 0 && b.armed().length > 0) {
      f[LinkFeature.OTHER_ARMED.ordinal()] = 1;
    }
    if (intersects(a.forces(), b.forces())) {
      f[LinkFeature.FORCE.ordinal()] = 1;
    }
    // Two state-level reports of the same states (a deal signed in Islamabad): the states stand in
    // for the place the gazetteer does not have, as strong as a group; the kind and the hours must
    // agree too, and nothing may disagree.
    if (a.parties() != 0 && a.parties() == b.parties()) {
      f[LinkFeature.PARTIES.ordinal()] = 1;
    }
    // Counts: a toll of 11 in both is rare by chance; 2 or 3 less so.
    double counts = 0;
    for (int i = 0, j = 0; i < a.numbers().length && j < b.numbers().length; ) {
      int x = a.numbers()[i];
      int y = b.numbers()[j];
      if (x == y) {
        counts += x >= LARGE ? LARGE_COUNT : SMALL_COUNT;
        i++;
        j++;
      } else if (x < y) {
        i++;
      } else {
        j++;
      }
    }
    // A later report that says the toll changed, of a place and kind the earlier one shares: its
    // other counts and the day between are what an update is, not evidence of another event.
    long apart = Math.abs(a.time() - b.time());
    EventSignals later = a.time() >= b.time() ? a : b;
    boolean update =
        later.tollUpdate()
            && apart <= UPDATE_SECONDS
            && shared > 0
            && (a.kinds() & b.kinds()) != 0
            && a.background() == b.background();
    // A first report, before any claim, and a later one within hours with a higher toll: the dead
    // are counted as the day goes on ("IRNA earlier put the toll at three"), so the lower count is
    // not evidence of another incident.
    EventSignals earlier = later == a ? b : a;
    boolean rising =
        apart <= NEAR_SECONDS
            && shared > 0
            && (a.kinds() & b.kinds()) != 0
            && a.background() == b.background()
            && earlier.armed().length == 0
            && highest(later.numbers()) > highest(earlier.numbers());
    if (counts > 0) {
      f[LinkFeature.COUNTS.ordinal()] = Math.min(COUNTS_MAX, counts);
    } else if (a.numbers().length > 0 && b.numbers().length > 0 && !update && !rising) {
      f[LinkFeature.OTHER_COUNTS.ordinal()] = 1;
    }
    if (((a.titleKinds() ^ b.titleKinds()) & operationKind) != 0
        && ((a.titleKinds() | b.titleKinds()) & reactionKinds) == 0) {
      // One title says forces acted (arrests, a raid, an operation), the other not (an attack on
      // them): two actions, however close in place and day. A protest's title asks for arrests
      // or names detained men; the reaction rule below weighs those.
      f[LinkFeature.OPERATION_APART.ordinal()] = 1;
    } else if ((a.titleKinds() & ~operationKind) != 0
        && (b.titleKinds() & ~operationKind) != 0
        && (a.titleKinds() & b.titleKinds()) == 0) {
      // Their titles are about other kinds of event (a hanging; a shooting the day after it):
      // what either recalls further down does not make them one kind.
      f[LinkFeature.OTHER_TITLE_KINDS.ordinal()] = 1;
    } else if ((a.kinds() & b.kinds()) != 0) {
      f[LinkFeature.KIND.ordinal()] = 1;
    } else if (a.kinds() != 0 && b.kinds() != 0) {
      f[LinkFeature.OTHER_KINDS.ordinal()] = 1;
    }
    // Soldiers killed and labourers shot, or Guards ambushed and a policeman shot: who was hit
    // tells two events at one place and day apart.
    if (a.titleVictims() != 0
        && b.titleVictims() != 0
        && (a.titleVictims() & b.titleVictims()) == 0) {
      f[LinkFeature.OTHER_VICTIMS.ordinal()] = 1;
    }
    // One incident and a piece about many: never one event, whatever they share.
    if (a.background() != b.background()) {
      f[LinkFeature.BACKGROUND_APART.ordinal()] = 1;
    }
    // A reaction (a protest, a funeral) and a report whose title names none, of the event it reacts
    // to: two events, whatever the reaction repeats of the event's places, tolls and groups.
    EventSignals other = a.reaction() ? b : a;
    if (a.reaction() != b.reaction() && (reactionKinds & other.titleKinds()) == 0) {
      f[LinkFeature.REACTION_APART.ordinal()] = 1;
    }
    if (apart <= NEAR_SECONDS || update) {
      // An update a day later counts as near: it says it is the same event.
      f[LinkFeature.NEAR.ordinal()] = 1;
    } else if (apart > FAR_SECONDS) {
      f[LinkFeature.FAR.ordinal()] = 1;
    }
    return f;
  }

  /** Whether two articles, already within the time window, report one event. */
  boolean sameEvent(EventSignals a, EventSignals b) {
    return anchored(a, b) && score(a, b) >= threshold();
  }

  /**
   * Whether the place may be where the report puts its event: yes when its lead (title and first
   * sentence) names it or its district, or names no district at all; no when it is named only
   * further down and the lead puts the event in a district, another or none this table gives the
   * place (Dalbandin, Chagai, with "a day after the killings near Nushki" below; Jiwani's boats,
   * with "the same storm sank a boat off Konarak" below).
   */
  private boolean placesEvent(EventSignals s, int place) {
    if (contains(s.leadPlaces(), place)) {
      return true;
    }
    int district =
        reader.placeWeight(place) == SignalReader.DISTRICT ? place : reader.parentOf(place);
    if (district >= 0 && contains(s.leadPlaces(), district)) {
      return true;
    }
    for (int p : s.leadPlaces()) {
      if (reader.placeWeight(p) == SignalReader.DISTRICT) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether each names a town or crossing in the district and they share none there: two places in
   * one district, so the district is no evidence that they report one event.
   */
  private boolean otherTownsIn(int district, int[] a, int[] b) {
    boolean inA = false;
    boolean inB = false;
    for (int x : a) {
      if (reader.parentOf(x) == district) {
        if (contains(b, x)) {
          return false;
        }
        inA = true;
      }
    }
    for (int y : b) {
      if (reader.parentOf(y) == district) {
        inB = true;
      }
    }
    return inA && inB;
  }

  /** The largest of sorted counts, or 0. */
  private static int highest(int[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  static boolean contains(int[] sorted, int code) {
    return java.util.Arrays.binarySearch(sorted, code) >= 0;
  }

  static boolean intersects(int[] a, int[] b) {
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }
}
