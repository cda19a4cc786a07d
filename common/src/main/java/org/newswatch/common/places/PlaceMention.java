package org.newswatch.common.places;

/**
 * One place named in a text: the place and where, as UTF-16 offsets into the text (end exclusive).
 */
public record PlaceMention(Place place, int start, int end) {}
