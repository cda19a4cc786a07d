/** Workloads for the {@code bench} module: {@link org.newswatch.alert.bench.MatchingBenchmark}. */
package org.newswatch.alert.bench;
