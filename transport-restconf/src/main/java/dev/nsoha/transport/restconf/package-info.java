/**
 * The RESTCONF transport: {@link dev.nsoha.core.spi.NodeClient} over NSO's RESTCONF API with okhttp
 * and Jackson, bound by {@link dev.nsoha.transport.restconf.RestconfTransportModule} under the name
 * {@code restconf}.
 *
 * <p><b>Wire.</b> {@code http(s)://<address>:<port>/restconf} (HTTPS and its trust store are the
 * transport's own {@link dev.nsoha.transport.restconf.RestconfOptions}), Basic auth on every
 * request, {@code Accept} and {@code Content-Type} {@code application/yang-data+json}. Reads are
 * GETs on {@code /restconf/data/...} ({@code content=nonconfig} for HA status, {@code
 * content=config&with-defaults=report-all} for HA config, {@code content=config} for
 * configuration); a merge is a {@code PATCH /restconf/data}; actions are POSTs on {@code
 * /restconf/operations/...} without module prefix, with an {@code {"input":{...}}} body, empty
 * leaves sent as {@code ""} and the read-only {@code mode} as {@code "true"}/{@code "false"}, as
 * NSO's own example clients send them (docs/nso-interface.md, "RESTCONF").
 *
 * <p><b>Choices where NSO's behaviour is open.</b> A 404 on a configuration read means "nothing
 * configured there" and gives an empty tree. A write refused because of read-only mode is
 * recognised by its message ({@code node is in read-only mode}) whatever the status. A 400 tagged
 * {@code operation-failed} is a failed operation, every other 400 and 405 is invalid input; 409,
 * 412 and 5xx are failed operations. A {@code packages ha sync} returns its {@code sync-result}
 * entries (a secondary that refused is reported, not thrown) and its {@code reload-result}s,
 * collected wherever they appear in the output, mapped by core's {@code NsoJson} as the CLI's are.
 *
 * <p><b>Hostile replies.</b> A reply read whole that is larger than the endpoint's limit (32 MiB
 * unless {@code --max-reply-size} says otherwise; the running configuration streams and has no
 * limit), JSON nested deeper than 128 levels, a body that stops mid-way (no data within the read
 * timeout) or trickles beyond the exchange's deadline (connect timeout plus twice the read timeout)
 * are {@link dev.nsoha.core.error.ProtocolException}s naming the node.
 *
 * <p><b>Connections.</b> One okhttp client with its own connection pool per node; the read deadline
 * is the endpoint's request timeout, five times that (plus {@code max-wait-time}) for package
 * actions. A timeout before the TCP connection, a refused connection or a TLS failure is {@link
 * dev.nsoha.core.error.UnreachableException}; a timeout once connected is {@link
 * dev.nsoha.core.error.NsoTimeoutException}.
 */
package dev.nsoha.transport.restconf;
