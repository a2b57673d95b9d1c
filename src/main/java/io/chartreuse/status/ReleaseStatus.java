package io.chartreuse.status;

import java.util.List;
import java.util.Optional;

/**
 * {@code chartreuse status} for one Helm release that uses chartreuse: the release, its migration
 * hook's last run, each chartreuse instance's status record, its Jobs, Deployments left stopped,
 * and the findings that {@code --fail-on} turns into exit codes. Schema:
 * docs/status-output.schema.json.
 */
public record ReleaseStatus(
    String namespace,
    String release,
    int revision,
    String helmStatus,
    String chart,
    Optional<String> appVersion,
    List<HookRun> migrationHooks,
    List<Instance> instances,
    List<JobSummary> jobs,
    List<String> strandedDeployments,
    List<Finding> findings,
    Optional<String> problem) {

  public ReleaseStatus {
    migrationHooks = List.copyOf(migrationHooks);
    instances = List.copyOf(instances);
    jobs = List.copyOf(jobs);
    strandedDeployments = List.copyOf(strandedDeployments);
    findings = List.copyOf(findings);
  }

  /** The last run of a migration hook, as Helm recorded it. */
  public record HookRun(
      String job, String phase, Optional<String> startedAt, Optional<String> completedAt) {}

  /**
   * A release whose latest stored revision cannot be read: a row that says why, with the finding
   * {@code unreadable}.
   */
  public static ReleaseStatus unreadable(
      String namespace, String release, int revision, String problem) {
    return new ReleaseStatus(
        namespace,
        release,
        revision,
        "unreadable",
        "-",
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(Finding.UNREADABLE),
        Optional.of(problem));
  }

  /**
   * A release Helm no longer has whose status records remain ({@code helm uninstall} does not
   * delete what the runner wrote): shown so that it can be cleaned up; no finding.
   */
  public static ReleaseStatus uninstalled(
      String namespace, String release, List<Instance> records) {
    return new ReleaseStatus(
        namespace,
        release,
        0,
        "uninstalled",
        "-",
        Optional.empty(),
        List.of(),
        records,
        List.of(),
        List.of(),
        List.of(),
        Optional.of(
            "not installed (helm uninstall?): its status record remains; 'kubectl chartreuse"
                + " cleanup "
                + release
                + "' deletes it and its Jobs"));
  }

  /**
   * One chartreuse subchart of the release and its status record (absent before its first run, or
   * unreadable: {@code problem} says why).
   */
  public record Instance(
      String statusConfigMap, Optional<StatusDocument> record, Optional<String> problem) {}

  /** A chartreuse Job: running, succeeded or failed. */
  public record JobSummary(
      String name, String state, Optional<String> startedAt, Optional<String> completedAt) {}

  /** What {@code --fail-on} can act on. */
  public enum Finding {
    PENDING(3),
    DRIFT(4),
    FAILED(5),
    STRANDED(7),
    /** A release or status record that cannot be read: the command could not do its job. */
    UNREADABLE(1);

    private final int exitCode;

    Finding(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
