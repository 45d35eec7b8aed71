package dev.winfleet.core.manifest;

import java.util.Optional;

/**
 * The positions of one object's fields in its source file: a small tree that mirrors the value
 * tree, holding line and column only, so the parser's own node objects (which keep the text buffer
 * alive) can be dropped right after reading.
 */
final class SourcePositions implements PositionIndex {

  /** One node: its position, and the positions of its children (map keys or list items). */
  static class Node {
    final int line;
    final int column;
    String[] keys;
    Node[] children;
    int size;

    Node(int line, int column) {
      this.line = line;
      this.column = column;
    }

    void addKey(String key, Node keyPosition) {
      ensure();
      if (keys == null) {
        keys = new String[children.length];
      }
      keys[size] = key;
      children[size++] = keyPosition;
    }

    void addItem(Node item) {
      ensure();
      children[size++] = item;
    }

    private void ensure() {
      if (children == null) {
        children = new Node[4];
      } else if (size == children.length) {
        children = java.util.Arrays.copyOf(children, size * 2);
        if (keys != null) {
          keys = java.util.Arrays.copyOf(keys, size * 2);
        }
      }
    }

    /** The line of the first entry with this key, or 0. */
    int firstLineOf(String key) {
      for (int k = 0; k < size && keys != null; k++) {
        if (keys[k].equals(key)) {
          return children[k].line;
        }
      }
      return 0;
    }

    Node child(Object segment) {
      if (children == null) {
        return null;
      }
      if (segment instanceof Integer i) {
        return keys == null && i < size ? children[i] : null;
      }
      if (keys == null) {
        return null;
      }
      // The last occurrence wins, as in the value tree (duplicate keys keep the last value).
      for (int k = size - 1; k >= 0; k--) {
        if (keys[k].equals(segment)) {
          return children[k];
        }
      }
      return null;
    }
  }

  /** A map entry's position: where its key starts, and the node of its value. */
  static final class Entry extends Node {
    final Node value;

    Entry(int line, int column, Node value) {
      super(line, column);
      this.value = value;
    }

    @Override
    Node child(Object segment) {
      return value == null ? null : value.child(segment);
    }
  }

  private final Node root;

  SourcePositions(Node root) {
    this.root = root;
  }

  Node root() {
    return root;
  }

  @Override
  public Optional<Position> find(FieldPath path) {
    Node node = root;
    for (Object segment : path.segments()) {
      Node next = node.child(segment);
      if (next == null) {
        break;
      }
      node = next;
    }
    return Optional.of(new Position(node.line, node.column));
  }
}
