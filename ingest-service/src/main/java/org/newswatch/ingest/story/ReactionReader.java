package org.newswatch.ingest.story;

import java.util.List;

/**
 * Tells a report of a reaction (a protest, strike, shutdown, sit-in, mourning or funeral) from a
 * report of the event it reacts to, by where its title names each kind of event ({@code kinds.txt})
 * against the cause words of {@code causes.txt}. A reaction is an event of its own: the traders'
 * shutdown the day after a bombing, which its title names as the cause, is not the bombing, nor is
 * the funeral of its dead, nor the fishermen's protest over their colleagues' detention.
 */
final class ReactionReader {
  /**
   * Terms between a cause word and the violence it names, at most: "after Thursday's convoy
   * bombing", "بم دھماکے کے خلاف".
   */
  static final int CAUSE_TERMS = 4;

  private final NameTable kinds;
  private final NameTable causes = NameTable.resource("causes.txt");
  private final int violenceKind;

  /** Bit set of the kinds that are reactions: protest, funeral. */
  private final int reactionKinds;

  /** The kind that is forces acting (arrests, raids, operations): no sign of a reaction or not. */
  private final int operationKind;

  /**
   * Reads with the kinds table, the index of its violence entry and the bit set of its reaction
   * entries (protest, funeral).
   */
  ReactionReader(NameTable kinds, int violenceKind, int reactionKinds) {
    this.kinds = kinds;
    this.violenceKind = violenceKind;
    this.reactionKinds = reactionKinds;
    this.operationKind = kinds.indexById().get("operation");
  }

  /**
   * Whether the report is a reaction (a protest, strike, shutdown, sit-in, mourning or funeral)
   * rather than a report of the event it reacts to, read from its title or, when the title names no
   * kind of event, its lead: yes when the first kind named is a protest or funeral ("worshippers
   * chant hours after a cleric was shot dead"), or when it names a protest and names violence only
   * as the protest's cause, within {@link #CAUSE_TERMS} of a cause word ({@code causes.txt}:
   * "traders shut shops against new checkposts after convoy bombing", where "traders" comes first;
   * Urdu "بم دھماکے کے خلاف ہڑتال"). A report of the attack names the attack itself.
   */
  boolean isReaction(String title, String leadBody) {
    for (String part : new String[] {title, leadBody}) {
      Terms terms = Terms.of(part);
      // Arrests and operations decide nothing here: a protest's title demands arrests.
      List<NameTable.Mention> named =
          kinds.mentions(terms).stream().filter(m -> m.entry() != operationKind).toList();
      if (named.isEmpty()) {
        continue;
      }
      if (isReactionKind(named.getFirst().entry())) {
        return true;
      }
      List<NameTable.Mention> cause = causes.mentions(terms);
      boolean protest = false;
      for (NameTable.Mention m : named) {
        boolean isCause = causeOf(m.at(), cause);
        if (m.entry() == violenceKind && !isCause) {
          return false;
        }
        protest |= isReactionKind(m.entry()) && !isCause;
      }
      return protest;
    }
    return false;
  }

  private boolean isReactionKind(int kind) {
    return (reactionKinds & (1 << kind)) != 0;
  }

  /**
   * The bit set of the kinds of event the title names other than as a cause: what the report is
   * about ("Iran executes two prisoners"; "Police officer shot dead"), not what it follows ("border
   * officials meet after Saravan attack").
   */
  int titleKinds(String title) {
    Terms terms = Terms.of(title);
    List<NameTable.Mention> cause = causes.mentions(terms);
    int bits = 0;
    for (NameTable.Mention m : kinds.mentions(terms)) {
      if (!causeOf(m.at(), cause)) {
        bits |= 1 << m.entry();
      }
    }
    return bits;
  }

  /** Whether a cause word stands just before the term (after, در پی) or just after it (کے بعد). */
  private boolean causeOf(int at, List<NameTable.Mention> causeWords) {
    for (NameTable.Mention c : causeWords) {
      boolean before = causes.entries().get(c.entry()).label().equals("before");
      int distance = before ? at - c.at() : c.at() - at;
      if (distance > 0 && distance <= CAUSE_TERMS) {
        return true;
      }
    }
    return false;
  }
}
