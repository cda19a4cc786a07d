package org.newswatch.ingest.story;

/**
 * What an article says about its event that survives translation, as small codes (see {@link
 * SignalReader}): the comparison of two articles ({@link LinkRule}) reads only these, never text.
 *
 * @param language the article's language, lower case
 * @param time when the event was reported, epoch seconds (published time, or fetched time when the
 *     publisher gave none or a time more than a day after fetching)
 * @param places codes of the towns, crossings and districts named, and of the districts those towns
 *     lie in, and, for a report about a border crossing, of the crossing whichever side it names
 *     (see {@link BorderCrossings}); sorted
 * @param regions codes of the provinces named (Balochistan, Sistan and Baluchestan); sorted
 * @param armed codes of the armed groups named; sorted
 * @param forces codes of the security forces named; sorted
 * @param numbers counts the text gives; sorted
 * @param kinds bit set of kinds of event (violence, flood, protest …)
 * @param leadPlaces codes of the towns, crossings and districts named in the title or the first
 *     sentence, and of the districts those towns lie in: where the report places its event; sorted
 * @param leadDistricts codes of the districts named in the title or first paragraph themselves (not
 *     only as the district of a named town); sorted
 * @param background whether the lead reads as a background or trend piece ("a series of attacks in
 *     recent weeks", "analysts say") rather than a report of one incident
 * @param tollUpdate whether the lead reports a changed toll ("toll rises to five", "succumbed to
 *     their wounds", {@code تعداد}): its counts may differ from the first reports' and it may come
 *     a day later
 * @param parties bit set of the states ({@code parties.txt}) a state-level report's title names,
 *     when it names two or more and the title and first sentence name no town, crossing or district
 *     ("Pakistan, Iran sign barter deal"); 0 otherwise
 * @param reaction whether the report is of a reaction (a protest, strike, funeral) rather than of
 *     the event it reacts to (see {@link ReactionReader})
 * @param titleKinds bit set of the kinds of event the title names other than as a cause (a
 *     reaction's without violence): what the report is about, not what it recalls below
 * @param titleVictims bit set of the classes of the dead or wounded ({@code victims.txt}: forces,
 *     police, civilians) the title names: who was hit
 */
record EventSignals(
    String language,
    long time,
    int[] places,
    int[] regions,
    int[] armed,
    int[] forces,
    int[] numbers,
    int kinds,
    int[] leadPlaces,
    int[] leadDistricts,
    boolean background,
    boolean tollUpdate,
    int parties,
    boolean reaction,
    int titleKinds,
    int titleVictims) {

  /** Keys a state-level report may be indexed under: one per bit set of {@link #parties}. */
  static final int PARTY_KEYS = 8;

  /**
   * The codes a matcher indexes the article under: places, then armed groups shifted by {@code
   * groupOffset} (the number of place codes), then a state-level report's parties shifted by {@code
   * partyOffset}: the specific evidence an article must share to link.
   */
  int[] keys(int groupOffset, int partyOffset) {
    int[] out = new int[places.length + armed.length + (parties == 0 ? 0 : 1)];
    System.arraycopy(places, 0, out, 0, places.length);
    for (int i = 0; i < armed.length; i++) {
      out[places.length + i] = groupOffset + armed[i];
    }
    if (parties != 0) {
      out[out.length - 1] = partyOffset + parties;
    }
    return out;
  }
}
