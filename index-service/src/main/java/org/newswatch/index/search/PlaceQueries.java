package org.newswatch.index.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.newswatch.common.places.Gazetteer;
import org.newswatch.common.places.Place;
import org.newswatch.index.indexing.ArticleFields;

/**
 * The query for {@code place:panjgur} and the {@code place=} filter: a place named by id, canonical
 * name or any spelling in any script ({@code پنجگور}, {@code Panjgoor}) becomes its id, which is
 * what articles are indexed with. An ambiguous name ({@code Pishin}) means any of its places; an
 * unknown one is refused, since it would otherwise match nothing without saying why.
 */
final class PlaceQueries {
  private PlaceQueries() {}

  /** The ids a written place means; refused when it means none. */
  static Set<String> ids(String written) {
    List<Place> places = Gazetteer.bundled().lookup(written);
    if (places.isEmpty()) {
      throw new BadQueryException(
          "unknown place '"
              + written.strip()
              + "'; GET /api/places lists the places and their ids");
    }
    Set<String> ids = new LinkedHashSet<>();
    places.forEach(p -> ids.add(p.id()));
    return ids;
  }

  /** Articles naming any of the places; constant score, as a name says where, not how relevant. */
  static Query anyOf(List<String> written) {
    Set<String> ids = new LinkedHashSet<>();
    written.forEach(w -> ids.addAll(ids(w)));
    if (ids.size() == 1) {
      return new ConstantScoreQuery(
          new TermQuery(new Term(ArticleFields.PLACE, ids.iterator().next())));
    }
    return new TermInSetQuery(ArticleFields.PLACE, ids.stream().map(BytesRef::new).toList());
  }
}
