package io.chartreuse.plugin;

import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One real helm binary with homes of its own (HELM_DATA_HOME, so its own HELM_PLUGINS, and
 * HELM_CONFIG_HOME, HELM_CACHE_HOME), aimed at a kubeconfig: where a test installs the plugin and
 * runs {@code helm chartreuse …} as a user would.
 */
record InstalledHelmPlugin(Path helm, Map<String, String> env, Path workDir) {
  static InstalledHelmPlugin of(Path helm, Path home, Path kubeconfig) {
    return new InstalledHelmPlugin(
        helm,
        Map.of(
            "HELM_DATA_HOME", home.resolve("data").toString(),
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "KUBECONFIG", kubeconfig.toString()),
        home);
  }

  Path plugins() {
    return Path.of(env.get("HELM_DATA_HOME"), "plugins");
  }

  /** {@code helm ARGS…}. */
  ProcessResult run(Duration timeout, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(helm.toString());
    command.addAll(args);
    return Processes.run(command, env, workDir, timeout);
  }

  ProcessResult run(List<String> args) {
    return run(Duration.ofMinutes(4), args);
  }

  ProcessResult run(String... args) {
    return run(List.of(args));
  }
}
