package io.chartreuse.release;

import io.chartreuse.progress.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a process with a progress line under its output: each line it prints is passed on (the
 * progress line taken away first, so the two never mix), and every second the line says what is
 * being waited for.
 */
final class WatchedProcess {
  private final Progress progress;
  private final Supplier<String> state;
  private final PrintStream out;
  private final PrintStream err;

  WatchedProcess(Progress progress, Supplier<String> state, PrintStream out, PrintStream err) {
    this.progress = progress;
    this.state = state;
    this.out = out;
    this.err = err;
  }

  /** Its exit code. */
  int run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
    Thread stdout = relay(process.getInputStream(), out);
    Thread stderr = relay(process.getErrorStream(), err);
    try {
      while (!process.waitFor(1, TimeUnit.SECONDS)) {
        String now = state.get();
        synchronized (progress) {
          progress.show(now);
        }
      }
      stdout.join();
      stderr.join();
      return process.exitValue();
    } finally {
      process.destroy();
    }
  }

  private Thread relay(InputStream from, PrintStream to) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  synchronized (progress) {
                    progress.clear();
                    to.println(line);
                    to.flush();
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "helm-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
