package org.newswatch.ingest.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.newswatch.common.model.Article;
import org.newswatch.common.places.Place;
import org.newswatch.common.places.PlaceKind;
import org.newswatch.common.places.PlaceMention;
import org.newswatch.common.places.PlaceResolver;

/**
 * Reads an article's {@link EventSignals}: its places (the ids ingest tagged, or resolved here for
 * an article without them), groups and forces ({@code groups.txt}), kinds of event ({@code
 * kinds.txt}) and counts ({@link Numbers}). Every name is compared after the project's analyzer, so
 * {@code Jaish al-Adl}, {@code جیش العدل} and {@code جيش العدل} are one group. Thread-safe.
 *
 * <p>Only the first {@link #MAX_CHARS} characters of title and body are read for groups and kinds,
 * and only the title and first paragraph ({@link #LEAD_CHARS}) for counts: the lead carries the
 * event's tolls, while a count further down is as often another event's ("a day after the bombing
 * that killed five"); and a hostile or huge body must not make linking slow. An article that
 * carries no places (a record from before ingest tagged them, or one that names none) has its first
 * {@link #PLACE_CHARS} resolved here.
 */
final class SignalReader {
  static final int MAX_CHARS = 6_000;

  /** Characters of title and lead resolved for places when the article carries none. */
  static final int PLACE_CHARS = 1_500;

  /**
   * Characters of the body's first paragraph read as the lead, with the title: where a report says
   * where its event happened and whether it is one incident or a trend.
   */
  static final int LEAD_CHARS = 300;

  /** A published time this far after fetching is the publisher's clock, not the event's. */
  private static final Duration FUTURE_SLACK = Duration.ofDays(1);

  /**
   * How much a shared place says, by kind: a town or crossing pins an event down, a province
   * barely.
   */
  static final double TOWN = 3.0;

  static final double DISTRICT = 2.0;

  /** A province's mark: never a place of {@link EventSignals#places}, only of its regions. */
  static final double REGION = 0.5;

  private final PlaceResolver resolver;
  private final NameTable groups;

  /** Who was hit, by class (forces, police, civilians), as a title names them. */
  private final NameTable victims;

  private final NameTable kinds;
  private final NameTable background;
  private final NameTable tollUpdates;
  private final ReactionReader reactions;
  private final BorderCrossings crossings;
  private final NameTable parties;

  /** The kind a reaction to an attack drops, and a crossing's report must not have. */
  private final int violenceKind;

  /**
   * Place id to code, and each code's weight; the district codes of parents come after the places.
   */
  private final Map<String, Integer> placeCodes = new HashMap<>();

  private final List<Double> placeWeights = new ArrayList<>();
  private final Map<Integer, Integer> parentOf = new HashMap<>();
  private final boolean[] armedGroup;

  SignalReader(PlaceResolver resolver) {
    this.resolver = resolver;
    this.groups = NameTable.resource("groups.txt");
    this.kinds = NameTable.resource("kinds.txt");
    this.background = NameTable.resource("background.txt");
    this.tollUpdates = NameTable.resource("toll-updates.txt");
    this.victims = NameTable.resource("victims.txt");
    if (kinds.entries().size() > 31) {
      throw new IllegalStateException("kinds.txt: at most 31 kinds fit the bit set");
    }
    for (Place p : resolver.gazetteer().places()) {
      code(p.id(), weight(p.kind()));
    }
    readParents();
    crossings = new BorderCrossings(placeCodes, id -> code(id, TOWN));
    parties = NameTable.resource("parties.txt");
    if (parties.entries().size() > 3) {
      throw new IllegalStateException("parties.txt: at most 3 states fit the matcher's keys");
    }
    violenceKind = kinds.indexById().get("violence");
    reactions =
        new ReactionReader(
            kinds,
            violenceKind,
            (1 << kinds.indexById().get("protest")) | (1 << kinds.indexById().get("funeral")));
    armedGroup = new boolean[groups.entries().size()];
    for (int i = 0; i < armedGroup.length; i++) {
      String label = groups.entries().get(i).label();
      if (!label.equals("armed") && !label.equals("force")) {
        throw new IllegalStateException(
            "groups.txt: " + groups.entries().get(i).id() + " must be armed or force");
      }
      armedGroup[i] = label.equals("armed");
    }
  }

  static SignalReader bundled() {
    return new SignalReader(PlaceResolver.bundled());
  }

  private int code(String id, double weight) {
    Integer known = placeCodes.get(id);
    if (known != null) {
      return known;
    }
    int c = placeWeights.size();
    placeCodes.put(id, c);
    placeWeights.add(weight);
    return c;
  }

  private static double weight(PlaceKind kind) {
    return switch (kind) {
      case TOWN, CROSSING -> TOWN;
      case DISTRICT -> DISTRICT;
      case REGION -> REGION;
    };
  }

  private void readParents() {
    String resource = "place-parents.txt";
    for (IdPair pair : IdPair.read(resource)) {
      Integer child = placeCodes.get(pair.left());
      if (child == null) {
        throw new IllegalStateException(
            resource + ": '" + pair.line() + "' must be 'known-place-id: district-id'");
      }
      parentOf.put(child, code(pair.right(), DISTRICT));
    }
  }

  EventSignals read(Article article) {
    String text = article.title() + "\n\n" + article.body();
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS);
    }
    List<String> placeIds =
        article.places().isEmpty()
            ? resolver.placeIds(
                text.length() > PLACE_CHARS ? text.substring(0, PLACE_CHARS) : text, "")
            : article.places();
    TreeSet<Integer> specific = new TreeSet<>();
    TreeSet<Integer> regions = new TreeSet<>();
    for (String id : placeIds) {
      Integer c = placeCodes.get(id);
      if (c == null) {
        continue; // a place this build does not know (a newer gazetteer wrote the record)
      }
      if (placeWeights.get(c) == REGION) {
        regions.add(c);
      } else {
        specific.add(c);
        Integer parent = parentOf.get(c);
        if (parent != null) {
          specific.add(parent);
        }
      }
    }
    Terms terms = Terms.of(text);
    TreeSet<Integer> armed = new TreeSet<>();
    TreeSet<Integer> forces = new TreeSet<>();
    for (int g : groups.find(terms)) {
      (armedGroup[g] ? armed : forces).add(g);
    }
    int kindBits = 0;
    for (int k : kinds.find(terms)) {
      kindBits |= 1 << k;
    }
    String leadBody = lead(article.body());
    // A protest, strike or shutdown in reaction to an attack is an event of its own: its violence
    // words are the attack's, which is another event.
    boolean reaction = reactions.isReaction(article.title(), leadBody);
    if (reaction) {
      kindBits &= ~(1 << violenceKind);
    }
    TreeSet<Integer> leadPlaces = new TreeSet<>();
    TreeSet<Integer> leadDistricts = new TreeSet<>();
    // A name two places share (Pishin) resolves by its cues, which a short lead may lack ("پشین:
    // ضلع پشین کے علاقے …" names Balochistan only further down): the lead's names resolved with the
    // whole text count as well as those the lead resolves alone.
    List<String> inLead = new ArrayList<>(resolver.placeIds(article.title(), leadBody));
    List<String> inFirstSentence =
        new ArrayList<>(resolver.placeIds(article.title(), firstSentence(leadBody)));
    String body = article.body();
    int bodyStart = article.title().length() + 2;
    int leadStart = bodyStart + Math.max(0, body.indexOf(leadBody));
    int leadEnd = leadStart + leadBody.length();
    int sentenceEnd = leadStart + firstSentence(leadBody).length();
    for (PlaceMention m : resolver.mentions(text)) {
      if (m.start() < leadEnd) {
        inLead.add(m.place().id());
      }
      if (m.start() < sentenceEnd) {
        inFirstSentence.add(m.place().id());
      }
    }
    for (String id : inLead) {
      Integer c = placeCodes.get(id);
      if (c != null && placeWeights.get(c) == DISTRICT) {
        leadDistricts.add(c);
      }
    }
    for (String id : inFirstSentence) {
      Integer c = placeCodes.get(id);
      if (c == null || placeWeights.get(c) == REGION) {
        continue;
      }
      leadPlaces.add(c);
      Integer parent = parentOf.get(c);
      if (parent != null) {
        leadPlaces.add(parent);
      }
    }
    Terms leadTerms = Terms.of(article.title() + "\n\n" + leadBody);
    // The kinds the title names: what the report is about, not what it recalls further down ("a
    // day after two prisoners were hanged").
    int titleKinds = reactions.titleKinds(article.title());
    if (reaction) {
      titleKinds &= ~(1 << violenceKind);
    }
    // A crossing's closing or reopening is one event whichever side's name a report uses; one
    // whose title names no violence, whatever it recalls further down (the attack that closed it).
    if ((titleKinds & (1 << violenceKind)) == 0 && crossings.aboutCrossing(leadTerms)) {
      crossings.addCrossings(specific);
      crossings.addCrossings(leadPlaces);
    }
    boolean trend = !background.find(leadTerms).isEmpty();
    boolean tollUpdate = !tollUpdates.find(leadTerms).isEmpty();
    return new EventSignals(
        language(article.language()),
        eventTime(article),
        ints(specific),
        ints(regions),
        ints(armed),
        ints(forces),
        Numbers.in(article.title() + "\n\n" + leadBody, article.language()),
        kindBits,
        ints(leadPlaces),
        ints(leadDistricts),
        trend,
        tollUpdate,
        leadPlaces.isEmpty() ? stateParties(article.title()) : 0,
        reaction,
        titleKinds,
        bits(victims.find(Terms.of(article.title()))));
  }

  /**
   * The bit set of the states the title names, when two or more: a report of talks or a deal
   * between them, which no border place anchors.
   */
  private int stateParties(String title) {
    int bits = 0;
    for (int p : parties.find(Terms.of(title))) {
      bits |= 1 << p;
    }
    return Integer.bitCount(bits) >= 2 ? bits : 0;
  }

  /** The body's first paragraph, at most {@link #LEAD_CHARS} characters of it. */
  static String lead(String body) {
    String b = body.strip();
    int end = b.indexOf('\n');
    if (end < 0) {
      end = b.length();
    }
    return b.substring(0, Math.min(end, LEAD_CHARS));
  }

  /**
   * The lead's first sentence (up to a full stop, Urdu {@code ۔}, a question or exclamation mark
   * followed by a space): where a news report says what happened and where.
   */
  static String firstSentence(String lead) {
    for (int i = 0; i < lead.length() - 1; i++) {
      if (".!?\u06D4\u061F".indexOf(lead.charAt(i)) >= 0
          && Character.isWhitespace(lead.charAt(i + 1))) {
        return lead.substring(0, i + 1);
      }
    }
    return lead;
  }

  /** The published time, unless missing or implausibly after fetching; then the fetched time. */
  static long eventTime(Article article) {
    Instant published = article.publishedAt();
    Instant fetched = article.fetchedAt();
    boolean usable = published != null && !published.isAfter(fetched.plus(FUTURE_SLACK));
    return (usable ? published : fetched).getEpochSecond();
  }

  private static final int[] NONE = new int[0];

  private static int bits(java.util.Set<Integer> codes) {
    int out = 0;
    for (int c : codes) {
      out |= 1 << c;
    }
    return out;
  }

  private static int[] ints(TreeSet<Integer> set) {
    return set.isEmpty() ? NONE : set.stream().mapToInt(Integer::intValue).toArray();
  }

  private static String language(String language) {
    return language == null ? "und" : language.strip().toLowerCase(Locale.ROOT).intern();
  }

  /** The district code a town or crossing lies in, or -1 (a district, or a place with none). */
  int parentOf(int code) {
    Integer p = parentOf.get(code);
    return p == null ? -1 : p;
  }

  double placeWeight(int code) {
    return placeWeights.get(code);
  }

  /** Codes of place keys first, then of armed groups: one key space for the matcher's index. */
  int keySpace() {
    return partyOffset() + EventSignals.PARTY_KEYS;
  }

  /** Where the keys of state-level reports' parties start, after places and armed groups. */
  int partyOffset() {
    return placeWeights.size() + groups.entries().size();
  }

  int placeCodes() {
    return placeWeights.size();
  }

  Optional<Integer> groupCode(String id) {
    return Optional.ofNullable(groups.indexById().get(id));
  }

  Optional<Integer> placeCode(String id) {
    return Optional.ofNullable(placeCodes.get(id));
  }

  int kindBit(String kind) {
    Integer k = kinds.indexById().get(kind);
    if (k == null) {
      throw new IllegalArgumentException("no kind " + kind + " in kinds.txt");
    }
    return 1 << k;
  }
}
