package dev.nsoha.core.model;

import java.util.Objects;

/** One entry of {@code /high-availability/status/connected-secondary} on a primary. */
public record ConnectedSecondary(NodeId id, String address) {
  public ConnectedSecondary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
  }
}
