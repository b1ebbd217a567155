package dev.nsoha.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The replicated HA configuration under {@code /high-availability}, without the token. */
public record HaConfig(List<HaNodeConfig> nodes, HaSettings settings) {
  public HaConfig {
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(settings, "settings");
  }

  public Optional<HaNodeConfig> node(NodeId id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
