package dev.nsoha.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns a configuration's {@link ConfigEvents} into {@link DigestRecord}s as they stream by: one
 * per list entry and one per top-level subtree (for its leaves outside list entries). Only the
 * records of the units open at the moment are held, so memory follows the nesting depth and the
 * size of one entry, not the size of the configuration.
 *
 * <p>A list entry is named by its first member, which is its key in the order NSO writes entries
 * (keys first): {@code dummy{d1}}; a key that is not a plain word is quoted ({@code dummy{"a b"}}),
 * and an entry whose first member is not a scalar is named by its position ({@code dummy[3]}). A
 * list with several keys is named by its first key only; entries that share it are told apart by
 * their leaves. A leaf-list is one leaf whose value is its set of values. Top-level members named
 * in {@code skipped} (the HA tree) are left out.
 *
 * <p>Not thread-safe.
 */
public final class ConfigDigester implements ConfigEvents {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9._:@/+-]+");

  /** Receives every leaf with its value, as it is digested. */
  @FunctionalInterface
  public interface LeafListener {
    /**
     * @param unit the path of the leaf's unit ({@code /dummy:dummies/dummy{d1}})
     * @param name the leaf's path relative to the unit ({@code address}; empty for a unit that is
     *     one leaf)
     * @param value its value as text
     */
    void leaf(String unit, String name, String value);
  }

  private final Consumer<DigestRecord> out;
  private final LeafListener leafListener;
  private final Set<String> skipped;
  private final MessageDigest sha;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private String pending;
  private int skipDepth;
  private long records;
  private long leaves;

  /** One unit being collected. */
  private static final class Unit {
    String path;
    final List<String> names = new ArrayList<>();
    final List<Integer> hashes = new ArrayList<>();
    List<String> values;
  }

  /** One open object or array. */
  private static final class Frame {
    final boolean array;
    final String name;
    final Unit unit;
    final String rel;

    /** For a list entry whose key has not been seen yet: the path before the key. */
    String keyBase;

    int elements;
    int members;
    List<String> scalars;
    boolean objects;

    Frame(boolean array, String name, Unit unit, String rel) {
      this.array = array;
      this.name = name;
      this.unit = unit;
      this.rel = rel;
    }
  }

  /**
   * @param out receives each record when its unit ends
   * @param skipped top-level member names to leave out
   */
  public ConfigDigester(Consumer<DigestRecord> out, Set<String> skipped) {
    this(out, skipped, null);
  }

  /**
   * @param out receives each record when its unit ends
   * @param skipped top-level member names to leave out
   * @param leaves receives each leaf when its unit ends (null for none)
   */
  public ConfigDigester(Consumer<DigestRecord> out, Set<String> skipped, LeafListener leaves) {
    this.out = out;
    this.leafListener = leaves;
    this.skipped = Set.copyOf(skipped);
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** How many records were emitted. */
  public long records() {
    return records;
  }

  /** How many leaves the emitted records hold. */
  public long leaves() {
    return leaves;
  }

  @Override
  public void beginObject() {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (stack.isEmpty()) {
      stack.push(new Frame(false, "", null, ""));
      return;
    }
    Frame parent = stack.peek();
    String name = takeName();
    if (parent.unit == null && !parent.array) {
      // A top-level subtree.
      if (skipped.contains(name)) {
        skipDepth = 1;
        return;
      }
      Unit u = new Unit();
      u.path = "/" + name;
      stack.push(new Frame(false, name, u, ""));
      return;
    }
    if (parent.array) {
      // A list entry: its path waits for its key, the first member.
      parent.objects = true;
      parent.elements++;
      Frame f = new Frame(false, parent.name, new Unit(), "");
      f.keyBase = listBase(parent);
      stack.push(f);
      return;
    }
    resolveKey(parent);
    stack.push(new Frame(false, name, parent.unit, parent.rel + name + "/"));
  }

  @Override
  public void endObject() {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    Frame f = stack.pop();
    if (stack.isEmpty()) {
      return;
    }
    Frame parent = stack.peek();
    boolean entry = parent.array;
    boolean topLevel = parent.unit == null && !parent.array;
    if (entry || topLevel) {
      resolveKey(f);
      emit(f.unit);
    } else if (f.members == 0 && f.rel.length() > 0) {
      // An empty container: its presence is what there is to keep.
      leaf(f.unit, f.rel.substring(0, f.rel.length() - 1), "{}");
    }
  }

  @Override
  public void beginArray() {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    Frame parent = stack.peek();
    if (parent == null) {
      throw new IllegalArgumentException("a configuration is an object, not an array");
    }
    String name = takeName();
    if (parent.unit == null && !parent.array) {
      if (skipped.contains(name)) {
        skipDepth = 1;
        return;
      }
      // A top-level list or leaf-list: its entries are units; a leaf-list becomes one.
      Frame f = new Frame(true, name, null, "");
      f.keyBase = "";
      stack.push(f);
      return;
    }
    if (parent.array) {
      throw new IllegalArgumentException("an array inside an array is not YANG data");
    }
    resolveKey(parent);
    stack.push(new Frame(true, name, parent.unit, parent.rel));
  }

  @Override
  public void endArray() {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    Frame f = stack.pop();
    if (f.objects) {
      return;
    }
    List<String> values = f.scalars == null ? new ArrayList<>() : f.scalars;
    Collections.sort(values);
    String value = "[" + String.join("\u0000", values) + "]";
    if (f.unit == null) {
      Unit u = new Unit();
      u.path = "/" + f.name;
      leaf(u, "", value);
      emit(u);
    } else {
      leaf(f.unit, f.rel + f.name, value);
    }
  }

  @Override
  public void name(String name) {
    if (skipDepth > 0) {
      return;
    }
    pending = name;
    Frame top = stack.peek();
    if (top != null) {
      top.members++;
    }
  }

  @Override
  public void value(String value) {
    if (skipDepth > 0) {
      return;
    }
    Frame top = stack.peek();
    if (top == null) {
      throw new IllegalArgumentException("a configuration is an object, not a value");
    }
    if (top.array) {
      if (top.scalars == null) {
        top.scalars = new ArrayList<>();
      }
      top.scalars.add(value);
      return;
    }
    String name = takeName();
    if (top.unit == null) {
      // A top-level leaf: a unit of its own.
      if (skipped.contains(name)) {
        return;
      }
      Unit u = new Unit();
      u.path = "/" + name;
      leaf(u, "", value);
      emit(u);
      return;
    }
    if (top.keyBase != null && top.unit.path == null) {
      top.unit.path = top.keyBase + "{" + quoteKey(value) + "}";
      top.keyBase = null;
      return;
    }
    leaf(top.unit, top.rel + name, value);
  }

  /** A list entry whose first member is not a scalar is named by its position. */
  private void resolveKey(Frame f) {
    if (f.keyBase != null && f.unit != null && f.unit.path == null) {
      Frame list = null;
      for (Frame x : stack) {
        if (x != f) {
          list = x;
          break;
        }
      }
      int pos = list == null ? 0 : list.elements;
      f.unit.path = f.keyBase + "[" + pos + "]";
      f.keyBase = null;
    }
  }

  private String listBase(Frame list) {
    if (list.unit == null) {
      return "/" + list.name;
    }
    return list.unit.path + "/" + list.rel + list.name;
  }

  private String takeName() {
    String n = pending == null ? "" : pending;
    pending = null;
    return n;
  }

  private void leaf(Unit u, String name, String value) {
    if (leafListener != null) {
      if (u.values == null) {
        u.values = new ArrayList<>();
      }
      u.values.add(value);
    }
    u.names.add(name);
    u.hashes.add(hash32(name, value));
  }

  private void emit(Unit u) {
    String[] names = u.names.toArray(String[]::new);
    int[] hashes = new int[names.length];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = u.hashes.get(i);
    }
    records++;
    leaves += names.length;
    if (leafListener != null) {
      for (int i = 0; i < names.length; i++) {
        leafListener.leaf(u.path, names[i], u.values.get(i));
      }
    }
    out.accept(new DigestRecord(u.path, names, hashes));
  }

  private int hash32(String name, String value) {
    sha.reset();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] d = sha.digest(value.getBytes(StandardCharsets.UTF_8));
    return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
  }

  /** {@code d1} as it is; {@code a b} as {@code "a b"}, with {@code "} and {@code \} escaped. */
  public static String quoteKey(String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return key;
    }
    return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
