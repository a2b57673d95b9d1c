package io.chartreuse.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one pending migration: the worst of its statements', or what its author declared
 * (then {@code declared} is true and the statements' findings are still listed, for the reviewer).
 */
public record MigrationVerdict(
    String version,
    String script,
    Verdict verdict,
    boolean declared,
    Optional<String> declaredReason,
    List<Finding> findings) {

  public MigrationVerdict {
    findings = List.copyOf(findings);
  }

  static MigrationVerdict unknown(String version, String script, String why) {
    return new MigrationVerdict(
        version,
        script,
        Verdict.UNKNOWN,
        false,
        Optional.empty(),
        List.of(new Finding(0, Verdict.UNKNOWN, "", why, Optional.empty())));
  }

  /** One line per reason, for the log and the report. */
  public List<String> reasons() {
    List<String> lines = new ArrayList<>();
    declaredReason.ifPresent(
        reason ->
            lines.add(
                declared
                    ? script
                        + " declared "
                        + verdict
                        + ": "
                        + (reason.isEmpty() ? "no reason given" : reason)
                    : script + ": chartreuse comment not understood, " + reason));
    findings.stream()
        .filter(f -> f.verdict() != Verdict.COMPATIBLE || f.lockRisk().isPresent())
        .forEach(f -> lines.add(f.describe(script)));
    return lines;
  }

  /** {@code V12 compatible (declared)}, {@code V13 breaking}. */
  public String summary() {
    return version + " " + verdict + (declared ? " (declared)" : "");
  }
}
