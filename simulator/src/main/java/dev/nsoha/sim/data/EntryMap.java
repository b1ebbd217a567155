package dev.nsoha.sim.data;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The entries of one list, in key order: a two-level copy-on-write B-tree (an array of sorted
 * chunks of at most {@value #MAX} entries). A copy shares every chunk with its source and clones a
 * chunk only when it first writes to it, so a one-entry change to a list of a million entries
 * copies the chunk index and one chunk, not the list. Only a map that is never written again (the
 * list of a frozen node) may be copied with {@link #share()}. Not thread-safe while written.
 */
final class EntryMap {
  static final int MAX = 256;

  /** A sorted run of entries; written in place only by the map that created it. */
  private static final class Chunk {
    final EntryMap owner;
    final Object[] keys;
    final DataNode[] vals;
    int size;

    Chunk(EntryMap owner, int capacity) {
      this.owner = owner;
      this.keys = new Object[capacity];
      this.vals = new DataNode[capacity];
    }

    Chunk cloneFor(EntryMap m) {
      Chunk c = new Chunk(m, MAX + 1);
      System.arraycopy(keys, 0, c.keys, 0, size);
      System.arraycopy(vals, 0, c.vals, 0, size);
      c.size = size;
      return c;
    }

    @SuppressWarnings("unchecked")
    List<String> key(int i) {
      return (List<String>) keys[i];
    }

    int search(List<String> k) {
      int lo = 0;
      int hi = size - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = DataNode.compareKeys(key(mid), k);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
      return -(lo + 1);
    }
  }

  private Chunk[] chunks = new Chunk[0];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** A map sharing every chunk with this one; this one must never be written again. */
  EntryMap share() {
    EntryMap m = new EntryMap();
    m.chunks = chunks.clone();
    m.size = size;
    return m;
  }

  /**
   * A copy that shares what is already shared (chunks of other maps) and copies the rest, applying
   * {@code copyEntry} to the entries of this map's own chunks.
   */
  EntryMap copy(UnaryOperator<DataNode> copyEntry) {
    EntryMap m = new EntryMap();
    m.chunks = chunks.clone();
    m.size = size;
    for (int i = 0; i < chunks.length; i++) {
      if (chunks[i].owner == this) {
        Chunk c = chunks[i].cloneFor(m);
        for (int j = 0; j < c.size; j++) {
          c.vals[j] = copyEntry.apply(c.vals[j]);
        }
        m.chunks[i] = c;
      }
    }
    return m;
  }

  /** Calls {@code action} for each entry in this map's own chunks (the ones written since copy). */
  void forEachOwned(Consumer<DataNode> action) {
    for (Chunk c : chunks) {
      if (c.owner == this) {
        for (int j = 0; j < c.size; j++) {
          action.accept(c.vals[j]);
        }
      }
    }
  }

  private int chunkFor(List<String> k) {
    int lo = 0;
    int hi = chunks.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Chunk c = chunks[mid];
      if (DataNode.compareKeys(c.key(c.size - 1), k) < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return lo; // first chunk whose last key >= k; chunks.length when past the end
  }

  DataNode get(List<String> k) {
    int ci = chunkFor(k);
    if (ci == chunks.length) {
      return null;
    }
    Chunk c = chunks[ci];
    int i = c.search(k);
    return i >= 0 ? c.vals[i] : null;
  }

  private Chunk writable(int ci) {
    Chunk c = chunks[ci];
    if (c.owner != this) {
      c = c.cloneFor(this);
      chunks[ci] = c;
    }
    return c;
  }

  /** Replaces the value of an existing key in place (the key must be present). */
  void replace(List<String> k, DataNode v) {
    int ci = chunkFor(k);
    Chunk c = writable(ci);
    c.vals[c.search(k)] = v;
  }

  /** Puts an entry; returns the one it replaced, or null. */
  DataNode put(List<String> k, DataNode v) {
    if (chunks.length == 0) {
      Chunk c = new Chunk(this, MAX + 1);
      c.keys[0] = k;
      c.vals[0] = v;
      c.size = 1;
      chunks = new Chunk[] {c};
      size = 1;
      return null;
    }
    int ci = Math.min(chunkFor(k), chunks.length - 1);
    Chunk c = writable(ci);
    int i = c.search(k);
    if (i >= 0) {
      DataNode old = c.vals[i];
      c.keys[i] = k;
      c.vals[i] = v;
      return old;
    }
    int at = -(i + 1);
    System.arraycopy(c.keys, at, c.keys, at + 1, c.size - at);
    System.arraycopy(c.vals, at, c.vals, at + 1, c.size - at);
    c.keys[at] = k;
    c.vals[at] = v;
    c.size++;
    size++;
    if (c.size > MAX) {
      int half = c.size / 2;
      Chunk right = new Chunk(this, MAX + 1);
      System.arraycopy(c.keys, half, right.keys, 0, c.size - half);
      System.arraycopy(c.vals, half, right.vals, 0, c.size - half);
      right.size = c.size - half;
      Arrays.fill(c.keys, half, c.size, null);
      Arrays.fill(c.vals, half, c.size, null);
      c.size = half;
      Chunk[] n = new Chunk[chunks.length + 1];
      System.arraycopy(chunks, 0, n, 0, ci + 1);
      n[ci + 1] = right;
      System.arraycopy(chunks, ci + 1, n, ci + 2, chunks.length - ci - 1);
      chunks = n;
    }
    return null;
  }

  /** Removes an entry; returns it, or null. */
  DataNode remove(List<String> k) {
    int ci = chunkFor(k);
    if (ci == chunks.length) {
      return null;
    }
    int i = chunks[ci].search(k);
    if (i < 0) {
      return null;
    }
    Chunk c = writable(ci);
    DataNode old = c.vals[i];
    System.arraycopy(c.keys, i + 1, c.keys, i, c.size - i - 1);
    System.arraycopy(c.vals, i + 1, c.vals, i, c.size - i - 1);
    c.size--;
    c.keys[c.size] = null;
    c.vals[c.size] = null;
    size--;
    if (c.size == 0) {
      Chunk[] n = new Chunk[chunks.length - 1];
      System.arraycopy(chunks, 0, n, 0, ci);
      System.arraycopy(chunks, ci + 1, n, ci, chunks.length - ci - 1);
      chunks = n;
    }
    return old;
  }

  /** The keys in order. */
  List<List<String>> keys() {
    List<List<String>> out = new ArrayList<>(size);
    for (Chunk c : chunks) {
      for (int j = 0; j < c.size; j++) {
        out.add(c.key(j));
      }
    }
    return out;
  }

  /** A live read-only view of the entries in key order. */
  Collection<DataNode> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<DataNode> iterator() {
        return new Iterator<>() {
          int ci;
          int j;

          @Override
          public boolean hasNext() {
            while (ci < chunks.length && j >= chunks[ci].size) {
              ci++;
              j = 0;
            }
            return ci < chunks.length;
          }

          @Override
          public DataNode next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return chunks[ci].vals[j++];
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
