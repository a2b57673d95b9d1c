package io.chartreuse.runner;

import io.chartreuse.config.FailurePolicy;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.engine.MigrationFailedException;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.log.Log;
import io.chartreuse.report.DatabaseReport;
import io.chartreuse.report.Outcome;
import io.chartreuse.report.RunReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code chartreuse run}: reach and lock every database, inspect, refuse on drift, stop the
 * Deployments only when something is pending, migrate in order, verify head, start them again,
 * report. The locks are held from inspection to the end, so a second runner waits and then finds
 * nothing left to do.
 */
public final class Runner {
  private final RunnerConfig config;
  private final DeploymentControl deployments;
  private final RunObserver observer;
  private final Log log;
  private final Clock clock;
  private final String version;
  private final String applicationName;
  private Duration stopTime;
  private Duration startTime;

  public Runner(
      RunnerConfig config,
      DeploymentControl deployments,
      RunObserver observer,
      Log log,
      Clock clock,
      String version,
      String applicationName) {
    this.config = config;
    this.deployments = deployments;
    this.observer = observer;
    this.log = log;
    this.clock = clock;
    this.version = version;
    this.applicationName = applicationName;
  }

  public RunReport run() {
    Instant started = clock.instant();
    List<DatabaseRun> runs = new ArrayList<>();
    config
        .databases()
        .forEach(target -> runs.add(new DatabaseRun(target, applicationName, log, clock)));
    List<String> stopped = new ArrayList<>();
    Outcome outcome;
    stopTime = Duration.ZERO;
    startTime = Duration.ZERO;
    String error = null;
    log.info(
        "chartreuse "
            + version
            + ": "
            + runs.size()
            + " database(s), configured by "
            + config.source().description());
    log.info("pod stopping: " + deployments.description());
    try {
      observer.started(started);
      deployments.preflight();
      outcome = migrateAll(runs, stopped);
    } catch (ChartreuseException e) {
      outcome = Outcome.of(e.exitCode());
      error = e.getMessage();
      for (DatabaseRun run : runs) {
        run.fail(error);
      }
      log.error(error);
    } finally {
      runs.forEach(DatabaseRun::close);
    }
    List<DatabaseReport> reports = runs.stream().map(DatabaseRun::report).toList();
    RunReport report =
        new RunReport(
            version,
            started,
            clock.instant(),
            outcome,
            deployments.description(),
            stopped,
            stopTime,
            startTime,
            reports,
            Optional.ofNullable(error));
    observer.finished(report);
    return report;
  }

  private Outcome migrateAll(List<DatabaseRun> runs, List<String> stopped) {
    for (DatabaseRun run : runs) {
      run.open(config);
    }
    boolean drift = false;
    for (DatabaseRun run : runs) {
      if (!run.inspect().problems().isEmpty()) {
        run.markDrift();
        drift = true;
      }
    }
    if (config.checkOnly()) {
      runs.stream().filter(DatabaseRun::hasSchemaDrift).forEach(DatabaseRun::markDrift);
      List<DatabaseRun> withPending = runs.stream().filter(DatabaseRun::hasPending).toList();
      long pending = withPending.size();
      if (!withPending.isEmpty()) {
        StopDecision.preview(config.release().stopPolicy(), withPending, log);
      }
      log.info(
          "check only: "
              + pending
              + " database(s) with pending migrations; nothing migrated, no Deployment touched");
      return Outcome.CHECKED;
    }
    if (drift && !config.allowHistoryDrift()) {
      throw new ChartreuseException(
          io.chartreuse.exit.ExitCode.DRIFT,
          "history drift found: nothing migrated; fix the migrations or the history table, or set CHARTREUSE_ALLOW_HISTORY_DRIFT=true (--allow-drift) to migrate anyway");
    }
    refuseSchemaDrift(runs);
    List<DatabaseRun> pending = runs.stream().filter(DatabaseRun::needsMigration).toList();
    runs.forEach(DatabaseRun::storeSchemaIfAtHead);
    if (pending.isEmpty()) {
      log.info("nothing to migrate: no Deployment touched");
      return Outcome.UP_TO_DATE;
    }
    StopDecision decision = StopDecision.forRuns(config.release().stopPolicy(), pending, log);
    if (decision.stop()) {
      Instant stopBegan = clock.instant();
      try {
        stopped.addAll(
            deployments.stop(
                "migrating "
                    + String.join(", ", pending.stream().map(DatabaseRun::range).toList())
                    + config.release().jobName().map(job -> " (Job " + job + ")").orElse("")));
        stopTime = Duration.between(stopBegan, clock.instant());
      } catch (ChartreuseException e) {
        // Nothing was migrated: bring back whatever this run stopped before failing.
        log.error(e.getMessage());
        deployments.restoreAfterFailure();
        throw e;
      }
    }
    List<DatabaseRun> done = new ArrayList<>();
    for (DatabaseRun run : pending) {
      try {
        observer.migrating(run.name(), run.pendingCount());
        run.migrate(
            decision.stop() ? Optional.empty() : Optional.of(config.timeouts().migrationLock()));
      } catch (MigrationFailedException e) {
        if (decision.stop()) {
          onFailure(run, done);
        }
        throw e;
      }
      done.add(run);
    }
    if (decision.stop()) {
      Instant startBegan = clock.instant();
      deployments.startAfterMigration();
      startTime = Duration.between(startBegan, clock.instant());
    }
    return Outcome.MIGRATED;
  }

  /**
   * Live-schema drift stops the run before anything is touched, unless
   * CHARTREUSE_ALLOW_SCHEMA_DRIFT accepts it.
   */
  private void refuseSchemaDrift(List<DatabaseRun> runs) {
    List<DatabaseRun> drifted = runs.stream().filter(DatabaseRun::hasSchemaDrift).toList();
    if (drifted.isEmpty()) {
      return;
    }
    if (config.schemaDrift().allow()) {
      log.warn(
          "live schema drift accepted (CHARTREUSE_ALLOW_SCHEMA_DRIFT=true): the schema after this run becomes the reference");
      return;
    }
    drifted.forEach(DatabaseRun::markDrift);
    throw new ChartreuseException(
        io.chartreuse.exit.ExitCode.DRIFT,
        "live schema drift found ("
            + String.join(", ", drifted.stream().map(DatabaseRun::name).toList())
            + "): nothing migrated; undo the changes made outside the migrations, or set CHARTREUSE_ALLOW_SCHEMA_DRIFT=true"
            + " to migrate anyway and make the resulting schema the reference");
  }

  /**
   * The failure policy: restore the Deployments only when no schema moved (old code, old schema).
   */
  private void onFailure(DatabaseRun failed, List<DatabaseRun> done) {
    boolean changed = failed.schemaChanged() || !done.isEmpty();
    if (!changed && config.failurePolicy() == FailurePolicy.RESTORE_IF_UNCHANGED) {
      log.info(
          "schema verified unchanged after the failure: starting the stopped Deployments again");
      deployments.restoreAfterFailure();
      return;
    }
    log.error(
        (changed ? "the schema changed before the failure" : "CHARTREUSE_ON_FAILURE=keep-stopped")
            + ": Deployments stay stopped; fix the migration and deploy again, or run 'chartreuse restore' to bring back the old code");
  }
}
