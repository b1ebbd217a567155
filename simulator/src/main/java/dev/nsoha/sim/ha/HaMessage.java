package dev.nsoha.sim.ha;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message on an HA connection. {@link HaCodec} turns them into frames. The handshake ({@link
 * Hello}, {@link Query}/{@link Status}, {@link Join}, {@link Welcome}/{@link Reject}) is rule-based
 * HA's; {@link Tick}, {@link Commit}, the package requests and {@link Reply} serve any HA mode that
 * pushes from a primary to its secondaries.
 */
public sealed interface HaMessage {

  /** The first frame the accepting node sends: a nonce for the token proof, its mode and id. */
  record Hello(String nonce, HaRole mode, String id) implements HaMessage {
    public Hello {
      Objects.requireNonNull(nonce, "nonce");
      Objects.requireNonNull(mode, "mode");
    }
  }

  /** "Are you primary?": asked while looking for the current primary. */
  record Query() implements HaMessage {}

  /** The answer to {@link Query}. */
  record Status(HaRole mode, String id) implements HaMessage {
    public Status {
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * A secondary asks to join.
   *
   * @param id its ha-node id
   * @param version its NSO version
   * @param fxs digests of its loaded package schemas
   * @param txid its last transaction id (equal ids: no full copy)
   * @param proof HMAC of the hello nonce with the HA token
   */
  record Join(String id, String version, List<String> fxs, String txid, String proof)
      implements HaMessage {
    public Join {
      fxs = List.copyOf(fxs);
    }
  }

  /** The primary accepts a join; {@code data} is the full config, or null when the txids match. */
  record Welcome(String txid, ObjectNode data) implements HaMessage {}

  /** The primary refuses a join. */
  record Reject(HaRefusal refusal) implements HaMessage {
    public Reject {
      Objects.requireNonNull(refusal, "refusal");
    }
  }

  /** Keeps a connection alive; any frame counts as a sign of life. */
  record Tick() implements HaMessage {}

  /** A request the primary sends and a secondary answers with a {@link Reply} of the same rid. */
  sealed interface Request extends HaMessage {
    /** The request id. */
    long rid();
  }

  /** A committed transaction: the secondary stores {@code data} and acknowledges. */
  record Commit(long rid, String txid, ObjectNode data) implements Request {
    public Commit {
      Objects.requireNonNull(data, "data");
    }
  }

  /** {@code packages ha sync}: package archives (file name to bytes) for the load path. */
  record SyncPackages(long rid, Map<String, byte[]> archives) implements Request {
    public SyncPackages {
      archives = Map.copyOf(archives);
    }
  }

  /** {@code packages ha sync and-reload}: reload the packages on the secondary. */
  record ReloadPackages(long rid, boolean force, boolean dryRun) implements Request {}

  /** The answer to a {@link Request}: whether it worked and, if not, why. */
  record Reply(long rid, boolean ok, String info) implements HaMessage {}
}
