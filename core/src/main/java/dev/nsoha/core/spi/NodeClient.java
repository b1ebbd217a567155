package dev.nsoha.core.spi;

import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaFlavour;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import java.util.List;
import java.util.Optional;

/**
 * One connection to one NSO node's northbound interface: the C-style CLI over SSH, or RESTCONF.
 * Everything the upgrade plans do to a running node goes through this interface, so the same plan
 * runs over either transport.
 *
 * <p>Each method names the NSO CLI command and the RESTCONF request it stands for
 * (docs/nso-interface.md, "HA status and actions", "Packages", "RESTCONF", "CLI"). Action methods
 * return NSO's {@code result} text where NSO gives one.
 *
 * <p><b>Threads.</b> Implementations are thread-safe: calls from several threads are allowed and a
 * transport that has a single session per node (the CLI) serializes them.
 *
 * <p><b>Errors.</b> Every method throws only unchecked {@link dev.nsoha.core.error.NsoException}s,
 * with the node, the operation and the node's own message:
 *
 * <ul>
 *   <li>{@link dev.nsoha.core.error.UnreachableException}: connection refused, lost, or TLS
 *       failure;
 *   <li>{@link dev.nsoha.core.error.AuthenticationException}: the node refused the credentials;
 *   <li>{@link dev.nsoha.core.error.ReadOnlyException}: a write on a secondary or a read-only node;
 *   <li>{@link dev.nsoha.core.error.NotFoundException}: an unknown HA node, package or path;
 *   <li>{@link dev.nsoha.core.error.InvalidInputException}: a value or element the node's schema
 *       refuses;
 *   <li>{@link dev.nsoha.core.error.OperationFailedException}: the node ran the action and it
 *       failed;
 *   <li>{@link dev.nsoha.core.error.NsoTimeoutException}: no reply within the request timeout;
 *   <li>{@link dev.nsoha.core.error.ProtocolException}: a reply the client cannot parse.
 * </ul>
 */
public interface NodeClient extends AutoCloseable {

  /** The node this client talks to. */
  NodeEndpoint endpoint();

  /**
   * The transport's name, {@code cli} or {@code restconf}, as used in messages and on the command
   * line.
   */
  String transport();

  // ---- high availability
  // ------------------------------------------------------------------------------------

  /**
   * Reads the node's HA state. CLI: {@code show high-availability | display json | nomore}.
   * RESTCONF: {@code GET /restconf/data/tailf-ncs:high-availability?content=nonconfig}.
   */
  HaStatus haStatus();

  /**
   * Reads the replicated HA configuration (nodes and settings, defaults included). CLI: {@code show
   * running-config high-availability | details | display json | nomore} ({@code details} asks for
   * the default values). RESTCONF: {@code GET
   * /restconf/data/tailf-ncs:high-availability?content=config&with-defaults=report-all}.
   */
  HaConfig haConfig();

  /**
   * Enables rule-based HA and applies the start-up rules. Returns NSO's result ({@code enabled}).
   * CLI: {@code high-availability enable}. RESTCONF: {@code POST
   * /restconf/operations/high-availability/enable}.
   */
  String enableHa();

  /**
   * Disables HA; the node leaves the group and takes role none. Returns {@code NSO Built-in HA
   * disabled}. CLI: {@code high-availability disable}. RESTCONF: {@code POST
   * /restconf/operations/high-availability/disable}.
   */
  String disableHa();

  /**
   * Makes the node primary at once (the documented fast takeover). Returns {@code ok}. CLI: {@code
   * high-availability be-primary}. RESTCONF: {@code POST
   * /restconf/operations/high-availability/be-primary}.
   */
  String bePrimary();

  /**
   * Asks the node to become a secondary of {@code primary}; asynchronous, the outcome shows in
   * {@code status/be-secondary-result}. Returns {@code Attempting to be secondary to node n1}. CLI:
   * {@code high-availability be-secondary-to node n1}. RESTCONF: {@code POST
   * /restconf/operations/high-availability/be-secondary-to} {@code {"input":{"node":"n1"}}}.
   *
   * @throws dev.nsoha.core.error.NsoException with {@link dev.nsoha.core.error.ErrorCode#NOT_FOUND}
   *     or {@link dev.nsoha.core.error.ErrorCode#INVALID_INPUT} when {@code primary} is not a
   *     configured ha-node
   */
  String beSecondaryTo(NodeId primary);

  /**
   * Makes the node leave its role and take role none, HA staying enabled. CLI: {@code
   * high-availability be-none}. RESTCONF: {@code POST
   * /restconf/operations/high-availability/be-none}.
   */
  String beNone();

  /**
   * Sets or clears the administrator read-only flag. CLI: {@code high-availability read-only mode
   * true|false}. RESTCONF: {@code POST /restconf/operations/high-availability/read-only} {@code
   * {"input":{"mode":"true"}}}.
   */
  void setReadOnly(boolean readOnly);

  // ---- HA Raft
  // ---------------------------------------------------------------------------------------------

  /**
   * Reads the node's HA Raft state; empty when HA Raft is not enabled on the node (NSO then has no
   * {@code /ha-raft/status}). CLI: {@code show ha-raft | display json | nomore}. RESTCONF: {@code
   * GET /restconf/data/tailf-ncs-high-availability-raft:ha-raft?content=nonconfig}.
   */
  Optional<RaftStatus> raftStatus();

  /**
   * Which HA mechanism the node runs: {@link HaFlavour#RAFT} when it reports an HA Raft status,
   * else {@link HaFlavour#RULE_BASED} when rule-based HA is enabled, else {@link HaFlavour#NONE}.
   */
  default HaFlavour haFlavour() {
    if (raftStatus().isPresent()) {
      return HaFlavour.RAFT;
    }
    return haStatus().enabled() ? HaFlavour.RULE_BASED : HaFlavour.NONE;
  }

  /**
   * Sets or clears read-only mode for the whole Raft cluster; on the leader only (elsewhere the
   * node refuses with a message naming the leader). CLI: {@code ha-raft read-only mode true|false}.
   * RESTCONF: {@code POST /restconf/operations/tailf-ncs-high-availability-raft:ha-raft/read-only}
   * {@code {"input":{"mode":true}}}.
   *
   * @throws dev.nsoha.core.error.OperationFailedException when the node refuses
   */
  void raftReadOnly(boolean readOnly);

  /**
   * Creates a Raft cluster with this node as its leader and {@code members} (the other members'
   * node names, {@code ncsd2@127.0.2.1}) as followers; only on a node without a Raft log. CLI:
   * {@code ha-raft create-cluster member [ ncsd2@127.0.2.1 ncsd3@127.0.3.1 ]}. RESTCONF: {@code
   * POST /restconf/operations/tailf-ncs-high-availability-raft:ha-raft/create-cluster} {@code
   * {"input":{"member":["ncsd2@127.0.2.1","ncsd3@127.0.3.1"]}}}.
   *
   * @throws dev.nsoha.core.error.OperationFailedException with NSO's text when the node refuses (a
   *     cluster exists, a member cannot be reached)
   */
  void raftCreateCluster(List<String> members);

  // ---- configuration
  // ----------------------------------------------------------------------------------------

  /**
   * Reads the configuration at {@code path}, wrapped in its module-qualified name as a RESTCONF GET
   * returns it ({@code {"dummy:dummies":{...}}}); an empty tree when nothing is configured there.
   * CLI: {@code show running-config dummies | display json}. RESTCONF: {@code GET
   * /restconf/data/dummy:dummies?content=config}.
   */
  DataTree readConfig(ConfigPath path);

  /**
   * Reads the whole running configuration, every top-level node module-qualified. CLI: {@code show
   * running-config | display json}. RESTCONF: {@code GET /restconf/data?content=config}.
   */
  DataTree readRunningConfig();

  /**
   * Streams the whole running configuration to {@code sink}, in document order, as {@link
   * #readRunningConfig()} reads it. The default reads the configuration whole and walks it; a
   * transport that parses its reply as it arrives overrides this, so that a configuration of any
   * size is digested without being held.
   */
  default void streamRunningConfig(ConfigEvents sink) {
    ConfigEvents.walk(readRunningConfig(), sink);
  }

  /**
   * Merges {@code data} into the running configuration in one transaction, committed on return.
   * CLI: {@code config}, one line per leaf ({@code dummies dummy d1 dummy 1.2.3.4}), {@code
   * commit}. RESTCONF: {@code PATCH /restconf/data} with the tree as body.
   *
   * @throws dev.nsoha.core.error.ReadOnlyException on a secondary or a read-only node
   * @throws dev.nsoha.core.error.InvalidInputException when the schema refuses an element or value
   */
  void mergeConfig(DataTree data);

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  /**
   * Lists the loaded packages with version and oper-status. CLI: {@code show packages package |
   * display json}. RESTCONF: {@code GET /restconf/data/tailf-ncs:packages}.
   */
  List<PackageStatus> packages();

  /**
   * Lists the package files of a system install's store with their states. CLI: {@code software
   * packages list}. RESTCONF: {@code POST /restconf/operations/software/packages/list}.
   */
  List<SoftwarePackage> softwarePackages();

  /**
   * Copies a package file that is on the node's host into the package store; returns NSO's result
   * text. CLI: {@code software packages fetch package-from-file /abs/dummy-1.1.tar.gz}. RESTCONF:
   * {@code POST /restconf/operations/software/packages/fetch} {@code
   * {"input":{"package-from-file":"/abs/dummy-1.1.tar.gz"}}}.
   */
  String fetchPackage(String fileOnNode);

  /**
   * Installs a stored package ({@code dummy-1.1}, no {@code .tar.gz}), replacing another installed
   * version of the same package when {@code replaceExisting}; returns NSO's result text. CLI:
   * {@code software packages install package dummy-1.1 replace-existing}. RESTCONF: {@code POST
   * /restconf/operations/software/packages/install} {@code
   * {"input":{"package":"dummy-1.1","replace-existing":""}}}.
   */
  String installPackage(String name, boolean replaceExisting);

  /**
   * Removes a package from the load path of a system install; its archive stays in the store. Takes
   * effect at the next reload. CLI: {@code software packages deinstall package <name>}. RESTCONF:
   * {@code POST /restconf/operations/software/packages/deinstall} {@code
   * {"input":{"package":"inert-1.0"}}}.
   *
   * @throws dev.nsoha.core.error.OperationFailedException when the package is not installed
   */
  void deinstallPackage(String name);

  /**
   * Reloads the packages of this node from its load path. CLI: {@code packages reload [force]
   * [max-wait-time N]}. RESTCONF: {@code POST /restconf/operations/packages/reload}.
   *
   * @throws dev.nsoha.core.error.OperationFailedException when NSO aborts the whole reload;
   *     per-package failures are returned as results with {@code ok == false}
   */
  List<PackageReloadResult> reloadPackages(ReloadOptions options);

  /**
   * On the primary: copies its packages to every connected secondary and reloads all nodes. CLI:
   * {@code packages ha sync and-reload { wait-commit-queue-empty }}. RESTCONF: {@code POST
   * /restconf/operations/packages/ha/sync} {@code
   * {"input":{"and-reload":{"wait-commit-queue-empty":""}}}}.
   *
   * <p>Returns what NSO reports, on both transports alike: one {@code sync-result} per secondary (a
   * secondary that refused the packages is an entry with {@code ok == false} and NSO's reason, not
   * an exception) and the {@code reload-result}s.
   *
   * @throws dev.nsoha.core.error.OperationFailedException when NSO aborts the whole action (for
   *     example on a node that is not the primary)
   */
  SyncResult haSyncAndReload(ReloadOptions options);

  // ---- node facts
  // -------------------------------------------------------------------------------------------

  /**
   * The running NSO version. CLI: {@code show ncs-state version}. RESTCONF: {@code GET
   * /restconf/data/tailf-ncs-monitoring:ncs-state/version}.
   */
  NsoVersion version();

  /**
   * NSO's alarm list, cleared alarms included (see {@link Alarm#raised()}); empty when there is
   * none. CLI: {@code show alarms alarm-list | display json}. RESTCONF: {@code GET
   * /restconf/data/tailf-ncs-alarms:alarms/alarm-list?content=nonconfig}.
   */
  List<Alarm> alarms();

  /** Closes the connection. Idempotent; never throws. */
  @Override
  void close();

  /**
   * Creates clients. One factory per transport; the composition root binds them by name.
   * Implementations are thread-safe.
   */
  interface Factory {
    /** The transport's name: {@code cli} or {@code restconf}. */
    String transport();

    /**
     * Creates a client for {@code endpoint}. Whether it connects at once or on first use is up to
     * the transport; connection failures surface as {@link
     * dev.nsoha.core.error.UnreachableException} or {@link
     * dev.nsoha.core.error.AuthenticationException} no later than the first call.
     */
    NodeClient create(NodeEndpoint endpoint);
  }
}
