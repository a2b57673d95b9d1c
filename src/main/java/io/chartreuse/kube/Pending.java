package io.chartreuse.kube;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The result of a request under way; {@link #get} waits and rethrows its failure as the caller
 * would have seen it.
 */
public record Pending<T>(CompletableFuture<T> future) {
  public <R> Pending<R> then(Function<T, R> next) {
    return new Pending<>(future.thenApply(next));
  }

  public T get() {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
