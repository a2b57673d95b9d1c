package io.chartreuse.config;

import java.util.Locale;

/**
 * The original Chartreuse's (v6+) boolean rule: false only for "", "false" and "0"; anything else
 * is true.
 */
public final class BooleanValue {
  private BooleanValue() {}

  public static boolean parse(String raw) {
    String value = raw.trim().toLowerCase(Locale.ROOT);
    return !(value.isEmpty() || value.equals("false") || value.equals("0"));
  }
}
