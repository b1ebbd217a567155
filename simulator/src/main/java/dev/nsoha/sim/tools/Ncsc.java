package dev.nsoha.sim.tools;

import dev.nsoha.sim.schema.YangException;
import dev.nsoha.sim.schema.YangModule;
import dev.nsoha.sim.schema.YangParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's {@code ncsc}: checks a YANG module with {@link YangParser} and writes it as an
 * {@code .fxs} file stamped with the compiling install's version. Run by {@code bin/ncsc}, which
 * passes {@code --ncs-version} from the install's VERSION file.
 *
 * <p>The .fxs format (read by the package loader): a UTF-8 text file with the lines {@code
 * #nso-sim-fxs 1}, {@code ncs-version: V}, {@code module: M}, {@code namespace: N}, {@code prefix:
 * P}, {@code source: F}, {@code ---}, then the module text verbatim.
 */
public final class Ncsc {
  /** The first line of every .fxs file. */
  public static final String FXS_MAGIC = "#nso-sim-fxs 1";

  private Ncsc() {}

  public static void main(String[] args) {
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream stderr = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true)));
  }

  /**
   * Runs one ncsc invocation.
   *
   * @return the exit code: 0 compiled, 1 a YANG or file error, 2 a usage error
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      return compile(args, out, err);
    } catch (IllegalArgumentException e) {
      err.println("ncsc: " + e.getMessage());
      return 2;
    }
  }

  private static int compile(String[] args, PrintWriter out, PrintWriter err) {
    String version = null;
    String output = null;
    boolean compile = false;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--ncs-version" -> version = next(args, ++i);
        case "-c", "--compile" -> compile = true;
        case "-o", "--output" -> output = next(args, ++i);
        case "--yangpath", "-a", "--annotate", "--deviation", "--lax-revision-check" -> {
          if (!"--lax-revision-check".equals(a)) {
            next(args, ++i);
          }
        }
        case "--fail-on-warnings", "--no-fail-on-warnings", "-W", "--verbose" -> {
          // The simulator's parser reports errors only; warnings are never raised.
        }
        case "--version" -> {
          out.println(version == null ? "unknown" : version);
          return 0;
        }
        case "-h", "--help" -> {
          usage(out);
          return 0;
        }
        default -> {
          if (a.startsWith("-")) {
            err.println("ncsc: unknown option " + a);
            usage(err);
            return 2;
          }
          inputs.add(a);
        }
      }
    }
    if (!compile || inputs.size() != 1 || version == null) {
      usage(err);
      return 2;
    }
    String input = inputs.get(0);
    Path in = Path.of(input);
    Path fxs =
        output != null
            ? Path.of(output)
            : Path.of(in.getFileName().toString().replaceFirst("\\.yang$", "") + ".fxs");
    String text;
    try {
      text = Files.readString(in, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      err.println(input + ":0: error: no such file");
      return 1;
    } catch (IOException e) {
      err.println(input + ":0: error: " + e.getMessage());
      return 1;
    }
    YangModule module;
    try {
      module = YangParser.parse(text, input);
    } catch (YangException e) {
      err.println(e.getMessage());
      return 1;
    }
    try {
      Path parent = fxs.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(fxs, StandardCharsets.UTF_8)) {
        w.write(fxs(version, module, in.getFileName().toString(), text));
      }
    } catch (IOException e) {
      err.println("ncsc: cannot write " + fxs + ": " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** The .fxs content for a parsed module. */
  static String fxs(String version, YangModule module, String sourceName, String text) {
    return FXS_MAGIC
        + "\n"
        + "ncs-version: "
        + version
        + "\n"
        + "module: "
        + module.name()
        + "\n"
        + "namespace: "
        + module.namespace()
        + "\n"
        + "prefix: "
        + module.prefix()
        + "\n"
        + "source: "
        + sourceName
        + "\n"
        + "---\n"
        + text;
  }

  private static String next(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(PrintWriter w) {
    w.println(
        "Usage: ncsc [--fail-on-warnings] [--yangpath DIR]... [-a ANNOTATION.yang] -c -o OUT.fxs MODULE.yang");
    w.println("       ncsc --version");
  }
}
