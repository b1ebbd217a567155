package dev.nsoha.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nsoha.core.spi.NodeClient;
import dev.nsoha.scenarios.input.UsageException;
import dev.nsoha.transport.cli.CliNodeClientFactory;
import dev.nsoha.transport.cli.CliOptions;
import dev.nsoha.transport.restconf.RestconfNodeClientFactory;
import dev.nsoha.transport.restconf.RestconfOptions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The composition root builds its injector once per process, and a run's transport options reach
 * the factory as data, not as another injector.
 */
class TransportsTest {
  @Test
  void theProcessHasOneRegistryAndEachRunGetsItsOwnOptions() {
    Transports shared = Transports.shared();
    assertThat(Transports.shared()).isSameAs(shared);

    CliOptions lab = CliOptions.lab(Path.of("/tmp/known_hosts"));
    NodeClient.Factory cli = shared.factory("cli", lab, RestconfOptions.defaults());
    assertThat(cli).isInstanceOf(CliNodeClientFactory.class);
    assertThat(((CliNodeClientFactory) cli).options()).isEqualTo(lab);
    assertThat(shared.factory("cli", CliOptions.defaults(), RestconfOptions.defaults()))
        .as("the defaults give the bound factory itself")
        .isSameAs(shared.factory("cli"));

    RestconfOptions pinned =
        RestconfOptions.defaults().withPinnedCertificates(Set.of("sha256/" + "A".repeat(43) + "="));
    NodeClient.Factory restconf = shared.factory("restconf", lab, pinned);
    assertThat(((RestconfNodeClientFactory) restconf).options()).isEqualTo(pinned);
    assertThat(((RestconfNodeClientFactory) shared.factory("restconf")).options())
        .as("the shared factory keeps its own options")
        .isEqualTo(RestconfOptions.defaults());

    assertThatThrownBy(() -> shared.factory("netconf", lab, pinned))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("valid transports: cli, restconf");
  }
}
