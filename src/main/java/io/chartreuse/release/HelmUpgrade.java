package io.chartreuse.release;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.progress.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code helm upgrade} as the wrapper runs it: the binary Helm names in HELM_BIN (set when Helm
 * runs a plugin) or helm on PATH, the release's namespace and the cluster flags the wrapper was
 * given, then the user's own arguments unchanged. Its output goes straight to the terminal, or,
 * with a progress line, line by line above it.
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
    return run(() -> new ProcessBuilder(command()).inheritIO().start().waitFor());
  }

  /**
   * Runs it with a progress line saying what the upgrade waits for ({@code state}, asked every
   * second); Helm's output is passed on line by line above it.
   */
  public int run(Progress progress, Supplier<String> state, PrintStream out, PrintStream err) {
    try (progress) {
      return run(() -> new WatchedProcess(progress, state, out, err).run(command()));
    }
  }

  private interface Started {
    int exitCode() throws IOException, InterruptedException;
  }

  private int run(Started helmRun) {
    try {
      return helmRun.exitCode();
    } catch (IOException e) {
      throw ChartreuseException.failed(
          "cannot run " + helm + ": " + e.getMessage() + "; set HELM_BIN or put helm on PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted while helm was running");
    }
  }
}
