package dev.nsoha.sim.ha;

import dev.nsoha.sim.data.Datastore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connecting side of HA: asking the other ha-nodes who is primary, joining a primary (token
 * proof, full copy), and then a secondary's connection to its primary, which stores every pushed
 * commit and answers the primary's requests.
 */
final class SecondaryLink {
  private static final Logger log = LoggerFactory.getLogger(SecondaryLink.class);
  private static final int CONNECT_TIMEOUT_MS = 2000;
  private static final int JOIN_TIMEOUT_MS = 60_000;

  /** Answers the requests a primary sends (package sync and reload). */
  interface Handler {
    PeerResult handle(HaMessage.Request request);
  }

  /** The outcome of {@link #join}: a link, or a refusal. */
  record Joined(SecondaryLink link, HaRefusal refusal) {}

  private final String label;
  private final String primary;
  private final HaLink link;

  private SecondaryLink(String label, String primary, HaLink link) {
    this.label = label;
    this.primary = primary;
    this.link = link;
  }

  /**
   * Asks every other ha-node for its mode.
   *
   * @param ownIp the address to connect from
   * @param port the HA port of the peers
   * @return the id of a node in mode primary, or null
   */
  static String findPrimary(
      String label, String ownIp, int port, List<RuleBasedHaConfig.Member> nodes, String me) {
    for (RuleBasedHaConfig.Member m : nodes) {
      if (m.id().equals(me) || m.address() == null) {
        continue;
      }
      try (HaLink l = HaLink.connect(ownIp, m.address(), port, CONNECT_TIMEOUT_MS)) {
        l.socket.setSoTimeout(CONNECT_TIMEOUT_MS);
        l.read();
        l.send(new HaMessage.Query());
        if (l.read() instanceof HaMessage.Status st
            && st.mode() == HaRole.PRIMARY
            && m.id().equals(st.id())) {
          return m.id();
        }
      } catch (IOException ex) {
        log.debug("{}: query of {} failed: {}", label, m.id(), ex.toString());
      }
    }
    return null;
  }

  /**
   * Connects to {@code target} at {@code address:port} and joins it: answers the hello with the
   * join {@code request} makes from the nonce, and stores the full copy when one comes.
   */
  static Joined join(
      String label,
      String ownIp,
      String target,
      String address,
      int port,
      Function<String, HaMessage.Join> request,
      Datastore datastore) {
    HaLink link;
    try {
      link = HaLink.connect(ownIp, address, port, CONNECT_TIMEOUT_MS);
    } catch (IOException ex) {
      log.info(
          "{}: cannot connect to {} ({}:{}): {}", label, target, address, port, ex.getMessage());
      return new Joined(null, HaRefusal.cannotConnect());
    }
    try {
      link.socket.setSoTimeout(JOIN_TIMEOUT_MS);
      if (!(link.read() instanceof HaMessage.Hello hello)) {
        throw new IOException("no hello from " + target);
      }
      link.send(request.apply(hello.nonce()));
      HaMessage answer = link.read();
      if (answer instanceof HaMessage.Reject r) {
        link.close();
        log.info("{}: primary {} refused us: {}", label, target, r.refusal());
        return new Joined(null, r.refusal());
      }
      if (!(answer instanceof HaMessage.Welcome w)) {
        throw new IOException("unexpected answer from " + target + ": " + answer);
      }
      if (w.data() != null) {
        datastore.importJson(w.data());
        log.info("{}: full copy of the config received from {} (txid {})", label, target, w.txid());
      } else {
        log.info("{}: transaction ids match ({}); no copy needed", label, w.txid());
      }
      link.socket.setSoTimeout(0);
      link.peerId = target;
      return new Joined(new SecondaryLink(label, target, link), null);
    } catch (IOException ex) {
      link.close();
      log.info("{}: join of {} failed: {}", label, target, ex.toString());
      return new Joined(null, HaRefusal.closed());
    }
  }

  /** The primary's id. */
  String primary() {
    return primary;
  }

  HaLink link() {
    return link;
  }

  /**
   * Starts reading from the primary on {@code io}: stores commits, answers requests with {@code
   * handler}, and calls {@code onLost} with the reason when the connection ends.
   */
  void start(Executor io, Datastore datastore, Handler handler, Consumer<String> onLost) {
    io.execute(() -> readLoop(io, datastore, handler, onLost));
  }

  private void readLoop(
      Executor io, Datastore datastore, Handler handler, Consumer<String> onLost) {
    String reason = "Primary closed connection";
    try {
      while (true) {
        HaMessage msg = link.read();
        if (msg instanceof HaMessage.Commit c) {
          if (c.data().has("ops")) {
            datastore.applyDelta(c.data()); // throws when a commit was missed: then rejoin
          } else {
            datastore.importJson(c.data());
          }
          link.send(new HaMessage.Reply(c.rid(), true, null));
        } else if (msg instanceof HaMessage.Request r) {
          io.execute(() -> answer(handler, r));
        }
      }
    } catch (IOException ex) {
      if (link.lossReason != null) {
        reason = link.lossReason;
      }
    }
    onLost.accept(reason);
  }

  private void answer(Handler handler, HaMessage.Request r) {
    PeerResult result;
    try {
      result = handler.handle(r);
    } catch (RuntimeException ex) {
      result = PeerResult.failure(String.valueOf(ex.getMessage()));
    }
    try {
      link.send(new HaMessage.Reply(r.rid(), result.ok(), result.info()));
    } catch (IOException ex) {
      link.close();
    }
  }

  /** Closes the connection quietly (no alarm). */
  void close() {
    link.close();
  }

  @Override
  public String toString() {
    return "SecondaryLink[" + label + " -> " + primary + "]";
  }
}
