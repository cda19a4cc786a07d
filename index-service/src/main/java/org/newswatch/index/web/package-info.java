/**
 * HTTP: {@link org.newswatch.index.web.SearchRoutes} (the {@code /api/} routes) and {@link
 * org.newswatch.index.web.PageRoutes} (the researchers' page, its assets and the ECharts WebJar).
 */
package org.newswatch.index.web;
