package io.chartreuse.release;

import io.chartreuse.exit.ChartreuseException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code helm upgrade} as the wrapper runs it: the binary Helm names in HELM_BIN (set when Helm
 * runs a plugin) or helm on PATH, the release's namespace and the cluster flags the wrapper was
 * given, then the user's own arguments unchanged. Its output goes straight to the terminal.
 */
public record HelmUpgrade(
    String helm,
    String release,
    String chart,
    String namespace,
    Optional<Path> kubeconfig,
    Optional<String> context,
    List<String> arguments) {

  public List<String> command() {
    List<String> command =
        new ArrayList<>(List.of(helm, "upgrade", release, chart, "--namespace", namespace));
    kubeconfig.ifPresent(file -> command.addAll(List.of("--kubeconfig", file.toString())));
    context.ifPresent(name -> command.addAll(List.of("--kube-context", name)));
    command.addAll(arguments);
    return command;
  }

  /** Runs it and returns helm's exit code. */
  public int run() {
    List<String> command = command();
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw ChartreuseException.failed(
          "cannot run " + helm + ": " + e.getMessage() + "; set HELM_BIN or put helm on PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted while helm was running");
    }
  }
}
