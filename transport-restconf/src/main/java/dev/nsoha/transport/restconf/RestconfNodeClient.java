package dev.nsoha.transport.restconf;

import dev.nsoha.core.digest.ConfigEvents;
import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.error.UnreachableException;
import dev.nsoha.core.model.Alarm;
import dev.nsoha.core.model.ConfigPath;
import dev.nsoha.core.model.DataTree;
import dev.nsoha.core.model.HaConfig;
import dev.nsoha.core.model.HaStatus;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.model.PackageReloadResult;
import dev.nsoha.core.model.PackageStatus;
import dev.nsoha.core.model.RaftStatus;
import dev.nsoha.core.model.ReloadOptions;
import dev.nsoha.core.model.SoftwarePackage;
import dev.nsoha.core.model.SyncResult;
import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.core.spi.NodeEndpoint;
import dev.nsoha.core.spi.TransportOptions;
import dev.nsoha.transport.restconf.RestconfJson.BadReplyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NodeClient} over NSO's RESTCONF API with JSON ({@code application/yang-data+json}) and
 * Basic auth. Each client owns one okhttp client with its own connection pool, so the connections
 * to one node are reused and closed together. The paths and bodies are those of
 * docs/nso-interface.md ("RESTCONF").
 *
 * <p>Thread-safe: okhttp handles concurrent calls. Errors are mapped by {@link RestconfErrors}.
 */
final class RestconfNodeClient implements NodeClient {
  private static final Logger log = LoggerFactory.getLogger(RestconfNodeClient.class);

  static final String TRANSPORT = "restconf";
  static final MediaType YANG_JSON = MediaType.get("application/yang-data+json");

  /**
   * Long actions (package reload, ha sync) get this many request timeouts, plus their own
   * max-wait-time.
   */
  private static final int LONG_ACTION_FACTOR = 5;

  private final NodeEndpoint endpoint;
  private final OkHttpClient http;
  private final ConnectTracker tracker;
  private final HttpUrl root;
  private final String authorization;
  private final String where;
  private final String hostPort;
  private final AtomicBoolean closed = new AtomicBoolean();

  RestconfNodeClient(
      NodeEndpoint endpoint, boolean https, OkHttpClient http, ConnectTracker tracker) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.http = Objects.requireNonNull(http, "http");
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.root = root(endpoint, https);
    this.authorization =
        Credentials.basic(
            endpoint.credentials().username(),
            endpoint.credentials().password(),
            StandardCharsets.UTF_8);
    this.where = endpoint.where(TRANSPORT);
    this.hostPort = hostPort(endpoint);
  }

  private static HttpUrl root(NodeEndpoint e, boolean https) {
    try {
      return new HttpUrl.Builder()
          .scheme(https ? "https" : "http")
          .host(e.address())
          .port(e.restconfPort())
          .addPathSegment("restconf")
          .build();
    } catch (IllegalArgumentException ex) {
      throw new InvalidInputException(
          e.where(TRANSPORT),
          "set up RESTCONF",
          "'" + e.address() + "' is not a host name or IP address",
          ex);
    }
  }

  static String hostPort(NodeEndpoint e) {
    String a = e.address();
    return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + e.restconfPort();
  }

  @Override
  public NodeEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String transport() {
    return TRANSPORT;
  }

  // ---- high availability
  // ------------------------------------------------------------------------------------

  @Override
  public HaStatus haStatus() {
    String op = "read HA status";
    return parse(
        op,
        RestconfJson::haStatus,
        get(op, data("tailf-ncs:high-availability").addQueryParameter("content", "nonconfig")));
  }

  @Override
  public HaConfig haConfig() {
    String op = "read HA configuration";
    return parse(
        op,
        RestconfJson::haConfig,
        get(
            op,
            data("tailf-ncs:high-availability")
                .addQueryParameter("content", "config")
                .addQueryParameter("with-defaults", "report-all")));
  }

  @Override
  public String enableHa() {
    return action("enable high availability", "high-availability/enable", null, normalTimeout());
  }

  @Override
  public String disableHa() {
    return action("disable high availability", "high-availability/disable", null, normalTimeout());
  }

  @Override
  public String bePrimary() {
    return action(
        "make the node primary (be-primary)",
        "high-availability/be-primary",
        null,
        normalTimeout());
  }

  @Override
  public String beSecondaryTo(NodeId primary) {
    Objects.requireNonNull(primary, "primary");
    return action(
        "make the node secondary to " + primary + " (be-secondary-to)",
        "high-availability/be-secondary-to",
        RestconfJson.input(Map.of("node", primary.value())),
        normalTimeout());
  }

  @Override
  public String beNone() {
    return action(
        "give up the HA role (be-none)", "high-availability/be-none", null, normalTimeout());
  }

  @Override
  public void setReadOnly(boolean readOnly) {
    action(
        "turn read-only mode " + (readOnly ? "on" : "off"),
        "high-availability/read-only",
        RestconfJson.input(Map.of("mode", Boolean.toString(readOnly))),
        normalTimeout());
  }

  // ---- HA Raft
  // ---------------------------------------------------------------------------------------------

  private static final String RAFT = "tailf-ncs-high-availability-raft:ha-raft";

  @Override
  public Optional<RaftStatus> raftStatus() {
    String op = "read the HA Raft status";
    HttpUrl url = data(RAFT).addQueryParameter("content", "nonconfig").build();
    Reply r = exchange(op, "GET", url, null, normalTimeout());
    if (r.code() == 404) {
      // RFC 8040 §4.3: no /ha-raft data, which is a node without HA Raft.
      return Optional.empty();
    }
    return parse(op, RestconfJson::raftStatus, ok(op, r));
  }

  @Override
  public void raftReadOnly(boolean readOnly) {
    action(
        "HA Raft read-only mode " + readOnly,
        RAFT + "/read-only",
        RestconfJson.input(Map.of("mode", readOnly)),
        normalTimeout());
  }

  @Override
  public void raftCreateCluster(List<String> members) {
    action(
        "ha-raft create-cluster member [ " + String.join(" ", members) + " ]",
        RAFT + "/create-cluster",
        RestconfJson.input(Map.of("member", List.copyOf(members))),
        normalTimeout().multipliedBy(LONG_ACTION_FACTOR));
  }

  // ---- configuration
  // ----------------------------------------------------------------------------------------

  @Override
  public DataTree readConfig(ConfigPath path) {
    Objects.requireNonNull(path, "path");
    String op = "read configuration " + path;
    HttpUrl url =
        root.newBuilder()
            .addPathSegment("data")
            .addEncodedPathSegments(path.restconf())
            .addQueryParameter("content", "config")
            .build();
    Reply r = exchange(op, "GET", url, null, normalTimeout());
    if (r.code() == 404) {
      // RFC 8040 §4.3: a data resource that does not exist; the SPI reads that as "nothing
      // configured".
      return DataTree.empty();
    }
    return parse(op, RestconfJson::dataTree, ok(op, r));
  }

  @Override
  public DataTree readRunningConfig() {
    String op = "read the running configuration";
    HttpUrl url =
        root.newBuilder().addPathSegment("data").addQueryParameter("content", "config").build();
    return parse(op, RestconfJson::datastore, get(op, url.newBuilder()));
  }

  /**
   * Reads the running configuration as it arrives ({@link RestconfStream}), so that a configuration
   * of any size streams into {@code sink}: no limit on the reply's size and no deadline for the
   * whole reply, only the request timeout between two reads (as for any request). An error reply is
   * small, read whole and mapped as for any request.
   */
  @Override
  public void streamRunningConfig(ConfigEvents sink) {
    String op = "read the running configuration";
    if (closed.get()) {
      throw new UnreachableException(where, op, "the RESTCONF client is closed");
    }
    Duration readTimeout = normalTimeout();
    HttpUrl url =
        root.newBuilder().addPathSegment("data").addQueryParameter("content", "config").build();
    Request request =
        new Request.Builder()
            .url(url)
            .get()
            .header("Accept", YANG_JSON.toString())
            .header("Authorization", authorization)
            .tag(WireLog.Timeout.class, new WireLog.Timeout(readTimeout.toMillis()))
            .build();
    Call call = http.newCall(request);
    boolean headers = false;
    try (Response response = call.execute()) {
      headers = true;
      if (response.code() < 200 || response.code() >= 300) {
        ok(op, new Reply(response.code(), body(op, response.body(), new long[1])));
      }
      try (InputStream in = response.body().byteStream()) {
        RestconfStream.datastore(in, sink);
      }
    } catch (BadReplyException e) {
      throw new ProtocolException(where, op, e.getMessage(), e);
    } catch (IOException e) {
      if (headers) {
        throw new ProtocolException(
            where,
            op,
            "the reply from "
                + hostPort
                + " broke off ("
                + (e instanceof InterruptedIOException
                    ? "nothing more within " + readTimeout.toSeconds() + " s"
                    : String.valueOf(e.getMessage()))
                + ")",
            e);
      }
      throw RestconfErrors.forIo(
          where,
          op,
          hostPort,
          e,
          tracker.phase(call),
          endpoint.options().connectTimeout(),
          readTimeout);
    } finally {
      tracker.forget(call);
    }
  }

  @Override
  public void mergeConfig(DataTree data) {
    Objects.requireNonNull(data, "data");
    String op = "merge configuration " + String.join(", ", data.asMap().keySet());
    if (data.isEmpty()) {
      return;
    }
    HttpUrl url = root.newBuilder().addPathSegment("data").build();
    ok(op, exchange(op, "PATCH", url, RestconfJson.toJson(data), normalTimeout()));
  }

  // ---- packages
  // ---------------------------------------------------------------------------------------------

  @Override
  public List<PackageStatus> packages() {
    String op = "list packages";
    return parse(op, RestconfJson::packages, get(op, data("tailf-ncs:packages")));
  }

  @Override
  public List<SoftwarePackage> softwarePackages() {
    String op = "list software packages";
    return parse(
        op,
        RestconfJson::softwarePackages,
        ok(op, exchange(op, "POST", operation("software/packages/list"), null, normalTimeout())));
  }

  @Override
  public String fetchPackage(String fileOnNode) {
    Objects.requireNonNull(fileOnNode, "fileOnNode");
    return action(
        "fetch package " + fileOnNode,
        "software/packages/fetch",
        RestconfJson.input(Map.of("package-from-file", fileOnNode)),
        longTimeout(ReloadOptions.defaults()));
  }

  @Override
  public String installPackage(String name, boolean replaceExisting) {
    Objects.requireNonNull(name, "name");
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("package", name);
    if (replaceExisting) {
      in.put("replace-existing", "");
    }
    return action(
        "install package " + name + (replaceExisting ? " (replace-existing)" : ""),
        "software/packages/install",
        RestconfJson.input(in),
        longTimeout(ReloadOptions.defaults()));
  }

  @Override
  public void deinstallPackage(String name) {
    Objects.requireNonNull(name, "name");
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("package", name);
    action(
        "deinstall package " + name,
        "software/packages/deinstall",
        RestconfJson.input(in),
        longTimeout(ReloadOptions.defaults()));
  }

  @Override
  public List<PackageReloadResult> reloadPackages(ReloadOptions options) {
    Objects.requireNonNull(options, "options");
    String op = "reload packages";
    Map<String, Object> in = reloadInput(options);
    String body = in.isEmpty() ? null : RestconfJson.input(in);
    return parse(
        op,
        RestconfJson::reloadResults,
        ok(op, exchange(op, "POST", operation("packages/reload"), body, longTimeout(options))));
  }

  @Override
  public SyncResult haSyncAndReload(ReloadOptions options) {
    Objects.requireNonNull(options, "options");
    String op = "sync packages to the secondaries and reload (packages ha sync and-reload)";
    String body = RestconfJson.input(Map.of("and-reload", reloadInput(options)));
    String reply =
        ok(op, exchange(op, "POST", operation("packages/ha/sync"), body, longTimeout(options)));
    try {
      return RestconfJson.syncResult(reply);
    } catch (BadReplyException e) {
      // The action ran (a refusal is an error status, mapped above); its reply has no public
      // sample. What counts is the package check on every node that follows, so an unreadable reply
      // reports nothing.
      log.warn(
          "{}: {}: the reply could not be read ({}); the packages on each node decide",
          where,
          op,
          e.getMessage());
      return new SyncResult(List.of(), List.of());
    }
  }

  private static Map<String, Object> reloadInput(ReloadOptions options) {
    Map<String, Object> in = new LinkedHashMap<>();
    if (options.force()) {
      in.put("force", "");
    }
    if (options.waitCommitQueueEmpty()) {
      in.put("wait-commit-queue-empty", "");
    }
    options.maxWaitTime().ifPresent(d -> in.put("max-wait-time", d.toSeconds()));
    return in;
  }

  // ---- node facts
  // -------------------------------------------------------------------------------------------

  @Override
  public List<Alarm> alarms() {
    String op = "read the alarm list";
    HttpUrl url =
        data("tailf-ncs-alarms:alarms/alarm-list")
            .addQueryParameter("content", "nonconfig")
            .build();
    Reply r = exchange(op, "GET", url, null, normalTimeout());
    if (r.code() == 404) {
      // RFC 8040 §4.3: no alarm list data at all, which is no alarm.
      return List.of();
    }
    return parse(op, RestconfJson::alarms, ok(op, r));
  }

  @Override
  public NsoVersion version() {
    String op = "read the NSO version";
    return parse(
        op, RestconfJson::version, get(op, data("tailf-ncs-monitoring:ncs-state/version")));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "RestconfNodeClient[" + where + ", " + root + "]";
  }

  // ---- plumbing
  // ---------------------------------------------------------------------------------------------

  /** One HTTP reply: status and body text. */
  record Reply(int code, String body) {}

  private HttpUrl.Builder data(String encodedPath) {
    return root.newBuilder().addPathSegment("data").addEncodedPathSegments(encodedPath);
  }

  private HttpUrl operation(String path) {
    return root.newBuilder().addPathSegment("operations").addPathSegments(path).build();
  }

  private Duration normalTimeout() {
    return endpoint.options().requestTimeout();
  }

  private Duration longTimeout(ReloadOptions options) {
    Duration base = endpoint.options().requestTimeout().multipliedBy(LONG_ACTION_FACTOR);
    return options.maxWaitTime().map(base::plus).orElse(base);
  }

  private String get(String op, HttpUrl.Builder url) {
    return ok(op, exchange(op, "GET", url.build(), null, normalTimeout()));
  }

  /**
   * Runs an action and returns NSO's {@code result} text; {@code "result": false} fails with NSO's
   * {@code info}, as over the CLI.
   */
  private String action(String op, String path, String inputBody, Duration timeout) {
    String reply = ok(op, exchange(op, "POST", operation(path), inputBody, timeout));
    Optional<String> failure = parse(op, RestconfJson::failure, reply);
    if (failure.isPresent()) {
      throw new OperationFailedException(where, op, failure.get());
    }
    return parse(op, RestconfJson::resultText, reply);
  }

  /** The body of a 2xx reply; any other status becomes the matching core exception. */
  private String ok(String op, Reply r) {
    if (r.code() >= 200 && r.code() < 300) {
      return r.body();
    }
    throw RestconfErrors.forStatus(
        where, op, r.code(), r.body(), endpoint.credentials().username());
  }

  private <T> T parse(String op, Function<String, T> parser, String body) {
    try {
      return parser.apply(body);
    } catch (BadReplyException e) {
      throw new ProtocolException(where, op, e.getMessage(), e);
    }
  }

  /**
   * The body as text, at most the endpoint's {@link TransportOptions#maxReplyBytes()}; {@code
   * received[0]} counts what was read.
   */
  private String body(String op, ResponseBody body, long[] received) throws IOException {
    long max = endpoint.options().maxReplyBytes();
    long declared = body.contentLength();
    if (declared > max) {
      throw tooLarge(op, declared + " bytes announced");
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    long n;
    while ((n = source.read(buffer, 64 * 1024)) != -1) {
      received[0] += n;
      if (received[0] > max) {
        throw tooLarge(op, "more than " + max + " bytes sent");
      }
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return buffer.readString(charset);
  }

  private ProtocolException tooLarge(String op, String what) {
    return new ProtocolException(
        where,
        op,
        "the reply from "
            + hostPort
            + " is too large ("
            + what
            + "; at most "
            + endpoint.options().maxReplyText()
            + " is accepted; if the node's reply is that large, raise the limit with "
            + TransportOptions.MAX_REPLY_OPTION
            + ")");
  }

  /** Sends one request and reads the whole reply. I/O failures become core exceptions. */
  Reply exchange(String op, String method, HttpUrl url, String body, Duration readTimeout) {
    if (closed.get()) {
      throw new UnreachableException(where, op, "the RESTCONF client is closed");
    }
    RequestBody rb =
        body == null
            ? (method.equals("GET") ? null : RequestBody.create(new byte[0], YANG_JSON))
            : RequestBody.create(body, YANG_JSON);
    Request request =
        new Request.Builder()
            .url(url)
            .method(method, rb)
            .header("Accept", YANG_JSON.toString())
            .header("Authorization", authorization)
            .tag(WireLog.Timeout.class, new WireLog.Timeout(readTimeout.toMillis()))
            .build();
    Call call = http.newCall(request);
    // One deadline for the whole exchange, so that a node that trickles its reply does not hold
    // the caller beyond it (the read timeout only bounds the gap between two reads).
    call.timeout()
        .timeout(
            endpoint.options().connectTimeout().plus(readTimeout.multipliedBy(2)).toMillis(),
            TimeUnit.MILLISECONDS);
    long[] received = {-1}; // bytes of the body read so far; -1 until the headers arrived
    try (Response response = call.execute()) {
      received[0] = 0;
      return new Reply(response.code(), body(op, response.body(), received));
    } catch (IOException e) {
      if (received[0] >= 0) {
        throw new ProtocolException(
            where,
            op,
            "the reply from "
                + hostPort
                + " broke off after "
                + received[0]
                + " bytes of its body ("
                + (e instanceof InterruptedIOException
                    ? "nothing more within " + readTimeout.toSeconds() + " s"
                    : String.valueOf(e.getMessage()))
                + ")",
            e);
      }
      NsoException mapped =
          RestconfErrors.forIo(
              where,
              op,
              hostPort,
              e,
              tracker.phase(call),
              endpoint.options().connectTimeout(),
              readTimeout);
      throw mapped;
    } finally {
      tracker.forget(call);
    }
  }
}
