package io.chartreuse.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the join of `status` needs of one listed object: where it is, the release it belongs to
 * (label app.kubernetes.io/instance), and the part of it that is read, extracted on the list's own
 * thread.
 */
public record ListedItem<T>(String namespace, String name, Optional<String> instance, T content) {
  public static <T> RawLister.BodyReader<List<ListedItem<T>>> reader(
      Function<JsonNode, T> content) {
    return body -> {
      List<ListedItem<T>> items = new ArrayList<>();
      ListItems.forEach(
          body,
          item ->
              items.add(
                  new ListedItem<>(
                      ListItems.metadata(item, "namespace"),
                      ListItems.metadata(item, "name"),
                      ListItems.label(item, "app.kubernetes.io/instance"),
                      content.apply(item))));
      return items;
    };
  }
}
