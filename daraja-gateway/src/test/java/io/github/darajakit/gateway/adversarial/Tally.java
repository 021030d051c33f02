package io.github.darajakit.gateway.adversarial;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what a run did, by group and name, for the summary. Thread-safe. */
final class Tally {

  private final Map<String, Map<String, LongAdder>> groups = new ConcurrentHashMap<>();

  void add(String group, String name) {
    add(group, name, 1);
  }

  void add(String group, String name, long count) {
    groups
        .computeIfAbsent(group, g -> new ConcurrentHashMap<>())
        .computeIfAbsent(name, n -> new LongAdder())
        .add(count);
  }

  long get(String group, String name) {
    LongAdder adder = groups.getOrDefault(group, Map.of()).get(name);
    return adder == null ? 0 : adder.sum();
  }

  long total(String group) {
    return groups.getOrDefault(group, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** {@code name count, name count…} in name order; {@code none} when empty. */
  String line(String group) {
    Map<String, LongAdder> counts = groups.get(group);
    if (counts == null || counts.isEmpty()) {
      return "none";
    }
    StringBuilder line = new StringBuilder();
    new TreeMap<>(counts)
        .forEach(
            (name, count) ->
                line.append(line.length() == 0 ? "" : ", ")
                    .append(name)
                    .append(' ')
                    .append(count.sum()));
    return line.toString();
  }
}
