package dev.nsoha.core.model;

/** {@code /high-availability/settings}. Durations are whole seconds, as NSO configures them. */
public record HaSettings(
    boolean enableFailover,
    boolean assumeNominalRole,
    boolean joinHa,
    int reconnectInterval,
    int reconnectAttempts,
    boolean reconnectSecondaries,
    boolean consensusEnabled) {

  public HaSettings {
    if (reconnectInterval < 0 || reconnectAttempts < 0) {
      throw new IllegalArgumentException("reconnect interval and attempts must not be negative");
    }
  }

  /** Seconds a failover-primary waits before it takes over: interval × attempts. */
  public long failoverSeconds() {
    return (long) reconnectInterval * reconnectAttempts;
  }
}
