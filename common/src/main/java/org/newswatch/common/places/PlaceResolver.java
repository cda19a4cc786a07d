package org.newswatch.common.places;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newswatch.common.places.Gazetteer.Cue;
import org.newswatch.common.places.Gazetteer.Name;
import org.newswatch.common.places.Tokens.Token;

/**
 * Finds the places a text names, in English, Urdu or Persian, whatever the script variant or
 * spelling. Thread-safe; one instance serves a whole service.
 *
 * <p>Names are matched longest first on the analyzer's tokens ("Sistan and Baluchestan" is the
 * Iranian province, not Pakistan's Balochistan). Ambiguous names resolve conservatively, because a
 * wrong place on a story is worse than a missing one:
 *
 * <ul>
 *   <li>a name that is also a common word ({@code Mand} and the Urdu suffix {@code مند}, Persian
 *       {@code سرباز} "soldier", Urdu {@code چمن} "meadow", the man's name Ghulam Khan) needs one
 *       of its cue phrases within {@link #WORD_WINDOW} words in the same sentence ("Mand town",
 *       "شهرستان سرباز", "چمن بارڈر"); another place nearby is no evidence, since any article from
 *       the region names some;
 *   <li>a name two places share ({@code Pishin}) goes to the one place with a cue, phrase or place,
 *       within {@link #WINDOW} words in the same sentence; failing that, to the one place with a
 *       place cue anywhere in the text; when both or neither have one, to nothing;
 *   <li>a name that is part of a road's name ("the Quetta-Taftan highway", "کوئٹہ تفتان شاہراہ",
 *       Persian "جاده زاهدان-خاش") is not a mention when the text names a town, crossing or
 *       district otherwise: the road runs far from both towns, and an attack on it near Nushki is
 *       not in Quetta. When the road is all that places the event ("a bus overturned on the
 *       Zahedan-Mirjaveh road") its towns stay. The same town named elsewhere still counts.
 * </ul>
 */
public final class PlaceResolver {
  /** Words either side of a name two places share searched for their cues. */
  static final int WINDOW = 8;

  /** Words either side of a name that is also a word searched for its cue phrases. */
  static final int WORD_WINDOW = 2;

  /**
   * Ends a sentence in English, Urdu ({@code ۔}) or Persian ({@code ؟}); a cue does not reach past
   * one.
   */
  private static final String SENTENCE_ENDS = ".!?;\n\u06D4\u061F\u061B";

  /**
   * Words for a road that make the place names right before them (English, Urdu) or right after
   * them (Persian, Urdu with ezafe) the road's name rather than where something happened.
   */
  private static final Set<String> ROAD_WORDS =
      Set.copyOf(
          Tokens.terms(
              "highway road motorway expressway شاہراہ روڈ سڑک جاده بزرگراه آزادراه محور"));

  /** Characters that may stand between a road word and the names: "Quetta-Taftan highway". */
  private static final String ROAD_NAME_GAP = " -\u2010\u2011\u2012\u2013\u2014\u200c\u00a0";

  private static final PlaceResolver BUNDLED = new PlaceResolver(Gazetteer.bundled());

  private final Gazetteer gazetteer;

  public PlaceResolver(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  /** A resolver over the gazetteer shipped in the jar. */
  public static PlaceResolver bundled() {
    return BUNDLED;
  }

  public Gazetteer gazetteer() {
    return gazetteer;
  }

  /** The distinct places an article names in its title or body, in order of first mention. */
  public List<Place> places(String title, String body) {
    // A blank line: the title is its own paragraph, so no cue reaches from it into the body.
    return places(nullToEmpty(title) + "\n\n" + nullToEmpty(body));
  }

  /**
   * The ids of {@link #places(String, String)}: what an article carries in its {@code places}
   * field.
   */
  public List<String> placeIds(String title, String body) {
    return places(title, body).stream().map(Place::id).toList();
  }

  /** The distinct places a text names, in order of first mention. */
  public List<Place> places(String text) {
    Set<Place> out = new LinkedHashSet<>();
    mentions(text).forEach(m -> out.add(m.place()));
    return List.copyOf(out);
  }

  /** Every resolved mention of a place in the text, in order. */
  public List<PlaceMention> mentions(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Token> tokens = Tokens.of(text);
    List<Match> matches = withoutRoadNames(match(tokens), text, tokens);
    // The names that resolved on their own, by place id, in text order: the place cues.
    Map<String, List<Match>> certain = new HashMap<>();
    for (Match m : matches) {
      if (!m.name().needsContext()) {
        certain
            .computeIfAbsent(m.name().candidates().getFirst().id(), k -> new ArrayList<>())
            .add(m);
      }
    }
    List<PlaceMention> out = new ArrayList<>();
    for (Match m : matches) {
      Place place =
          m.name().needsContext()
              ? decide(m, text, tokens, certain)
              : m.name().candidates().getFirst();
      if (place != null) {
        out.add(new PlaceMention(place, tokens.get(m.first()).start(), tokens.get(m.last()).end()));
      }
    }
    return List.copyOf(out);
  }

  /** A name found at tokens first..last (indexes into the token list). */
  private record Match(Name name, int first, int last) {
    int startPosition(List<Token> tokens) {
      return tokens.get(first).position();
    }

    int endPosition(List<Token> tokens) {
      return tokens.get(last).position();
    }
  }

  private List<Match> match(List<Token> tokens) {
    List<Match> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Match found = null;
      for (Name name : gazetteer.namesStartingWith(tokens.get(i).term())) {
        if (matchesAt(name.tokens(), tokens, i)) {
          found = new Match(name, i, i + name.tokens().size() - 1);
          break;
        }
      }
      if (found == null) {
        i++;
      } else {
        out.add(found);
        i = found.last() + 1;
      }
    }
    return out;
  }

  /**
   * The matches less those that are part of a road's name (a run of names joined only by spaces or
   * hyphens, with a road word right after it or right before it), when another match names a town,
   * crossing or district.
   */
  private static List<Match> withoutRoadNames(
      List<Match> matches, String text, List<Token> tokens) {
    if (matches.isEmpty()) {
      return matches;
    }
    List<Match> out = new ArrayList<>(matches.size());
    boolean roads = false;
    int i = 0;
    while (i < matches.size()) {
      int j = i;
      while (j + 1 < matches.size()
          && matches.get(j + 1).first() == matches.get(j).last() + 1
          && joined(text, tokens, matches.get(j).last(), matches.get(j + 1).first())) {
        j++;
      }
      int before = matches.get(i).first() - 1;
      int after = matches.get(j).last() + 1;
      boolean road =
          (before >= 0
                  && ROAD_WORDS.contains(tokens.get(before).term())
                  && joined(text, tokens, before, before + 1))
              || (after < tokens.size()
                  && ROAD_WORDS.contains(tokens.get(after).term())
                  && joined(text, tokens, after - 1, after));
      if (road) {
        roads = true;
      } else {
        out.addAll(matches.subList(i, j + 1));
      }
      i = j + 1;
    }
    if (!roads) {
      return matches;
    }
    for (Match m : out) {
      if (!m.name().needsContext() && m.name().candidates().getFirst().kind() != PlaceKind.REGION) {
        return out;
      }
    }
    return matches;
  }

  /** Whether tokens a and b (b = a + 1) are adjacent words with only spaces or hyphens between. */
  private static boolean joined(String text, List<Token> tokens, int a, int b) {
    Token x = tokens.get(a);
    Token y = tokens.get(b);
    if (y.position() != x.position() + 1) {
      return false;
    }
    for (int k = x.end(); k < y.start(); k++) {
      if (ROAD_NAME_GAP.indexOf(text.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the phrase's words stand at tokens i, i+1, … in adjacent positions (not across a
   * paragraph).
   */
  private static boolean matchesAt(List<String> phrase, List<Token> tokens, int i) {
    if (i + phrase.size() > tokens.size()) {
      return false;
    }
    for (int k = 0; k < phrase.size(); k++) {
      Token t = tokens.get(i + k);
      if (!t.term().equals(phrase.get(k))
          || (k > 0 && t.position() != tokens.get(i + k - 1).position() + 1)) {
        return false;
      }
    }
    return true;
  }

  private Place decide(Match m, String text, List<Token> tokens, Map<String, List<Match>> certain) {
    boolean alsoAWord = m.name().candidates().size() == 1;
    int window = alsoAWord ? WORD_WINDOW : WINDOW;
    List<Place> near =
        m.name().candidates().stream()
            .filter(p -> cuedNear(p, m, text, tokens, certain, window, !alsoAWord))
            .toList();
    if (near.size() == 1) {
      return near.getFirst();
    }
    if (near.isEmpty() && !alsoAWord) {
      // The sentence does not say which: another place the text names for certain may (Pishin with
      // Quetta elsewhere in the article is Pakistan's Pishin).
      List<Place> anywhere =
          m.name().candidates().stream().filter(p -> cuedAnywhere(p, certain)).toList();
      if (anywhere.size() == 1) {
        return anywhere.getFirst();
      }
    }
    return null;
  }

  private boolean cuedNear(
      Place place,
      Match m,
      String text,
      List<Token> tokens,
      Map<String, List<Match>> certain,
      int window,
      boolean placesCount) {
    int from = m.startPosition(tokens) - window;
    int to = m.endPosition(tokens) + window;
    for (Cue cue : gazetteer.cuesFor(place)) {
      switch (cue) {
        case Cue.PlaceCue(String id) -> {
          if (!placesCount) {
            continue;
          }
          // Only that place's mentions within the window: a hostile text may name it thousands of
          // times.
          List<Match> mentions = certain.getOrDefault(id, List.of());
          for (int i = firstEndingAtOrAfter(mentions, tokens, from);
              i < mentions.size() && mentions.get(i).startPosition(tokens) <= to;
              i++) {
            if (sameSentence(text, tokens, m, mentions.get(i).first(), mentions.get(i).last())) {
              return true;
            }
          }
        }
        case Cue.Phrase(List<String> phrase) -> {
          // Only the window's tokens: an Urdu text may hold hundreds of "مند" (a common suffix).
          for (int i = firstAtOrAfter(tokens, from);
              i < tokens.size() && tokens.get(i).position() <= to;
              i++) {
            boolean outsideName = i < m.first() || i > m.last();
            if (outsideName
                && matchesAt(phrase, tokens, i)
                && sameSentence(text, tokens, m, i, i + phrase.size() - 1)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Whether no sentence ends between the match and the cue at tokens first..last. */
  private static boolean sameSentence(
      String text, List<Token> tokens, Match m, int first, int last) {
    int gapStart = first > m.last() ? tokens.get(m.last()).end() : tokens.get(last).end();
    int gapEnd = first > m.last() ? tokens.get(first).start() : tokens.get(m.first()).start();
    for (int i = gapStart; i < gapEnd; i++) {
      if (SENTENCE_ENDS.indexOf(text.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first token at or after a position (positions only grow). */
  private static int firstAtOrAfter(List<Token> tokens, int position) {
    int lo = 0;
    int hi = tokens.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.get(mid).position() < position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private boolean cuedAnywhere(Place place, Map<String, List<Match>> certain) {
    for (Cue cue : gazetteer.cuesFor(place)) {
      if (cue instanceof Cue.PlaceCue(String id) && certain.containsKey(id)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The index of the first match ending at or after a position (matches are in text order and do
   * not overlap).
   */
  private static int firstEndingAtOrAfter(List<Match> matches, List<Token> tokens, int position) {
    int lo = 0;
    int hi = matches.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (matches.get(mid).endPosition(tokens) < position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
