package org.newswatch.common.places;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.newswatch.common.Json;

/**
 * The places Newswatch knows and every name each goes by, read from {@code places.json} in the jar.
 * Names are kept as the analyzer's tokens (see {@link Tokens}); a name that is also a word or
 * another place's name needs a cue nearby before it resolves (see {@link PlaceResolver}).
 */
public final class Gazetteer {
  static final String RESOURCE = "/org/newswatch/common/places/places.json";
  private static final Gazetteer BUNDLED = load(RESOURCE);

  /** One way of naming: its tokens, the places it may mean, and whether it needs a cue. */
  record Name(List<String> tokens, List<Place> candidates, boolean needsContext) {}

  /**
   * Evidence for one reading of an ambiguous name: a phrase, or another place resolved in the text.
   */
  sealed interface Cue {
    record Phrase(List<String> tokens) implements Cue {}

    record PlaceCue(String placeId) implements Cue {}
  }

  private final List<Place> places;
  private final Map<String, Place> byId;
  private final Map<String, List<Name>> namesByFirstToken;
  private final Map<List<String>, List<Place>> lookup;
  private final Map<String, List<Cue>> cues;

  private Gazetteer(
      List<Place> places,
      Map<List<String>, Name> names,
      Map<List<String>, List<Place>> lookup,
      Map<String, List<Cue>> cues) {
    this.places = List.copyOf(places);
    Map<String, Place> ids = new LinkedHashMap<>();
    places.forEach(p -> ids.put(p.id(), p));
    this.byId = Map.copyOf(ids);
    Map<String, List<Name>> first = new HashMap<>();
    for (Name name : names.values()) {
      first.computeIfAbsent(name.tokens().getFirst(), k -> new ArrayList<>()).add(name);
    }
    // Longest first, so "Sistan and Baluchestan" wins over "Baluchestan" at the same token.
    first
        .values()
        .forEach(
            list -> list.sort(Comparator.comparingInt((Name n) -> n.tokens().size()).reversed()));
    first.replaceAll((k, v) -> List.copyOf(v));
    this.namesByFirstToken = Map.copyOf(first);
    this.lookup = Map.copyOf(lookup);
    this.cues = Map.copyOf(cues);
  }

  /** The gazetteer shipped in the jar. */
  public static Gazetteer bundled() {
    return BUNDLED;
  }

  /** Every place, in the data file's order. */
  public List<Place> places() {
    return places;
  }

  public Optional<Place> byId(String id) {
    return Optional.ofNullable(id == null ? null : byId.get(id.strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * The places a name written by a person may mean, for a search such as {@code place:panjgur}: an
   * id, the canonical name or any listed spelling, in any script. An ambiguous name ({@code
   * Pishin}) gives every place it may mean; an unknown one, none.
   */
  public List<Place> lookup(String name) {
    if (name == null || name.isBlank()) {
      return List.of();
    }
    Optional<Place> exact = byId(name);
    if (exact.isPresent()) {
      return List.of(exact.get());
    }
    return lookup.getOrDefault(Tokens.terms(name), List.of());
  }

  List<Name> namesStartingWith(String token) {
    return namesByFirstToken.getOrDefault(token, List.of());
  }

  List<Cue> cuesFor(Place place) {
    return cues.getOrDefault(place.id(), List.of());
  }

  static Gazetteer load(String resource) {
    try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return of(
          Json.MAPPER
              .readerFor(PlaceFile.class)
              .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The file's shape: explanatory lines, then the places. */
  record PlaceFile(List<String> about, List<Entry> places) {}

  /** One place as written in the file. */
  record Entry(
      String id,
      String name,
      PlaceKind kind,
      String country,
      double lat,
      double lon,
      List<String> names,
      List<String> contextNames,
      List<String> context) {
    Entry {
      names = names == null ? List.of() : names;
      contextNames = contextNames == null ? List.of() : contextNames;
      context = context == null ? List.of() : context;
    }
  }

  /**
   * Builds and checks a gazetteer: a name two places share must be declared as needing context by
   * both.
   */
  static Gazetteer of(PlaceFile file) {
    Map<String, Place> ids = new LinkedHashMap<>();
    Map<List<String>, Name> names = new LinkedHashMap<>();
    Map<List<String>, Set<Place>> lookup = new HashMap<>();
    Map<String, List<Cue>> cues = new HashMap<>();
    for (Entry e : file.places()) {
      Place place = new Place(e.id(), e.name(), e.kind(), e.country(), e.lat(), e.lon());
      if (ids.put(place.id(), place) != null) {
        throw new IllegalArgumentException("place " + place.id() + " is listed twice");
      }
      if (e.names().isEmpty() && e.contextNames().isEmpty()) {
        throw new IllegalArgumentException("place " + place.id() + " has no names");
      }
      if (!e.contextNames().isEmpty() && e.context().isEmpty()) {
        throw new IllegalArgumentException(
            "place " + place.id() + " has contextNames but no context to resolve them");
      }
      for (String written : e.names()) {
        addName(names, place, nameTokens(place, written), false);
      }
      for (String written : e.contextNames()) {
        addName(names, place, nameTokens(place, written), true);
      }
      List<String> everyName = new ArrayList<>(e.names());
      everyName.addAll(e.contextNames());
      everyName.add(e.name());
      for (String written : everyName) {
        lookup.computeIfAbsent(nameTokens(place, written), k -> new LinkedHashSet<>()).add(place);
      }
      List<Cue> placeCues = new ArrayList<>();
      for (String cue : e.context()) {
        placeCues.add(
            cue.startsWith("place:")
                ? new Cue.PlaceCue(cue.substring("place:".length()))
                : new Cue.Phrase(nameTokens(place, cue)));
      }
      cues.put(place.id(), List.copyOf(placeCues));
    }
    for (var entry : cues.entrySet()) {
      for (Cue cue : entry.getValue()) {
        if (cue instanceof Cue.PlaceCue(String id) && !ids.containsKey(id)) {
          throw new IllegalArgumentException(
              "place " + entry.getKey() + ": context names unknown place " + id);
        }
      }
    }
    Map<List<String>, List<Place>> lookupLists = new HashMap<>();
    lookup.forEach((k, v) -> lookupLists.put(k, List.copyOf(v)));
    return new Gazetteer(List.copyOf(ids.values()), names, lookupLists, cues);
  }

  private static List<String> nameTokens(Place place, String written) {
    List<String> tokens = Tokens.terms(written);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(
          "place " + place.id() + ": name '" + written + "' has no words");
    }
    return tokens;
  }

  private static void addName(
      Map<List<String>, Name> names, Place place, List<String> tokens, boolean needsContext) {
    Name existing = names.get(tokens);
    if (existing == null) {
      names.put(tokens, new Name(tokens, List.of(place), needsContext));
      return;
    }
    if (existing.candidates().contains(place)) {
      if (existing.needsContext() != needsContext) {
        throw new IllegalArgumentException(
            "place " + place.id() + ": " + tokens + " is both a name and a context name");
      }
      return;
    }
    if (!existing.needsContext() || !needsContext) {
      throw new IllegalArgumentException(
          "places "
              + existing.candidates().getFirst().id()
              + " and "
              + place.id()
              + " share the name "
              + tokens
              + ": list it under contextNames in both");
    }
    List<Place> both = new ArrayList<>(existing.candidates());
    both.add(place);
    names.put(tokens, new Name(tokens, List.copyOf(both), true));
  }
}
