package io.chartreuse.version;

import io.chartreuse.config.Env;
import io.chartreuse.config.Variables;
import io.chartreuse.exit.ChartreuseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to run a runner whose major.minor differs from the chart's appVersion: a chart renders
 * the environment one runner generation expects. Same accept/reject table as the original's {@code
 * ensure_safe_run}: the first two dot-separated parts are compared as strings.
 */
public final class VersionGate {
  private final String runnerVersion;

  public VersionGate(String runnerVersion) {
    this.runnerVersion = runnerVersion;
  }

  /** Throws a usage error unless the chart's version variable matches. */
  public void check(Env env) {
    Optional<String> chart = env.get(Variables.HELM_CHART_APP_VERSION).filter(v -> !v.isEmpty());
    String variable = Variables.HELM_CHART_APP_VERSION;
    if (chart.isEmpty()) {
      chart = env.get(Variables.HELM_CHART_VERSION).filter(v -> !v.isEmpty());
      variable = Variables.HELM_CHART_VERSION;
    }
    if (chart.isEmpty()) {
      throw ChartreuseException.usage(
          Variables.HELM_CHART_APP_VERSION
              + " is not set: the chart sets it; for a local run pass --skip-version-check");
    }
    if (!compatible(chart.get(), runnerVersion)) {
      throw ChartreuseException.usage(
          "chart version "
              + chart.get()
              + " ("
              + variable
              + ") does not match runner version "
              + runnerVersion
              + ": major.minor "
              + majorMinor(chart.get())
              + " vs "
              + majorMinor(runnerVersion)
              + "; use the runner image of the chart's appVersion");
    }
  }

  static boolean compatible(String chartVersion, String runnerVersion) {
    if (chartVersion == null
        || chartVersion.isEmpty()
        || runnerVersion == null
        || runnerVersion.isEmpty()) {
      return false;
    }
    return majorMinor(chartVersion).equals(majorMinor(runnerVersion));
  }

  /** Python's {@code v.split(".", 2)[:2]}. */
  static List<String> majorMinor(String version) {
    String[] parts = version.split("\\.", 3);
    return Arrays.asList(parts).subList(0, Math.min(2, parts.length));
  }
}
