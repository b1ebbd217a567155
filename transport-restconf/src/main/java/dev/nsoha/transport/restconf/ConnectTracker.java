package dev.nsoha.transport.restconf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;

/**
 * Remembers how far each call got, so that a timeout can be told apart: before the TCP connection
 * the node is unreachable, during the TLS handshake the port does not speak TLS, after it the node
 * did not answer in time. Thread-safe; callers {@link #forget} each call when done.
 */
final class ConnectTracker extends EventListener {
  /** How far a call got. Later phases compare greater. */
  enum Phase {
    NOT_CONNECTED,
    TLS_HANDSHAKE,
    CONNECTED
  }

  private final Map<Call, Phase> phases = new ConcurrentHashMap<>();

  @Override
  public void secureConnectStart(Call call) {
    phases.merge(call, Phase.TLS_HANDSHAKE, ConnectTracker::later);
  }

  @Override
  public void secureConnectEnd(Call call, Handshake handshake) {
    phases.merge(call, Phase.CONNECTED, ConnectTracker::later);
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    phases.merge(call, Phase.CONNECTED, ConnectTracker::later);
  }

  private static Phase later(Phase a, Phase b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** How far {@code call} got. */
  Phase phase(Call call) {
    return phases.getOrDefault(call, Phase.NOT_CONNECTED);
  }

  void forget(Call call) {
    phases.remove(call);
  }
}
