package org.newswatch.app;

/** {@code newswatch run|demo|extract|bench}: the all-in-one launcher. */
public final class NewswatchMain {
  private NewswatchMain() {}

  public static void main(String[] args) {
    System.err.println("usage: newswatch run|demo|extract|bench");
    System.exit(2);
  }
}
