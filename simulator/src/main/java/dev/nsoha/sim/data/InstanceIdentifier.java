package dev.nsoha.sim.data;

import java.util.function.Function;

/**
 * Renders an instance-identifier value. The datastore keeps it as a keypath with a prefix on every
 * name ({@code /ncs:high-availability/ncs:ha-node[ncs:id='n1']}); RFC 7951 JSON names a module only
 * where it changes ({@code /tailf-ncs:high-availability/ha-node[id='n1']}), and NSO's CLI prints
 * names without prefixes unless the namespace changes below the top ({@code
 * /high-availability/ha-node[id='n1']}, {@code /devices/device[name='c0']/config/ios:interface}).
 * Quoted key values are copied as they are. Stateless.
 */
public final class InstanceIdentifier {
  /** The name of the YANG built-in type whose values this class renders. */
  public static final String TYPE = "instance-identifier";

  private InstanceIdentifier() {}

  /** The RFC 7951 form; {@code moduleOf} maps a prefix to its module name. */
  public static String json(String keypath, Function<String, String> moduleOf) {
    return rewrite(keypath, moduleOf, true);
  }

  /** The form NSO's CLI prints. */
  public static String cli(String keypath) {
    return rewrite(keypath, p -> p, false);
  }

  private static String rewrite(String path, Function<String, String> moduleOf, boolean json) {
    StringBuilder out = new StringBuilder(path.length());
    String current = null;
    int i = 0;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '\'' || c == '"') {
        int end = path.indexOf(c, i + 1);
        end = end < 0 ? n - 1 : end;
        out.append(path, i, end + 1);
        i = end + 1;
        continue;
      }
      out.append(c);
      i++;
      if (c != '/' && c != '[') {
        continue;
      }
      int j = i;
      while (j < n && isNameChar(path.charAt(j))) {
        j++;
      }
      String name = path.substring(i, j);
      i = j;
      int colon = name.indexOf(':');
      if (colon < 0) {
        out.append(name);
        continue;
      }
      String prefix = name.substring(0, colon);
      String local = name.substring(colon + 1);
      if (c == '[') {
        out.append(local); // a key of the list: in the list's namespace
        continue;
      }
      String module = moduleOf.apply(prefix);
      boolean changes = !module.equals(current);
      if (json) {
        out.append(changes ? module + ":" + local : local);
      } else {
        out.append(changes && current != null ? prefix + ":" + local : local);
      }
      current = module;
    }
    return out.toString();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
  }
}
