package org.newswatch.index.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.newswatch.common.places.Gazetteer;
import org.newswatch.common.places.Place;

/**
 * {@code GET /api/places}: the places articles are tagged with (id, name, kind, country,
 * approximate coordinates), for the map on the researchers' page and for anyone writing a {@code
 * place:} query. The place facet of {@code /api/search} counts them by id.
 */
public final class PlaceRoutes {
  private final Gazetteer gazetteer;

  public PlaceRoutes(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
  }

  public void register(RoutesConfig r) {
    r.get("/api/places", this::places);
  }

  void places(Context ctx) {
    // Lists answer {items, cursor}; a few dozen places fit one page, so the cursor is always null.
    List<Place> items = gazetteer.places();
    ctx.json(Map.of("items", items, "approximateCoordinates", true));
  }
}
