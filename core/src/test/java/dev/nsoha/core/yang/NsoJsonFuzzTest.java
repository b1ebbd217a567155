package dev.nsoha.core.yang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nsoha.core.error.ProtocolException;
import dev.nsoha.core.model.DataTree;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzes the one JSON-to-model mapping: whatever tree a node sends, every mapping function returns
 * a record or throws {@link ProtocolException}, and does so quickly. The trees mix the names and
 * values of NSO's model (so that the mapping's paths are reached) with random ones. The number of
 * tries bounds the time this takes in {@code make test} (a few seconds).
 */
class NsoJsonFuzzTest {
  private static final Duration PER_CALL = Duration.ofSeconds(1);

  private static final List<String> NAMES =
      List.of(
          "tailf-ncs:high-availability",
          "high-availability",
          "enabled",
          "status",
          "mode",
          "current-id",
          "assigned-role",
          "be-secondary-result",
          "primary-id",
          "read-only-mode",
          "connected-secondary",
          "id",
          "address",
          "ha-node",
          "nominal-role",
          "failover-primary",
          "settings",
          "start-up",
          "assume-nominal-role",
          "join-ha",
          "enable-failover",
          "reconnect-interval",
          "reconnect-attempts",
          "reconnect-secondaries",
          "consensus",
          "tailf-ncs:packages",
          "package",
          "name",
          "package-version",
          "oper-status",
          "up",
          "error-info",
          "loaded",
          "state",
          "sync-result",
          "reload-result",
          "node",
          "result",
          "info",
          "tailf-ncs-monitoring:ncs-state",
          "version");

  private static final List<Function<DataTree, Object>> MAPPINGS =
      List.of(
          NsoJson::haStatus,
          NsoJson::haConfig,
          NsoJson::packages,
          NsoJson::softwarePackages,
          NsoJson::reloadResults,
          NsoJson::syncResult,
          NsoJson::version);

  @Property(tries = 1500)
  void anyTreeMapsToARecordOrAProtocolError(@ForAll("trees") Map<String, Object> root) {
    DataTree tree = DataTree.of(root);
    for (Function<DataTree, Object> mapping : MAPPINGS) {
      long start = System.nanoTime();
      try {
        assertThat(mapping.apply(tree)).isNotNull();
      } catch (ProtocolException e) {
        assertThat(e.detail()).isNotBlank();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PER_CALL);
    }
  }

  @Provide
  Arbitrary<Map<String, Object>> trees() {
    return object(4);
  }

  private static Arbitrary<Map<String, Object>> object(int depth) {
    Arbitrary<Object> value = value(depth - 1);
    return Arbitraries.maps(name(), value)
        .ofMaxSize(5)
        .map(m -> (Map<String, Object>) new LinkedHashMap<>(m));
  }

  private static Arbitrary<String> name() {
    Arbitrary<String> model = Arbitraries.of(NAMES);
    Arbitrary<String> random = Arbitraries.strings().ofMaxLength(12);
    Arbitrary<String> prefixed = Arbitraries.of(NAMES).map(n -> "x:" + n);
    return Arbitraries.frequencyOf(Tuple.of(8, model), Tuple.of(1, random), Tuple.of(1, prefixed));
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.of(
                "primary",
                "secondary",
                "none",
                "master",
                "n1",
                "n2",
                "true",
                "false",
                "6.4.4",
                "",
                "loaded",
                "installable",
                "error (25) - could not connect to primary"),
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.longs(),
            Arbitraries.integers().between(-3, 100),
            Arbitraries.of(true, false),
            Arbitraries.bigDecimals()
                .ofScale(3)
                .between(BigDecimal.valueOf(-1e12), BigDecimal.valueOf(1e12)),
            Arbitraries.just(DataTree.EMPTY_LEAF));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<Object> nested = Arbitraries.lazy(() -> object(depth)).map(m -> (Object) m);
    Arbitrary<Object> list =
        Arbitraries.lazy(() -> Arbitraries.oneOf(nested, leaf).list().ofMaxSize(3))
            .map(l -> (Object) l);
    return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(3, nested), Tuple.of(2, list));
  }
}
