package io.chartreuse.status;

import io.chartreuse.status.ReleaseStatus.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Derives a release's findings from what was read. */
public final class StatusFindings {
  private static final Set<String> FAILED_OUTCOMES = Set.of("failed", "timed-out", "usage-error");

  private StatusFindings() {}

  public static List<Finding> of(
      List<ReleaseStatus.HookRun> hooks,
      List<ReleaseStatus.Instance> instances,
      List<String> stranded) {
    List<Finding> findings = new ArrayList<>();
    List<StatusDocument> records = instances.stream().flatMap(i -> i.record().stream()).toList();
    if (records.stream()
        .flatMap(r -> r.databases().stream())
        .anyMatch(d -> !d.pending().isEmpty())) {
      findings.add(Finding.PENDING);
    }
    if (records.stream()
            .flatMap(r -> r.databases().stream())
            .anyMatch(d -> !d.drift().isEmpty() || d.schemaDrift().isPresent())
        || records.stream().anyMatch(r -> "drift".equals(r.lastRun().outcome()))) {
      findings.add(Finding.DRIFT);
    }
    // The status record and Helm's hook record say how the last run ended; an older failed Job may
    // linger.
    boolean failed =
        records.stream().anyMatch(r -> FAILED_OUTCOMES.contains(r.lastRun().outcome()))
            || hooks.stream().anyMatch(h -> "Failed".equals(h.phase()));
    if (failed) {
      findings.add(Finding.FAILED);
    }
    if (!stranded.isEmpty()) {
      findings.add(Finding.STRANDED);
    }
    if (instances.stream().anyMatch(i -> i.problem().isPresent())) {
      findings.add(Finding.UNREADABLE);
    }
    return findings;
  }
}
