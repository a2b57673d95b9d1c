package io.chartreuse.record;

import io.chartreuse.log.Log;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.Outcome;
import io.chartreuse.report.RunReport;
import io.chartreuse.runner.RunObserver;
import io.chartreuse.schema.diff.Difference;
import io.chartreuse.status.StatusDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Records a run in the status ConfigMap (at start and at the end) and as Events on the runner's
 * pod.
 */
public final class ClusterRunObserver implements RunObserver {
  private static final int EVENT_FINDINGS = 5;
  private final StatusConfigMap status;
  private final ClusterEvents events;
  private final String version;
  private final Optional<String> job;
  private final Optional<String> pod;
  private final Log log;

  public ClusterRunObserver(
      StatusConfigMap status,
      ClusterEvents events,
      String version,
      Optional<String> job,
      Optional<String> pod,
      Log log) {
    this.status = status;
    this.events = events;
    this.version = version;
    this.job = job;
    this.pod = pod;
    this.log = log;
  }

  @Override
  public void started(Instant at) {
    status.write(
        StatusDocument.running(version, releaseOf(), status.previousDatabases(), at, job, pod));
    events.normal(
        "MigrationStarted",
        "chartreuse " + version + " started" + job.map(j -> " (Job " + j + ")").orElse(""));
  }

  private String releaseOf() {
    return status.release();
  }

  @Override
  public void migrating(String database, int pending) {
    events.normal("Migrating", "applying " + pending + " migration(s) to database " + database);
  }

  @Override
  public void finished(RunReport report) {
    Optional<String> hint =
        report.outcome() == Outcome.FAILED && !report.stoppedDeployments().isEmpty()
            ? Optional.of(restoreHint(report.stoppedDeployments()))
            : Optional.empty();
    try {
      status.write(StatusDocument.finished(report, releaseOf(), job, pod, hint));
    } catch (RuntimeException e) {
      log.error("cannot write the status record " + status.name() + ": " + e.getMessage());
    }
    report.databases().stream()
        .filter(database -> !database.schemaDrift().isEmpty())
        .forEach(database -> events.warning("SchemaDrift", schemaDrift(database)));
    report.databases().stream()
        .filter(database -> !database.misclassified().isEmpty())
        .forEach(
            database ->
                events.warning(
                    "Misclassified",
                    database.name()
                        + ": judged compatible and migrated with the application up, but "
                        + database.misclassified().get(0)
                        + (database.misclassified().size() > 1
                            ? " (and " + (database.misclassified().size() - 1) + " more)"
                            : "")));
    String summary = report.outcome() + report.error().map(e -> ": " + e).orElse("");
    switch (report.outcome()) {
      case MIGRATED -> events.normal("Migrated", "migrated: " + summary);
      case UP_TO_DATE ->
          events.normal("NothingToMigrate", "every database is at head; no Deployment touched");
      case CHECKED ->
          events.normal("Checked", "inspected only: nothing migrated, no Deployment touched");
      default -> events.warning("MigrationFailed", summary + hint.map(h -> "; " + h).orElse(""));
    }
  }

  /**
   * The count and the first findings; an Event is no place for a long list (the report and {@code
   * chartreuse check} have it all).
   */
  private static String schemaDrift(DatabaseReport database) {
    List<Difference> found = database.schemaDrift();
    String first =
        found.stream()
            .limit(EVENT_FINDINGS)
            .map(Difference::describe)
            .collect(Collectors.joining("; "));
    int rest = found.size() - EVENT_FINDINGS;
    return "database "
        + database.name()
        + ": live schema differs from the snapshot stored after the last run ("
        + found.size()
        + " difference(s)): "
        + first
        + (rest > 0 ? "; and " + rest + " more (chartreuse check lists them all)" : "");
  }

  private String restoreHint(List<String> stopped) {
    return "Deployments may still be stopped ("
        + String.join(", ", stopped)
        + "): fix the migration and deploy again, or run "
        + "'kubectl chartreuse restore "
        + status.release()
        + "' (in-cluster: chartreuse restore) to bring back the old code";
  }
}
