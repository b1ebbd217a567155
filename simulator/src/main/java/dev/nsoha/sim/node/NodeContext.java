package dev.nsoha.sim.node;

import dev.nsoha.sim.conf.NcsConf;
import java.util.Objects;

/**
 * What a {@link NorthboundService} gets at start: the node facade and its parsed ncs.conf.
 *
 * @param node the node facade; the only way a northbound touches the node
 * @param conf the node's parsed ncs.conf
 */
public record NodeContext(SimNode node, NcsConf conf) {
  public NodeContext {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(conf, "conf");
  }
}
