package io.chartreuse.kube;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import io.chartreuse.log.Log;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every API call of the runner goes through here: transient failures (no answer, 429, 5xx) are
 * retried with backoff, a bounded number of times; 403 fails at once with the API server's own
 * message, which names the verb, resource and ServiceAccount, so the missing Role rule is plain.
 */
public final class ApiCalls {
  private static final int ATTEMPTS = 4;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

  private final Log log;

  public ApiCalls(Log log) {
    this.log = log;
  }

  public <T> T call(String what, Supplier<T> action) {
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          throw new ChartreuseException(
              ExitCode.ERROR,
              "forbidden to "
                  + what
                  + ": "
                  + reason(e)
                  + "; the runner's Role needs this rule (see docs/rbac.md)");
        }
        if (!transient_(e) || attempt == ATTEMPTS) {
          throw new ChartreuseException(ExitCode.ERROR, "cannot " + what + ": " + reason(e), e);
        }
        log.warn(
            "cannot "
                + what
                + " (attempt "
                + attempt
                + " of "
                + ATTEMPTS
                + "): "
                + reason(e)
                + "; retrying in "
                + pause.toMillis()
                + " ms");
        sleep(pause);
        pause = pause.multipliedBy(2);
      }
    }
  }

  /**
   * Like {@link #call}, but a 404 (the object or the CRD is absent) is an empty result, as in the
   * original.
   */
  public <T> Optional<T> callTolerating404(String what, Supplier<T> action) {
    try {
      return Optional.ofNullable(call(what, action));
    } catch (ChartreuseException e) {
      if (e.getCause() instanceof KubernetesClientException k && k.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public void run(String what, Runnable action) {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  private static boolean transient_(KubernetesClientException e) {
    int code = e.getCode();
    return code == 0 || code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
  }

  static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline >= 0 ? message.substring(0, newline) : message;
  }

  /** Sleeps; an interrupt ends the command as a failure instead of being swallowed. */
  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted");
    }
  }
}
