package io.chartreuse.testing;

import java.util.List;

/**
 * The outcome of a finished local process (helm, kubectl, the chartreuse jar): exit code and merged
 * output.
 */
public record ProcessResult(List<String> command, int exitCode, String output) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** Throws with the command and its output unless it exited 0; returns this for chaining. */
  public ProcessResult assertOk() {
    if (exitCode != 0) {
      throw new AssertionError(
          "exit code " + exitCode + " from " + String.join(" ", command) + "\n" + output);
    }
    return this;
  }

  @Override
  public String toString() {
    return String.join(" ", command) + " -> " + exitCode + "\n" + output;
  }
}
