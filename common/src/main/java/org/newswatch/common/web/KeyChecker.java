package org.newswatch.common.web;

import java.util.Optional;

/** Tells who holds an API key; empty when the key is unknown or revoked. */
@FunctionalInterface
public interface KeyChecker {
  Optional<Principal> check(String key);
}
