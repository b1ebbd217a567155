package dev.nsoha.sim.cli.interpreter;

/**
 * The two NSO CLI styles: C (Cisco-like, {@code admin@n1#}) and J (Juniper-like, {@code
 * admin@n1>}).
 */
public enum CliStyle {
  C,
  J
}
