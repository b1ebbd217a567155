package dev.nsoha.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.nsoha.core.error.HostException;
import dev.nsoha.core.model.NodeId;
import dev.nsoha.core.model.NsoVersion;
import dev.nsoha.core.spi.Backup;
import dev.nsoha.core.spi.Install;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node in a container of the old image: backed up, packages rebuilt for the new image, swapped
 * to the new image with a package reload, then rolled back: restored from the backup and swapped
 * back to the old image. The node's version and packages are read over RESTCONF from the node.
 */
class ContainerHostIT {
  private static final NodeId N1 = NodeId.of("n1");

  @TempDir Path tmp;

  @Test
  void swapsTheImageKeepsTheVolumesAndRestoresABackup() throws Exception {
    DockerClient docker = DockerTests.engine();
    NsoSimImages images =
        NsoSimImages.locate(docker)
            .orElseThrow(() -> new AssertionError("simulator installs not found; build them"));
    List<String> versions = images.versions();
    String oldV = versions.get(0);
    String newV = versions.get(versions.size() - 1);
    images.ensure(oldV);
    images.ensure(newV);
    String name = "h6it-host-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    String address = "127." + ThreadLocalRandom.current().nextInt(100, 250) + ".13.1";
    int[] ports = freePorts(3);
    NodeContainer nc =
        new NodeContainer(
            N1,
            name,
            NsoSimImages.tag(oldV),
            address,
            ports[0],
            ports[1],
            ports[2],
            List.of("dummy-1.0"),
            Map.of(),
            Map.of("dev.nsoha.test", "ContainerHostIT"));
    try {
      nc.createAndStart(docker);
      nc.awaitHealthy(docker, Duration.ofSeconds(90));
      ContainerHost host =
          new ContainerHost(
              docker,
              N1,
              name,
              v -> NsoSimImages.tag(v.toString()),
              tmp.resolve("backups"),
              Duration.ofSeconds(120));
      Install oldI = new Install(Path.of("/opt/ncs/ncs-" + oldV), NsoVersion.parse(oldV));
      Install newI = new Install(Path.of("/opt/ncs/ncs-" + newV), NsoVersion.parse(newV));
      assertThat(host.isRunning()).isTrue();
      assertThat(host.installedVersion()).isEqualTo(NsoVersion.parse(oldV));
      assertThat(restconf(address, ports[2], "tailf-ncs:packages")).contains("\"dummy\"");

      Backup b = host.backup();
      assertThat(b.file()).isRegularFile().startsWith(tmp.resolve("backups"));
      assertThat(ContainerHost.sha256(b.file())).isEqualTo(b.sha256());
      assertThatThrownBy(() -> host.restore(b))
          .isInstanceOf(HostException.class)
          .hasMessageContaining("running");

      host.rebuildPackages(newI);
      host.stop();
      assertThat(host.isRunning()).isFalse();
      host.start(newI, true);
      assertThat(env(docker, name)).contains("EXTRA_ARGS=--with-package-reload");
      assertThat(host.installedVersion()).isEqualTo(NsoVersion.parse(newV));
      // The container's labels name what it runs now; its own labels are kept.
      assertThat(labels(docker, name))
          .containsEntry(NsoSimImages.VERSION_LABEL, newV)
          .containsEntry("dev.nsoha.test", "ContainerHostIT");
      assertThat(restconf(address, ports[2], "tailf-ncs:packages"))
          .contains("\"dummy\"")
          .contains(newV);

      host.stop();
      host.start(newI, false);
      assertThat(env(docker, name)).noneMatch(e -> e.startsWith("EXTRA_ARGS="));
      assertThat(host.isRunning()).isTrue();

      host.stop();
      host.restore(b);
      host.start(oldI, true);
      assertThat(docker.inspectContainerCmd(name).exec().getConfig().getImage())
          .isEqualTo(NsoSimImages.tag(oldV));
      assertThat(labels(docker, name))
          .containsEntry(NsoSimImages.VERSION_LABEL, oldV)
          .containsEntry("dev.nsoha.test", "ContainerHostIT");
      assertThat(restconf(address, ports[2], "tailf-ncs:packages")).contains(oldV);
      assertThat(Files.list(tmp.resolve("backups")).toList()).hasSize(1);
    } finally {
      NodeContainer.remove(docker, name);
    }
    assertThat(Containers.inspect(docker, name)).isEmpty();
  }

  private static Map<String, String> labels(DockerClient docker, String name) {
    return docker.inspectContainerCmd(name).exec().getConfig().getLabels();
  }

  private static List<String> env(DockerClient docker, String name) {
    return Arrays.asList(docker.inspectContainerCmd(name).exec().getConfig().getEnv());
  }

  static String restconf(String address, int port, String path) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create("http://" + address + ":" + port + "/restconf/data/" + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/yang-data+json")
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  static int[] freePorts(int n) throws Exception {
    ServerSocket[] s = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        s[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ports[i] = s[i].getLocalPort();
      }
    } finally {
      for (ServerSocket x : s) {
        if (x != null) {
          x.close();
        }
      }
    }
    return ports;
  }
}
