package dev.nsoha.scenarios.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The edits NSO's HA examples make to the {@code ncs.conf} that {@code ncs-setup} generates, done
 * in Java rather than with sed: drop the commented or present {@code <ha>} block and the closing
 * tag, append an enabled HA block and the TCP IPC port, bind every listener to the node's own
 * address, give each node its IPC port and prompt, and stop the web UI from matching host names.
 */
public final class NcsConfEdits {
  private NcsConfEdits() {}

  /**
   * Applies the example's edits.
   *
   * @param conf the generated ncs.conf
   * @param address the node's address, e.g. 127.0.1.1
   * @param ipcPort the node's IPC port, e.g. 4561
   * @param nodeNumber 1, 2 or 3, for the prompt {@code admin@n1#}
   */
  public static String forNode(String conf, String address, int ipcPort, int nodeNumber) {
    List<String> kept = new ArrayList<>();
    boolean inHa = false;
    for (String line : conf.split("\n", -1)) {
      if (line.contains("<ha>")) {
        inHa = true;
      }
      if (inHa) {
        if (line.contains("</ha>")) {
          inHa = false;
        }
        continue;
      }
      if (line.contains("</ncs-config>")) {
        continue;
      }
      kept.add(line);
    }
    while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
      kept.remove(kept.size() - 1);
    }
    StringBuilder sb = new StringBuilder(String.join("\n", kept)).append('\n');
    sb.append("  <ha>\n    <enabled>true</enabled>\n    <ip>0.0.0.0</ip>\n  </ha>\n");
    sb.append("  <ncs-ipc-address>\n    <port>4569</port>\n  </ncs-ipc-address>\n");
    sb.append("</ncs-config>\n");
    return sb.toString()
        .replace("0.0.0.0", address)
        .replace("127.0.0.1", address)
        .replace("4569", Integer.toString(ipcPort))
        .replace("u@ncs", "u@n" + nodeNumber)
        .replace("<webui>", "<webui><match-host-name>false</match-host-name>");
  }

  /**
   * Moves the CLI SSH and web UI listeners off NSO's default ports 2024 and 8080, for machines
   * where those are taken; the example itself keeps the defaults.
   */
  public static String ports(String conf, int cliPort, int restconfPort) {
    return conf.replace("<port>2024</port>", "<port>" + cliPort + "</port>")
        .replace("<port>8080</port>", "<port>" + restconfPort + "</port>");
  }

  /** Points the load path's {@code ./packages} at the simulated system install's active set. */
  public static String systemInstallLoadPath(String conf) {
    return conf.replace("<dir>./packages</dir>", "<dir>./var/opt/ncs/packages</dir>");
  }

  /**
   * Serves RESTCONF over TLS only: the web server's clear-text TCP listener is disabled, and its
   * SSL listener is enabled on {@code port} with the node's key and certificate and the CA
   * certificate that completes the chain (paths as ncs.conf takes them).
   */
  public static String tlsOnly(
      String conf, int port, String keyFile, String certFile, String caFile) {
    int web = conf.indexOf("<webui>");
    int tcp = conf.indexOf("<tcp>", web);
    int tcpEnd = conf.indexOf("</tcp>", tcp);
    int ssl = conf.indexOf("<ssl>", web);
    int sslEnd = conf.indexOf("</ssl>", ssl);
    if (web < 0 || tcp < 0 || tcpEnd < 0 || ssl < 0 || sslEnd < 0) {
      throw new IllegalStateException("ncs.conf has no webui tcp and ssl transport to edit");
    }
    String tcpBlock =
        conf.substring(tcp, tcpEnd)
            .replaceFirst("<enabled>true</enabled>", "<enabled>false</enabled>");
    String sslBlock = conf.substring(ssl, sslEnd);
    String ip = sslBlock.replaceAll("(?s).*<ip>([^<]*)</ip>.*", "$1");
    String newSsl =
        "<ssl>\n        <enabled>true</enabled>\n        <ip>"
            + ip
            + "</ip>\n        <port>"
            + port
            + "</port>\n        <key-file>"
            + keyFile
            + "</key-file>\n        <cert-file>"
            + certFile
            + "</cert-file>\n        <ca-cert-file>"
            + caFile
            + "</ca-cert-file>\n      ";
    if (tcp < ssl) {
      return conf.substring(0, tcp)
          + tcpBlock
          + conf.substring(tcpEnd, ssl)
          + newSsl
          + conf.substring(sslEnd);
    }
    return conf.substring(0, ssl)
        + newSsl
        + conf.substring(sslEnd, tcp)
        + tcpBlock
        + conf.substring(tcpEnd);
  }

  /**
   * The HA Raft variant of {@link #forNode}: the same edits, but instead of rule-based HA an {@code
   * <ha-raft>} block in the pre-6.7 form both bundled installs take: the cluster name, the node's
   * name {@code ncsdN@ADDRESS} as {@code listen/node-address}, every other member as a {@code
   * seed-node}, and TLS with the node's key and certificate and the CA certificate in {@code
   * ha-tls/} of the run directory.
   *
   * @param members every member's name, {@code ncsdK@ADDRESS}, in node order
   */
  public static String forRaftNode(
      String conf,
      String address,
      int ipcPort,
      int nodeNumber,
      String clusterName,
      List<String> members) {
    String rule = forNode(conf, address, ipcPort, nodeNumber);
    String ha = "  <ha>\n    <enabled>true</enabled>\n    <ip>" + address + "</ip>\n  </ha>\n";
    if (!rule.contains(ha)) {
      throw new IllegalStateException("the example's ha block is not where it was put");
    }
    String self = members.get(nodeNumber - 1);
    StringBuilder raft = new StringBuilder();
    raft.append("  <ha-raft>\n")
        .append("    <enabled>true</enabled>\n")
        .append("    <cluster-name>")
        .append(clusterName)
        .append("</cluster-name>\n")
        .append("    <listen>\n      <node-address>")
        .append(self)
        .append("</node-address>\n    </listen>\n")
        .append("    <seed-nodes>\n");
    for (String m : members) {
      if (!m.equals(self)) {
        raft.append("      <seed-node>").append(m).append("</seed-node>\n");
      }
    }
    String base = "ha-tls/ncsd" + nodeNumber;
    raft.append("    </seed-nodes>\n")
        .append("    <ssl>\n")
        .append("      <enabled>true</enabled>\n")
        .append("      <ca-cert-file>ha-tls/ca.crt</ca-cert-file>\n")
        .append("      <cert-file>")
        .append(base)
        .append(".crt</cert-file>\n")
        .append("      <key-file>")
        .append(base)
        .append(".key</key-file>\n")
        .append("    </ssl>\n")
        .append("  </ha-raft>\n");
    return rule.replace(ha, raft.toString());
  }

  /** The example's name for node {@code number} on {@code address}: {@code ncsdN@ADDRESS}. */
  public static String raftNodeName(int number, String address) {
    return "ncsd" + number + "@" + address;
  }
}
