package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.config.Variables;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.ClusterDetection;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.log.Log;
import io.chartreuse.record.ClusterEvents;
import io.chartreuse.version.RunnerVersion;
import io.chartreuse.version.VersionGate;
import io.chartreuse.workloads.AvailableWait;
import io.chartreuse.workloads.Deployments;
import io.chartreuse.workloads.ReleaseDeployments;
import io.chartreuse.workloads.WorkloadTrail;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chartreuse restore [RELEASE]}: scale back the Deployments a runner left stopped (by their
 * stop mark) and resume paused HPAs. The restore Job's entrypoint (alias chartreuse-restore); fatal
 * on failure, so stranded workers show up as a failed deployment.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Scale back Deployments a runner left stopped and resume paused HPAs (alias chartreuse-restore).")
final class RestoreCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      arity = "0..1",
      description = "Helm release (default: CHARTREUSE_RELEASE_NAME).")
  String release;

  @Option(
      names = "--skip-version-check",
      description = "In a pod, run without the chart's HELM_CHART_APP_VERSION.")
  boolean skipVersionCheck;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      description =
          "Wait this long for the Deployments brought back to be available (exit 6 if not);"
              + " 0: do not wait. Default: 300, or 0 in a pod (the restore Job).")
  Long waitSeconds;

  @Mixin LogOptions logOptions;

  @Mixin ProgressOptions progress;

  @Mixin ClusterOptions cluster;

  RestoreCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    long wait = waitSeconds != null ? waitSeconds : ClusterDetection.inPod(env) ? 0 : 300;
    if (wait < 0) {
      throw ChartreuseException.usage("--wait must be 0 or more seconds, got " + wait);
    }
    Log log = logOptions.create(env, context.err(), context.redactor());
    if (ClusterDetection.inPod(env) && !skipVersionCheck) {
      new VersionGate(RunnerVersion.current()).check(env);
    }
    String name =
        release != null
            ? release
            : env.text(Variables.RELEASE_NAME)
                .orElseThrow(
                    () ->
                        ChartreuseException.usage(
                            "no release given: pass RELEASE or set CHARTREUSE_RELEASE_NAME"));
    try (KubeTarget target =
        cluster
            .find(env)
            .orElseThrow(
                () ->
                    ChartreuseException.failed(
                        "no Kubernetes cluster: not in a pod and no kubeconfig; set KUBECONFIG"))) {
      Clock clock = Clock.systemUTC();
      WorkloadTrail trail =
          new WorkloadTrail(
              new ClusterEvents(
                  target, Optional.empty(), Optional.empty(), context.redactor(), log, clock),
              name,
              "chartreuse restore (a migration had left them stopped)");
      ApiCalls api = new ApiCalls(log);
      List<String> restored =
          new ReleaseDeployments(target, api, log, clock, name, trail).bringBack();
      if (wait > 0 && !restored.isEmpty()) {
        new AvailableWait(new Deployments(target, api), clock)
            .await(restored, Duration.ofSeconds(wait), progress.start(context.err()));
        log.info("available again: " + String.join(", ", restored));
      }
    }
    return 0;
  }
}
