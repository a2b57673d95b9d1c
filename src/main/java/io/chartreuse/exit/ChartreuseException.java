package io.chartreuse.exit;

/**
 * A failure the user can act on: a one-line message that names the problem and the fix, and the
 * exit code it maps to. Messages must never hold a secret; callers build them from redacted parts.
 */
public class ChartreuseException extends RuntimeException {
  private final ExitCode exitCode;

  public ChartreuseException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ChartreuseException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  public static ChartreuseException usage(String message) {
    return new ChartreuseException(ExitCode.USAGE, message);
  }

  public static ChartreuseException timeout(String message) {
    return new ChartreuseException(ExitCode.TIMEOUT, message);
  }

  public static ChartreuseException failed(String message) {
    return new ChartreuseException(ExitCode.ERROR, message);
  }
}
