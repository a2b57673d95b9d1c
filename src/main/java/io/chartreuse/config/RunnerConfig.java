package io.chartreuse.config;

import java.util.List;
import java.util.stream.Stream;

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

  /**
   * With the command line's flags: {@code --allow-drift} adds to the variable; {@code
   * --check-only}.
   */
  public RunnerConfig withFlags(boolean allowDrift, boolean checkOnly) {
    return new RunnerConfig(
        databases,
        release,
        timeouts,
        readinessProbe,
        failurePolicy,
        allowHistoryDrift || allowDrift,
        schemaDrift,
        this.checkOnly || checkOnly,
        source);
  }

  /** Every secret this configuration holds (passwords, URLs with credentials), for the redactor. */
  public List<String> secrets() {
    return databases.stream()
        .flatMap(
            target ->
                Stream.of(target.url().password().value(), target.url().sqlalchemyUrl().value()))
        .toList();
  }
}
