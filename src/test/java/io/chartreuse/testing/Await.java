package io.chartreuse.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polling with a deadline, for conditions that the controllers or the fake kubelet bring about. */
public final class Await {
  private Await() {}

  public interface Condition {
    boolean met() throws Exception;
  }

  /**
   * Polls {@code condition} every 200 ms until it holds; fails with {@code what} after {@code
   * timeout}.
   */
  public static void until(Duration timeout, String what, Condition condition) {
    value(
        timeout,
        what,
        () -> {
          try {
            return condition.met() ? Optional.of(Boolean.TRUE) : Optional.empty();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * Polls {@code probe} until it yields a value and returns it; fails with {@code what} after
   * {@code timeout}.
   */
  public static <T> T value(Duration timeout, String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        Optional<T> v = probe.get();
        if (v.isPresent()) {
          return v.get();
        }
        last = null;
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError error =
            new AssertionError(
                "timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        if (last != null) {
          error.initCause(last);
        }
        throw error;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for: " + what, e);
      }
    }
  }
}
