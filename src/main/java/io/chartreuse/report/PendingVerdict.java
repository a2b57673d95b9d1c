package io.chartreuse.report;

import java.util.List;

/**
 * The compatibility verdict on one pending migration as the report shows it
 * (docs/compatibility.md): {@code compatible}, {@code breaking} or {@code unknown}, whether its
 * author declared it, and its reasons in words.
 */
public record PendingVerdict(
    String version, String verdict, boolean declared, List<String> reasons) {
  public PendingVerdict {
    reasons = List.copyOf(reasons);
  }

  /** {@code 12 breaking}, {@code 13 compatible (declared)}. */
  public String summary() {
    return version + " " + verdict + (declared ? " (declared)" : "");
  }
}
