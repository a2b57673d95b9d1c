package io.chartreuse.workloads;

import io.chartreuse.exit.ChartreuseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one priority group's writes concurrently (a few requests in flight, as kubectl would with
 * several commands), waits for all of them, and rethrows the first failure. Groups themselves stay
 * in order.
 */
final class GroupWork {
  private static final int IN_FLIGHT = 4;

  private GroupWork() {}

  static <T> void forEach(List<T> items, Consumer<T> action) {
    if (items.size() <= 1) {
      items.forEach(action);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, items.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> action.accept(item)));
      }
      RuntimeException first = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first =
                e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException(e.getCause());
          }
        }
      }
      if (first != null) {
        throw first;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ChartreuseException.failed("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }
}
