package dev.nsoha.scenarios.console;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in log text: every value registered here (the password in use, the HA token the
 * example sets), wherever it appears, and anything that looks like a credential by its context: a
 * Basic or Bearer authorization, and the value after a {@code token}, {@code password} or {@code
 * secret} key in JSON, XML or CLI syntax. Thread-safe.
 *
 * <p>A registered value is masked everywhere, even where it is no secret: with the NSO example's
 * {@code admin}/{@code admin}, the user name is masked too. That is the price of never printing the
 * password.
 */
public final class Secrets {
  /** What a masked secret becomes. */
  public static final String MASK = "****";

  private static final Set<String> values = ConcurrentHashMap.newKeySet();

  private static final List<Pattern> CONTEXT =
      List.of(
          // Authorization: Basic YWRt... / Bearer ...
          Pattern.compile("(?i)\\b(Basic|Bearer)(\\s+)[A-Za-z0-9+/=._~-]+"),
          // "token": "x"  token=x  password: x
          Pattern.compile(
              "(?i)(\"?[A-Za-z:_-]*(?:token|password|passwd|secret)\"?)(\\s*[:=]\\s*\"?)[^\"\\s,}]+"),
          // <token>x</token>
          Pattern.compile("(?i)(<(?:[A-Za-z]+:)?(?:token|password|secret)>)()[^<]*"),
          // CLI: high-availability token x
          Pattern.compile("(?i)\\b(token|password|secret)(\\s+)(?![:=])[^\\s;]+"));

  private Secrets() {}

  /** Masks {@code value} from now on; values shorter than 3 characters are not masked. */
  public static void register(String value) {
    if (value != null && value.length() >= 3) {
      values.add(value);
    }
  }

  /** {@code text} with every secret replaced by {@link #MASK}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    for (String v :
        values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
      s = s.replace(v, MASK);
    }
    for (Pattern p : CONTEXT) {
      Matcher m = p.matcher(s);
      s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
    }
    return s;
  }
}
