package io.chartreuse.config;

/**
 * A credential. Its {@code toString} never shows the value, so a record holding it is safe to
 * print.
 */
public record Secret(String value) {
  @Override
  public String toString() {
    return "****";
  }

  public boolean isEmpty() {
    return value == null || value.isEmpty();
  }
}
