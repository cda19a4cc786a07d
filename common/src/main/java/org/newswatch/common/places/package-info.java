/**
 * Places: which border districts, towns and crossings an article names, across English, Urdu and
 * Persian.
 *
 * <pre>{@code
 * PlaceResolver resolver = PlaceResolver.bundled();
 * List<Place> places = resolver.places(article.title(), article.body());
 * // [Place[id=pk-panjgur, name=Panjgur, kind=DISTRICT, country=PK, lat=26.97, lon=64.09], …]
 * Gazetteer.bundled().lookup("پنجگور");   // the same place, for a place: search
 * }</pre>
 *
 * <p>{@link org.newswatch.common.places.Gazetteer} reads {@code places.json} (in this package's
 * resources): each place's stable id, canonical English name, kind, country, approximate
 * coordinates, and the names it goes by. {@link org.newswatch.common.places.PlaceResolver} compares
 * names and text after the project's {@code NewsAnalyzer}, so the Arabic/Persian/Urdu letter
 * variants, zero-width characters, diacritics and the spellings in {@code name-variants.txt} are
 * handled exactly as search and alerts handle them. Names that are also words or that two places
 * share resolve only with a cue nearby; see the resolver for the rule.
 */
package org.newswatch.common.places;
