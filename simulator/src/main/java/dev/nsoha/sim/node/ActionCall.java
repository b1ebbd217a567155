package dev.nsoha.sim.node;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.DataPath;
import dev.nsoha.sim.schema.SchemaNode;

/** One action invocation handed to a built-in action handler. */
record ActionCall(DataPath path, SchemaNode action, DataNode input, DataNode output, String user) {
  String in(String leaf) {
    return input.leaf(leaf);
  }

  boolean flag(String leaf) {
    return input.child(leaf) != null;
  }

  DataNode inContainer(String name) {
    return input.child(name);
  }
}
