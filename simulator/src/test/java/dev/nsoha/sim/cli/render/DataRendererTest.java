package dev.nsoha.sim.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.sim.data.DataNode;
import dev.nsoha.sim.data.JsonCodec;
import dev.nsoha.sim.schema.Schema;
import dev.nsoha.sim.schema.YangParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataRendererTest {

  private static final String YANG =
      """
      module m {
        namespace "urn:m";
        prefix m;
        identity kinds;
        identity special { base kinds; }
        container top {
          list outer {
            key name;
            leaf name { type string; }
            leaf a { type string; }
            container box { leaf longer-name { type string; } }
            list inner {
              key k;
              leaf k { type string; }
              leaf v { type string; }
            }
          }
          leaf kind { type identityref { base kinds; } }
        }
      }
      """;

  private final Schema schema;

  DataRendererTest() throws Exception {
    schema = new Schema(List.of(YangParser.parse(YANG, "m.yang")));
  }

  private DataNode data(String json) {
    DataNode root = DataNode.root();
    JsonCodec.decodeInto(root, JsonCodec.parse(json), schema, null);
    return root;
  }

  @Test
  void nestedContainersAndListsInsideEntries() {
    String out =
        String.join(
            "\n",
            DataRenderer.render(
                schema,
                data(
                    """
                {"m:top":{"outer":[{"name":"o 1","a":"x","box":{"longer-name":"y"},
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
                schema,
                data(
                    """
                {"m:top":{"outer":[{"name":"o1","a":"x","box":{"longer-name":"y"}},{"name":"o2"}]}}"""),
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
