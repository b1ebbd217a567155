package dev.nsoha.core.model;

import java.util.Objects;

/** One {@code /high-availability/ha-node} entry. */
public record HaNodeConfig(NodeId id, String address, HaMode nominalRole, boolean failoverPrimary) {
  public HaNodeConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(nominalRole, "nominalRole");
    if (failoverPrimary && nominalRole != HaMode.SECONDARY) {
      throw new IllegalArgumentException(
          "ha-node " + id + ": only a nominal secondary can be failover-primary");
    }
  }
}
