package org.newswatch.ingest.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names (phrases in any script) that stand for an id: the armed groups and forces of {@code
 * groups.txt}, the kinds of event of {@code kinds.txt}. Lines are {@code id[ label]: name, name,
 * …}; each name is compared as the {@link Terms} of a text, longest first.
 */
final class NameTable {
  /**
   * One entry's id and the optional word between the id and the colon ({@code armed}, {@code
   * force}).
   */
  record Entry(String id, String label) {}

  private record Name(List<String> terms, int entry) {}

  private final List<Entry> entries;
  private final Map<String, List<Name>> byFirstTerm;

  private NameTable(List<Entry> entries, Map<String, List<Name>> byFirstTerm) {
    this.entries = List.copyOf(entries);
    this.byFirstTerm = byFirstTerm;
  }

  List<Entry> entries() {
    return entries;
  }

  static NameTable resource(String name) {
    try (InputStream in = NameTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  static NameTable parse(BufferedReader reader, String source) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<String, List<Name>> first = new HashMap<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            source + " line " + number + ": expected 'id: name, name, …'");
      }
      String[] head = line.substring(0, colon).strip().split("\\s+");
      int index = entries.size();
      entries.add(new Entry(head[0], head.length > 1 ? head[1] : ""));
      for (String written : line.substring(colon + 1).split(",")) {
        if (written.isBlank()) {
          continue;
        }
        List<String> terms = List.of(Terms.of(written.strip()).terms());
        if (terms.isEmpty()) {
          throw new IllegalArgumentException(
              source + " line " + number + ": '" + written.strip() + "' has no words");
        }
        first.computeIfAbsent(terms.getFirst(), k -> new ArrayList<>()).add(new Name(terms, index));
      }
    }
    first
        .values()
        .forEach(
            list -> list.sort(Comparator.comparingInt((Name n) -> n.terms().size()).reversed()));
    first.replaceAll((k, v) -> List.copyOf(v));
    return new NameTable(entries, Map.copyOf(first));
  }

  /** One name found in a text: the entry's index and the term the name starts at. */
  record Mention(int entry, int at) {}

  /**
   * The indexes (into {@link #entries()}) of the entries the text names, in order of first mention.
   */
  Set<Integer> find(Terms text) {
    Set<Integer> found = new LinkedHashSet<>();
    for (Mention m : mentions(text)) {
      found.add(m.entry());
    }
    return found;
  }

  /** Every name the text has, in order: where a kind of event stands against a cause word. */
  List<Mention> mentions(Terms text) {
    List<Mention> found = new ArrayList<>();
    int i = 0;
    while (i < text.size()) {
      int matched = 1;
      for (Name name : byFirstTerm.getOrDefault(text.terms()[i], List.of())) {
        if (text.phraseAt(name.terms(), i)) {
          found.add(new Mention(name.entry(), i));
          matched = name.terms().size();
          break;
        }
      }
      i += matched;
    }
    return found;
  }

  /** Entry index by id, for tests and tables. */
  Map<String, Integer> indexById() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      out.put(entries.get(i).id(), i);
    }
    return out;
  }
}
