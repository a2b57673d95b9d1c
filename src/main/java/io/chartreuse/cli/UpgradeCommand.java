package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.release.MigrationJobs;
import io.chartreuse.record.StatusConfigMap;
import io.chartreuse.release.UpgradePreflight;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code chartreuse upgrade RELEASE CHART [helm args…]}: refuses an upgrade that would go wrong (a running
 * migration, stranded Deployments, missing permissions), runs {@code $HELM_BIN upgrade}, then says how
 * the migration went — with its log when it failed, where Helm only says "BackoffLimitExceeded".
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
    description = "helm upgrade with a preflight and the migration Job's outcome (and log when it failed).")
final class UpgradeCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", description = "The release.")
  String release;

  @Parameters(index = "1", description = "The chart (path, repo/chart, or OCI reference).")
  String chart;

  @Option(names = "--force", description = "Upgrade even when the preflight finds a problem.")
  boolean force;

  @Unmatched
  List<String> helmArguments = new ArrayList<>();

  @Mixin ClusterOptions cluster;

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
        throw ChartreuseException.failed("upgrade refused by the preflight (" + problems.size() + " problem(s) above); pass --force to upgrade anyway");
      }
      int helmExit = helm(env, target.namespace());
      report(target, api);
      return helmExit == 0 ? 0 : ExitCode.ERROR.code();
    }
  }

  private int helm(Env env, String namespace) {
    List<String> command = new ArrayList<>(List.of(env.text("HELM_BIN").orElse("helm"), "upgrade", release, chart, "--namespace", namespace));
    cluster.kubeconfig().ifPresent(file -> command.addAll(List.of("--kubeconfig", file.toString())));
    cluster.context(env).ifPresent(name -> command.addAll(List.of("--kube-context", name)));
    command.addAll(helmArguments);
    try {
      Process process = new ProcessBuilder(command).inheritIO().start();
      return process.waitFor();
    } catch (IOException e) {
      throw ChartreuseException.failed("cannot run " + command.get(0) + ": " + e.getMessage() + "; set HELM_BIN or put helm on PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted while helm was running");
    }
  }

  private void report(KubeTarget target, ApiCalls api) {
    MigrationJobs jobs = new MigrationJobs(target, api);
    var job = jobs.latest(release);
    if (job.isEmpty()) {
      context.out().println("chartreuse: no migration Job of release " + release + " in namespace " + target.namespace());
      return;
    }
    String outcome = MigrationJobs.outcome(job.get());
    context.out().println("chartreuse: migration Job " + job.get().getMetadata().getName() + " " + outcome);
    if (!outcome.equals("failed")) {
      return;
    }
    context.out().println(jobs.log(job.get()).map(log -> "--- log of the migration ---\n" + log.stripTrailing() + "\n---")
        .orElse("(the migration's log is not available: kubectl logs job/" + job.get().getMetadata().getName() + ")"));
    api.call("list the status records of " + release, () -> target.client().configMaps().inNamespace(target.namespace())
        .withLabel("app.kubernetes.io/instance", release).withLabel("app.kubernetes.io/managed-by", "chartreuse").list().getItems())
        .forEach(cm -> new StatusConfigMap(target, api, cm.getMetadata().getName(), release).read()
            .flatMap(record -> record.lastRun().error()).ifPresent(error -> context.out().println("status record: " + error)));
  }

}
