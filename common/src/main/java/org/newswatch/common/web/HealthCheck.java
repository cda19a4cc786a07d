package org.newswatch.common.web;

import java.util.List;

/** Why a service is not ready; an empty list means ready. */
@FunctionalInterface
public interface HealthCheck {
  List<String> problems();
}
