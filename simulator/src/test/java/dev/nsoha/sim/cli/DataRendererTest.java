package dev.nsoha.sim.cli;

import static dev.nsoha.sim.cli.SchemaNode.Type.IDENTITYREF;
import static dev.nsoha.sim.cli.SchemaNode.Type.STRING;
import static dev.nsoha.sim.cli.SchemaNode.container;
import static dev.nsoha.sim.cli.SchemaNode.leaf;
import static dev.nsoha.sim.cli.SchemaNode.list;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataRendererTest {

  private final SchemaNode root =
      SchemaNode.root()
          .add(
              container("top")
                  .module("m", "urn:m")
                  .add(
                      list("outer", "name")
                          .add(
                              leaf("name", STRING),
                              leaf("a", STRING),
                              container("box").add(leaf("longer-name", STRING)),
                              list("inner", "k").add(leaf("k", STRING), leaf("v", STRING))),
                      leaf("kind", IDENTITYREF)));

  @Test
  void nestedContainersAndListsInsideEntries() {
    String out =
        String.join(
            "\n",
            DataRenderer.render(
                root,
                FakeBackend.json(
                    """
                {"top":{"outer":[{"name":"o 1","a":"x","box":{"longer-name":"y"},
                  "inner":[{"k":"k1","v":"v1"}]}],"kind":"m:special"}}"""),
                true,
                false));
    assertThat(out)
        .isEqualTo(
            """
                top outer "o 1"
                 a               x
                 box longer-name y
                 inner k1
                  v v1
                 !
                !
                top kind special""");
  }

  @Test
  void tableOfNestedEntries() {
    String out =
        String.join(
            "\n",
            DataRenderer.render(
                root,
                FakeBackend.json(
                    """
                {"top":{"outer":[{"name":"o1","a":"x","box":{"longer-name":"y"}},{"name":"o2"}]}}"""),
                false,
                true));
    assertThat(out)
        .isEqualTo(
            """
                NAME  A  LONGER-NAME \s
                ----------------------
                o1    x  y           \s
                o2                   \s
                """);
  }
}
