package io.chartreuse.release;

import java.util.List;
import java.util.Optional;

/**
 * What chartreuse needs of a Helm release, read from Helm's own storage without the helm binary:
 * its revision and status, the chart, the rendered manifest and the hooks with their last run.
 */
public record HelmRelease(
    String name,
    String namespace,
    int revision,
    String status,
    String chartName,
    String chartVersion,
    Optional<String> appVersion,
    String manifest,
    List<Hook> hooks) {

  public HelmRelease {
    hooks = List.copyOf(hooks);
  }

  /** A hook resource and when it last ran ({@code phase}: Unknown, Running, Succeeded, Failed). */
  public record Hook(
      String name,
      String kind,
      List<String> events,
      int weight,
      String manifest,
      Optional<LastRun> lastRun) {
    public Hook {
      events = List.copyOf(events);
    }
  }

  /** {@code hooks[].last_run} of the release. */
  public record LastRun(Optional<String> startedAt, Optional<String> completedAt, String phase) {}

  /**
   * The chartreuse migration Jobs of this release: hook Jobs or plain Jobs labelled as
   * chartreuse's.
   */
  public boolean usesChartreuse() {
    return hooks.stream().anyMatch(HelmRelease::isChartreuseJob)
        || manifest.contains("app.kubernetes.io/part-of: chartreuse");
  }

  public List<Hook> chartreuseJobs() {
    return hooks.stream().filter(HelmRelease::isChartreuseJob).toList();
  }

  private static boolean isChartreuseJob(Hook hook) {
    return "Job".equals(hook.kind())
        && hook.manifest().contains("app.kubernetes.io/part-of: chartreuse");
  }
}
