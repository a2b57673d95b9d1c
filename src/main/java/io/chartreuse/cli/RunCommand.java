package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.config.RunnerConfig;
import io.chartreuse.log.Log;
import io.chartreuse.log.Redactor;
import io.chartreuse.report.JsonReport;
import io.chartreuse.report.RunReport;
import io.chartreuse.report.TextReport;
import io.chartreuse.runner.Runner;
import io.chartreuse.version.RunnerVersion;
import io.chartreuse.version.VersionGate;
import io.chartreuse.workloads.ClusterParts;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chartreuse run}: the in-cluster runner, configured by the environment the chart sets. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Migrate the configured databases (the migration Job's entrypoint; alias chartreuse-upgrade).")
final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--skip-version-check",
      description = "Run without the chart's HELM_CHART_APP_VERSION (local use).")
  boolean skipVersionCheck;

  @Option(
      names = {"-o", "--output"},
      description = "Report format: ${COMPLETION-CANDIDATES} (default: text).")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = "--allow-drift",
      description =
          "Migrate even when the history has drifted (same as CHARTREUSE_ALLOW_HISTORY_DRIFT=true).")
  boolean allowDrift;

  @Option(
      names = "--check-only",
      description = "Inspect and refresh the status record; migrate nothing, touch no Deployment.")
  boolean checkOnly;

  @Mixin LogOptions logOptions;

  @Mixin ClusterOptions clusterOptions;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    Redactor redactor = context.redactor();
    Log log = logOptions.create(env, context.err(), redactor);
    if (!skipVersionCheck) {
      new VersionGate(RunnerVersion.current()).check(env);
    }
    RunnerConfig config = context.runnerConfig().withFlags(allowDrift, checkOnly);
    RunReport report;
    try (ClusterParts cluster =
        ClusterParts.forRun(
            config, clusterOptions.find(env), log, redactor, RunnerVersion.current())) {
      report =
          new Runner(
                  config,
                  cluster.deployments(),
                  cluster.observer(),
                  log,
                  Clock.systemUTC(),
                  RunnerVersion.current(),
                  applicationName(env))
              .run();
    }
    String rendered =
        output == OutputFormat.json
            ? new JsonReport().render(report) + "\n"
            : new TextReport().render(report);
    context.out().print(redactor.redact(rendered));
    context.out().flush();
    return report.exitCode();
  }

  /** Shown to a second runner waiting for the lock: in a pod, HOSTNAME is the pod's name. */
  private static String applicationName(Env env) {
    return "chartreuse "
        + RunnerVersion.current()
        + env.text("HOSTNAME").map(h -> " on " + h).orElse("");
  }
}
