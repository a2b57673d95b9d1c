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
    return Processes.run(
        command(cluster, args),
        env(cluster, extraEnv),
        TestCluster.basedir(),
        Duration.ofMinutes(3));
  }

  /**
   * The same on a pseudo-terminal (util-linux {@code script}), as a user at a terminal runs it:
   * standard output and error are the terminal, TERM is xterm unless {@code extraEnv} says
   * otherwise. The output is what the terminal received (CR LF line ends, escape sequences kept).
   */
  public static ProcessResult runOnTerminal(
      TestCluster cluster, Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("TERM", "xterm"));
    env.putAll(env(cluster, extraEnv));
    String line =
        command(cluster, args).stream()
            .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
            .collect(java.util.stream.Collectors.joining(" "));
    return Processes.run(
        List.of("script", "-qefc", line, "/dev/null"),
        env,
        TestCluster.basedir(),
        Duration.ofMinutes(3));
  }

  private static List<String> command(TestCluster cluster, String... args) {
    List<String> command = new ArrayList<>(List.of(cluster.kubectl().toString(), "chartreuse"));
    command.addAll(List.of(args));
    return command;
  }

  private static Map<String, String> env(TestCluster cluster, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(cluster.toolEnv());
    env.put("PATH", TestCluster.basedir().resolve("bin") + ":" + System.getenv("PATH"));
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.putAll(extraEnv);
    return env;
  }
}
