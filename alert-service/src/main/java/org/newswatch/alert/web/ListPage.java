package org.newswatch.alert.web;

import java.util.List;

/**
 * The shape of every list answer: {@code {items: [...], cursor}}; cursor is null on the last page.
 */
record ListPage<T>(List<T> items, String cursor) {}
