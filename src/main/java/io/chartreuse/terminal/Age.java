package io.chartreuse.terminal;

import java.time.Duration;

/**
 * A duration as kubectl prints ages ({@code 45s}, {@code 5m12s}, {@code 3h4m}, {@code 6d}): precise
 * when short, coarser as it grows, so that a column of ages stays narrow and comparable.
 */
public final class Age {
  private Age() {}

  public static String of(Duration age) {
    long seconds = age.getSeconds();
    if (seconds < 0) {
      return "0s";
    }
    long minutes = seconds / 60;
    long hours = minutes / 60;
    long days = hours / 24;
    if (seconds < 120) {
      return seconds + "s";
    }
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    if (days < 365 * 8) {
      return days % 365 == 0 ? days / 365 + "y" : days / 365 + "y" + days % 365 + "d";
    }
    return days / 365 + "y";
  }
}
