package org.newswatch.ingest.story;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.ToIntFunction;

/**
 * The two sides of each border crossing ({@code crossings.txt}): a report about the crossing that
 * names either side gets one code for the crossing, which another such report shares. Pakistani
 * outlets write Taftan, Iranian ones Mirjaveh, for one closing or reopening. A report is about the
 * crossing when its lead names a crossing word ({@code crossing-words.txt}: border, terminal, سرحد,
 * پایانه مرزی) and no violence; only such reports get the code, so a bus crash near Mirjaveh town
 * and the closing of the Taftan gate the same day stay two places.
 */
final class BorderCrossings {
  private static final String PAIRS = "crossings.txt";

  /** Each side's place code to its crossing's code. */
  private final Map<Integer, Integer> crossingOf = new HashMap<>();

  private final NameTable words = NameTable.resource("crossing-words.txt");

  /**
   * Reads the pairs; {@code placeCodes} gives each known place id its code, {@code newCode} a new
   * code for a crossing's id.
   */
  BorderCrossings(Map<String, Integer> placeCodes, ToIntFunction<String> newCode) {
    for (IdPair pair : IdPair.read(PAIRS)) {
      Integer side = placeCodes.get(pair.left());
      Integer other = placeCodes.get(pair.right());
      if (side == null || other == null) {
        throw new IllegalStateException(
            PAIRS + ": '" + pair.line() + "' must be 'known-place-id: known-place-id'");
      }
      int crossing = newCode.applyAsInt("crossing:" + pair.left() + "/" + pair.right());
      crossingOf.put(side, crossing);
      crossingOf.put(other, crossing);
    }
  }

  /** Whether a lead's terms name a crossing word (border, سرحد, مرز, پایانه …). */
  boolean aboutCrossing(Terms lead) {
    return !words.find(lead).isEmpty();
  }

  /** Adds to the places the code of each crossing one of them is a side of. */
  void addCrossings(SortedSet<Integer> places) {
    for (int side : List.copyOf(places)) {
      Integer crossing = crossingOf.get(side);
      if (crossing != null) {
        places.add(crossing);
      }
    }
  }
}
