package dev.nsoha.scenarios.containers;

import picocli.CommandLine.Option;

/**
 * Nodes in containers: {@code --containers} (every node a container named {@code <prefix>node<N>}),
 * or {@code node.<id>.host=container} and {@code node.<id>.container=<name>} in the cluster file;
 * the image to upgrade to with {@code --image} or {@code node.<id>.image}.
 */
public final class ContainerOptions {
  @Option(
      names = "--containers",
      description =
          "The nodes run in containers of an NSO image (nso-sim:<version> for the simulator), named"
              + " <container-prefix>node1, ...; upgrading swaps each node's image (default: off).")
  public boolean containers;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      description =
          "Containers: the image to upgrade to (default: nso-sim:<the newer simulator version>).")
  public String image;

  @Option(
      names = "--old-image",
      paramLabel = "IMAGE",
      description =
          "Containers: the image the nodes start on in the example, and the one a rollback returns"
              + " them to (default: nso-sim:<the older simulator version>; in a rollback"
              + " nso-sim:<the version the journal says they ran>).")
  public String oldImage;

  @Option(
      names = "--container-prefix",
      paramLabel = "PREFIX",
      description = "Containers: prefix of the container names (default: ${DEFAULT-VALUE}).")
  public String prefix = "nso-";
}
