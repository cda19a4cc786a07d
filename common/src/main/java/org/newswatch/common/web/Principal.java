package org.newswatch.common.web;

/** Who made an API call: an analyst (by id) or the admin. */
public record Principal(String id, String name, boolean admin) {
  public static final Principal ADMIN = new Principal("admin", "admin", true);

  /** True when this caller may see what {@code owner} owns. */
  public boolean mayAccess(String owner) {
    return admin || id.equals(owner);
  }
}
