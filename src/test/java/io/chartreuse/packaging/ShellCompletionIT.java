package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Completion without a cluster: bash with the generated completions/chartreuse.bash, and the real
 * kubectl 1.33 calling bin/kubectl_complete-chartreuse ({@code kubectl __complete chartreuse …},
 * what kubectl's own shell completion runs).
 */
class ShellCompletionIT {

  @Test
  void bashCompletesSubcommandsOptionsAndOptionValues() {
    assertEquals(List.of("status"), bash("chartreuse", "st"));
    assertEquals(
        List.of(
            "run",
            "check",
            "repair",
            "restore",
            "status",
            "launch",
            "cleanup",
            "upgrade",
            "version",
            "completion"),
        bash("chartreuse", ""));
    assertEquals(List.of("table", "wide", "json", "yaml"), bash("chartreuse", "status", "-o", ""));
    assertEquals(
        List.of("pending", "drift", "failed", "stranded", "unreadable"),
        bash("chartreuse", "status", "--fail-on", ""));
    assertEquals(List.of("bash", "zsh", "fish"), bash("chartreuse", "completion", ""));
    assertTrue(
        bash("chartreuse", "status", "--")
            .containsAll(
                List.of(
                    "--all-namespaces",
                    "--namespace",
                    "--kubeconfig",
                    "--context",
                    "--output",
                    "--fail-on")));
  }

  @Test
  void kubectlCompletesTheSubcommandThroughThePluginCompletionExecutable() {
    Completion status = kubectlComplete("st");
    assertEquals(List.of("status"), status.candidates(), status.raw());
    assertEquals(4, status.directive(), status.raw());

    Completion all = kubectlComplete("");
    assertEquals(
        List.of(
            "run",
            "check",
            "repair",
            "restore",
            "status",
            "launch",
            "cleanup",
            "upgrade",
            "version",
            "completion"),
        all.candidates(),
        all.raw());
  }

  @Test
  void kubectlCompletesOptionsAndTheirValues() {
    Completion options = kubectlComplete("status", "--");
    assertTrue(
        options
            .candidates()
            .containsAll(List.of("--namespace", "--all-namespaces", "--kubeconfig", "--context")),
        options.raw());
    assertEquals(
        List.of("table", "wide", "json", "yaml"), kubectlComplete("status", "-o", "").candidates());
    assertEquals(List.of("bash", "zsh", "fish"), kubectlComplete("completion", "").candidates());

    Completion kubeconfig = kubectlComplete("status", "--kubeconfig", "");
    assertEquals(List.of(), kubeconfig.candidates(), kubeconfig.raw());
    assertEquals(0, kubeconfig.directive(), "files after --kubeconfig: " + kubeconfig.raw());
  }

  /**
   * Runs the generated bash completion as bash would for the given words (the last is being
   * completed).
   */
  private static List<String> bash(String... words) {
    StringBuilder script = new StringBuilder("source completions/chartreuse.bash; COMP_WORDS=(");
    for (String word : words) {
      script.append('\'').append(word).append("' ");
    }
    String line = String.join(" ", words);
    script
        .append("); COMP_CWORD=")
        .append(words.length - 1)
        .append("; COMP_LINE='")
        .append(line)
        .append("'; COMP_POINT=")
        .append(line.length())
        .append("; _complete_chartreuse; printf '%s\\n' \"${COMPREPLY[@]}\"");
    PackagingProcess result =
        PackagingProcess.run(
            List.of("bash", "-c", script.toString()),
            Map.of(),
            PackagingProcess.basedir(),
            Duration.ofSeconds(30));
    assertEquals(0, result.exitCode(), result.toString());
    return lines(result.stdout());
  }

  record Completion(List<String> candidates, int directive, String raw) {}

  /** {@code kubectl __complete chartreuse WORDS…} with bin/ on PATH and no reachable cluster. */
  static Completion kubectlComplete(String... words) {
    return kubectlComplete(Map.of("KUBECONFIG", "/nonexistent/kubeconfig"), words);
  }

  static Completion kubectlComplete(Map<String, String> env, String... words) {
    Path kubectl = PackagingProcess.kubectl();
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "__complete", "chartreuse"));
    command.addAll(Arrays.asList(words));
    Map<String, String> fullEnv = new java.util.HashMap<>(env);
    fullEnv.put(
        "PATH",
        PackagingProcess.basedir().resolve("bin")
            + ":"
            + kubectl.getParent()
            + ":"
            + PackagingProcess.baseEnv().get("PATH"));
    PackagingProcess result =
        PackagingProcess.run(command, fullEnv, PackagingProcess.basedir(), Duration.ofSeconds(60));
    assertEquals(0, result.exitCode(), result.toString());
    List<String> lines = lines(result.stdout());
    assertTrue(
        !lines.isEmpty() && lines.get(lines.size() - 1).startsWith(":"), "no directive: " + result);
    int directive = Integer.parseInt(lines.get(lines.size() - 1).substring(1));
    return new Completion(
        List.copyOf(lines.subList(0, lines.size() - 1)), directive, result.toString());
  }

  private static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isEmpty()).toList();
  }
}
