package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.release.HelmRelease;
import io.chartreuse.release.LaunchPlan;
import io.chartreuse.release.LaunchedJob;
import io.chartreuse.release.ReleaseStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chartreuse launch RELEASE}: run the release's migration Job by hand, exactly as the chart
 * would (rebuilt from the release's stored manifests), follow its log, wait, report, and delete its
 * ephemeral resources.
 */
@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    description =
        "Run a release's migration Job by hand, exactly as its chart would, and follow it.")
final class LaunchCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", description = "The release.")
  String release;

  @Option(names = "--dry-run", description = "Print the manifests instead of creating them.")
  boolean dryRun;

  @Option(
      names = "--check-only",
      description = "Run the runner read-only: refresh the status record, migrate nothing.")
  boolean checkOnly;

  @Option(names = "--timeout", description = "Seconds to wait for each Job (default: 900).")
  long timeoutSeconds = 900;

  @Mixin ProgressOptions progress;

  @Mixin ColorOptions colors;

  @Mixin ClusterOptions cluster;

  LaunchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    try (KubeTarget target = cluster.connect(env)) {
      ApiCalls api = context.api();
      HelmRelease found =
          new ReleaseStore(target.client(), api, env.text("HELM_DRIVER"))
              .find(target.namespace(), release);
      String suffix = "launch-" + Long.toString(System.currentTimeMillis() / 1000, 36);
      LaunchPlan plan = LaunchPlan.of(target.client(), found, suffix, checkOnly);
      if (dryRun) {
        for (HasMetadata resource : plan.printableDependencies()) {
          context.out().print(context.redactor().redact(Serialization.asYaml(resource)));
        }
        plan.jobs().forEach(job -> context.out().print(Serialization.asYaml(job)));
        return 0;
      }
      LaunchedJob launcher =
          new LaunchedJob(
              target,
              api,
              context.out(),
              Duration.ofSeconds(timeoutSeconds),
              () -> progress.start(context.err()),
              colors.palette(env, context.out() == System.out));
      boolean ok = true;
      try {
        plan.dependencies().forEach(launcher::replace);
        for (Job job : plan.jobs()) {
          ok &= launcher.runAndFollow(job);
        }
      } finally {
        plan.dependencies().forEach(launcher::delete);
      }
      return ok ? 0 : ExitCode.ERROR.code();
    }
  }
}
