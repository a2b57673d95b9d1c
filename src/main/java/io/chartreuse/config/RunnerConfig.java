package io.chartreuse.config;

import java.util.List;

/** Everything {@code chartreuse run} needs, read and validated before anything is touched. */
public record RunnerConfig(
    List<DatabaseTarget> databases,
    ReleaseSettings release,
    Timeouts timeouts,
    ReadinessProbeSettings readinessProbe,
    FailurePolicy failurePolicy,
    boolean allowHistoryDrift,
    SchemaDriftSettings schemaDrift,
    boolean checkOnly,
    ConfigSource source) {

  public RunnerConfig {
    databases = List.copyOf(databases);
  }
}
