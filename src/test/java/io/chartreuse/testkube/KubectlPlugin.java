package io.chartreuse.testkube;

import io.chartreuse.testing.ProcessResult;
import io.chartreuse.testing.Processes;
import io.chartreuse.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code kubectl chartreuse …} through kubectl's real plugin dispatch, with this checkout's
 * bin/ on PATH.
 */
public final class KubectlPlugin {
  private KubectlPlugin() {}

  public static ProcessResult run(TestCluster cluster, String... args) {
    return run(cluster, Map.of(), args);
  }

  public static ProcessResult run(
      TestCluster cluster, Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(cluster.toolEnv());
    env.put("PATH", TestCluster.basedir().resolve("bin") + ":" + System.getenv("PATH"));
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>(List.of(cluster.kubectl().toString(), "chartreuse"));
    command.addAll(List.of(args));
    return Processes.run(command, env, TestCluster.basedir(), Duration.ofMinutes(3));
  }
}
