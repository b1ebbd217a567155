package dev.nsoha.sim.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.sim.pkg.PackageBuilder;
import org.junit.jupiter.api.Test;

class YangParserTest {
  @Test
  void parsesTheDummyPackage() throws Exception {
    YangModule m = YangParser.parse(PackageBuilder.exampleYang("dummy-1.1"), "dummy.yang");
    assertThat(m.name()).isEqualTo("dummy");
    assertThat(m.namespace()).isEqualTo("http://com/example/dummy");
    assertThat(m.prefix()).isEqualTo("dummy");
    assertThat(m.imports())
        .containsEntry("inet", "ietf-inet-types")
        .containsEntry("ncs", "tailf-ncs");
    SchemaNode list = m.top("dummies").child("dummy");
    assertThat(list.kind()).isEqualTo(SchemaNode.Kind.LIST);
    assertThat(list.keys()).containsExactly("name");
    assertThat(list.servicepoint()).isEqualTo("dummy");
    assertThat(list.dataChildren())
        .extracting(SchemaNode::name)
        .containsExactly("name", "device", "description", "dummy");
    assertThat(list.child("re-deploy").kind())
        .as("from uses ncs:service-data")
        .isEqualTo(SchemaNode.Kind.ACTION);
    assertThat(list.child("device").type().base()).isEqualTo(LeafType.Base.LEAFREF);
    assertThat(list.child("device").type().path()).isEqualTo("/ncs:devices/ncs:device/ncs:name");
    LeafType ip = list.child("dummy").type();
    assertThat(ip.name()).isEqualTo("inet:ipv4-address");
    assertThat(ip.canonical("1.2.3.4")).isEqualTo("1.2.3.4");
    assertThatThrownBy(() -> ip.canonical("1.2.3.999"))
        .hasMessage("\"1.2.3.999\" is not a valid value.");
    assertThatThrownBy(() -> ip.canonical("hello")).isInstanceOf(InvalidValueException.class);
    assertThat(list.child("name").isKey()).isTrue();
  }

  @Test
  void typedefsGroupingsEnumsRangesDefaultsAndChoices() throws Exception {
    String y =
        """
                module t {
                  yang-version 1.1;
                  namespace "urn:t";
                  prefix t;
                  import ietf-inet-types { prefix inet; }
                  import tailf-common { prefix tailf; }
                  typedef port { type uint16 { range "1..65000"; } default 830; }
                  typedef color { type enumeration { enum red; enum green; } }
                  grouping endpoint {
                    leaf host { type inet:host; mandatory true; }
                    leaf port { type port; }
                  }
                  container top {
                    tailf:info "a comment the parser ignores";
                    presence "enables top";
                    uses endpoint;
                    leaf color { type color; default green; }
                    leaf flag { type empty; }
                    leaf on { type boolean; }
                    leaf count { type int8; }
                    leaf big { type uint64; }
                    leaf name { type string { length "1..5"; pattern "[a-z]+"; } }
                    choice c { case a { leaf a1 { type string; } } leaf b1 { type int32; } }
                    leaf-list tags { type string; }
                    container state { config false; leaf up { type boolean; } }
                    tailf:action ping { input { leaf n { type uint32; } } output { leaf ok { type boolean; } } }
                  }
                }
                """;
    YangModule m = YangParser.parse(y, "t.yang");
    SchemaNode top = m.top("top");
    assertThat(top.isPresence()).isTrue();
    assertThat(top.child("host").isMandatory()).isTrue();
    assertThat(top.child("host").type().canonical("example.com")).isEqualTo("example.com");
    assertThat(top.child("port").defaultValue()).isEqualTo("830");
    assertThatThrownBy(() -> top.child("port").type().canonical("65001"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(top.child("color").defaultValue()).isEqualTo("green");
    assertThat(top.child("color").type().enums()).containsExactly("red", "green");
    assertThatThrownBy(() -> top.child("color").type().canonical("blue"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(top.child("flag").type().isEmpty()).isTrue();
    assertThatThrownBy(() -> top.child("count").type().canonical("128"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(top.child("count").type().isJsonNumber()).isTrue();
    assertThat(top.child("big").type().isJsonNumber()).isFalse();
    assertThatThrownBy(() -> top.child("name").type().canonical("abcdef"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> top.child("name").type().canonical("AB"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(top.child("a1")).isNotNull();
    assertThat(top.child("b1")).isNotNull();
    assertThat(top.child("state").isConfig()).isFalse();
    assertThat(top.child("state").child("up").isConfig()).isFalse();
    assertThat(top.child("ping").kind()).isEqualTo(SchemaNode.Kind.ACTION);
    assertThat(top.child("ping").child("output").child("ok")).isNotNull();
  }

  @Test
  void errorsAreNsoLike() {
    assertThatThrownBy(
            () ->
                YangParser.parse(
                    "module x {\n  namespace \"urn:x\";\n  prefix x;\n  leaf a { type foo; }\n}\n",
                    "x.yang"))
        .isInstanceOf(YangException.class)
        .hasMessage("x.yang:4: error: unknown type foo");
    assertThatThrownBy(
            () ->
                YangParser.parse(
                    "module x {\n  namespace \"urn:x\";\n  prefix x;\n  leaf a { tailf:info \"i\"; type string; }\n}\n",
                    "x.yang"))
        .hasMessage("x.yang:4: error: undefined prefix tailf");
    assertThatThrownBy(
            () ->
                YangParser.parse(
                    "module x {\n  namespace \"urn:x\";\n  prefix x;\n  leaf a { type string }\n}\n",
                    "x.yang"))
        .hasMessageStartingWith("x.yang:4: error: syntax error");
    assertThatThrownBy(() -> YangParser.parse("module x {\n  prefix x;\n}\n", "x.yang"))
        .hasMessage("x.yang:1: error: missing namespace statement in module x");
    assertThatThrownBy(
            () ->
                YangParser.parse(
                    "module x {\n namespace \"urn:x\";\n prefix x;\n list l { leaf a { type string; } }\n}",
                    "x.yang"))
        .hasMessage("x.yang:4: error: list l needs a key");
    assertThatThrownBy(
            () ->
                YangParser.parse(
                    "module x {\n namespace \"urn:x\";\n prefix x;\n augment \"/a\" { }\n}",
                    "x.yang"))
        .hasMessage("x.yang:4: error: augment is not supported by the simulator");
    assertThatThrownBy(
            () ->
                YangParser.parse(
                    "module x {\n namespace \"urn:x\";\n prefix x;\n leaf a { type string;\n}",
                    "x.yang"))
        .hasMessageContaining("premature end of file");
  }

  @Test
  void builtinSchemaHasTheNsoTrees() {
    Schema s = Schema.builtin();
    SchemaNode ha = s.top("tailf-ncs", "high-availability");
    assertThat(ha.child("status").child("connected-secondary").keys()).containsExactly("id");
    assertThat(ha.child("settings").child("reconnect-attempts").defaultValue()).isEqualTo("3");
    assertThat(ha.child("be-secondary-to").child("input").child("node").isMandatory()).isTrue();
    assertThat(s.top(null, "ncs-state").module().name()).isEqualTo("tailf-ncs-monitoring");
    assertThat(s.top("tailf-ncs", "software").child("packages").child("install")).isNotNull();
    assertThat(s.top("tailf-ncs-alarms", "alarms").child("alarm-list").child("alarm").keys())
        .hasSize(4);
  }
}
