package dev.nsoha.sim.ha;

import dev.nsoha.sim.util.Crypto;
import dev.nsoha.sim.util.Versions;
import java.util.List;

/**
 * The checks a primary makes before it admits a secondary (reference §2.7, §2.8), in this order:
 * NSO major.minor (52), the token proof (28), the node id (29), the package schemas (27).
 */
final class Admission {
  private Admission() {}

  /**
   * @param join the secondary's request
   * @param nonce the nonce this primary sent in its hello
   * @param version this primary's NSO version
   * @param fxs this primary's package schema digests
   * @param config this primary's HA configuration
   * @param localId this primary's ha-node id
   * @return null when admitted, else the refusal
   */
  static HaRefusal check(
      HaMessage.Join join,
      String nonce,
      String version,
      List<String> fxs,
      RuleBasedHaConfig config,
      String localId) {
    String theirs = Versions.majorMinor(join.version());
    String mine = Versions.majorMinor(version);
    if (!theirs.equals(mine)) {
      return HaRefusal.badVersion(theirs, mine);
    }
    if (!Crypto.hmac(config.token(), nonce).equals(join.proof())) {
      return HaRefusal.badToken();
    }
    if (join.id() == null || config.member(join.id()) == null || join.id().equals(localId)) {
      return HaRefusal.unknownNode(join.id());
    }
    if (!join.fxs().equals(fxs)) {
      return HaRefusal.badFxs();
    }
    return null;
  }
}
