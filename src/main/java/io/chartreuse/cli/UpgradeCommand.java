package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.release.FailedHookCleanup;
import io.chartreuse.release.HelmUpgrade;
import io.chartreuse.release.Leftovers;
import io.chartreuse.release.MigrationJobs;
import io.chartreuse.release.MigrationOutcome;
import io.chartreuse.release.ReleaseStore;
import io.chartreuse.release.UpgradePreflight;
import io.chartreuse.release.UpgradeWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code chartreuse upgrade RELEASE CHART [helm args…]}: refuses an upgrade that would go wrong (a
 * running migration, stranded Deployments, missing permissions), runs {@code $HELM_BIN upgrade},
 * then says how the migration went — with its log when it failed, where Helm only says
 * "BackoffLimitExceeded".
 */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description =
        "helm upgrade with a preflight and the migration Job's outcome (and log when it failed).")
final class UpgradeCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", description = "The release.")
  String release;

  @Parameters(index = "1", description = "The chart (path, repo/chart, or OCI reference).")
  String chart;

  @Option(
      names = "--force",
      description =
          "Upgrade even when the preflight finds a problem (not passed to Helm; Helm 4's own is"
              + " --force-replace).")
  boolean force;

  @Unmatched List<String> helmArguments = new ArrayList<>();

  @Mixin ClusterOptions cluster;

  @Mixin ProgressOptions progress;

  UpgradeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    try (KubeTarget target = cluster.connect(env)) {
      ApiCalls api = context.api();
      List<String> problems = new UpgradePreflight(target, api).problems(release);
      for (String problem : problems) {
        context.err().println("chartreuse: " + (force ? "warning: " : "") + problem);
      }
      if (!problems.isEmpty() && !force) {
        throw ChartreuseException.failed(
            "upgrade refused by the preflight ("
                + problems.size()
                + " problem(s) above); pass --force to upgrade anyway");
      }
      MigrationOutcome outcome = new MigrationOutcome(target, api);
      Optional<String> jobBeforeHelm = outcome.latestJobUid(release);
      HelmUpgrade upgrade =
          new HelmUpgrade(
              env.text("HELM_BIN").orElse("helm"),
              release,
              chart,
              target.namespace(),
              cluster.kubeconfig(),
              cluster.context(env),
              helmArguments);
      int helmExit =
          progress.progress == ProgressOptions.Mode.off
              ? upgrade.run()
              : upgrade.run(
                  progress.start(context.err()),
                  new UpgradeWatch(new MigrationJobs(target, api), release, jobBeforeHelm)::state,
                  context.out(),
                  context.err());
      outcome.print(release, jobBeforeHelm, context.out());
      if (helmExit != 0) {
        new FailedHookCleanup(
                target,
                api,
                new Leftovers(
                    target.client(),
                    api,
                    new ReleaseStore(target.client(), api, env.text("HELM_DRIVER"))))
            .clean(release, context.out());
      }
      return helmExit == 0 ? 0 : ExitCode.ERROR.code();
    }
  }
}
