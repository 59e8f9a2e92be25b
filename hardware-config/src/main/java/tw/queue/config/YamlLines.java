package tw.queue.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a composed SnakeYAML tree starts, keyed by a path such as {@code counters[6].services[1]}
 * or {@code services[0].names.en} (keys joined with '.', 0-based sequence indexes in brackets).
 * Also notes keys that appear twice in one mapping, which the binder would silently merge.
 */
final class YamlLines {

    record DuplicateKey(String path, String key, int line, int firstLine) {
    }

    private static final int MAX_DEPTH = 64;

    private final Map<String, Integer> keyLines = new HashMap<>();
    private final Map<String, Integer> valueLines = new HashMap<>();
    private final List<DuplicateKey> duplicateKeys = new ArrayList<>();

    YamlLines(Node root) {
        walk(root, "", 0);
    }

    List<DuplicateKey> duplicateKeys() {
        return duplicateKeys;
    }

    /**
     * The 1-based line for a path: the line of its key when it is a mapping entry, else the start of its value;
     * for a path that is not in the file (a missing key), the line of the nearest enclosing node; 1 at worst.
     */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = keyLines.get(p);
            if (line == null) {
                line = valueLines.get(p);
            }
            if (line != null) {
                return line;
            }
            p = parent(p);
        }
        return valueLines.getOrDefault("", 1);
    }

    /** The line of a mapping key, if the path names one. */
    Integer keyLine(String path) {
        return keyLines.get(path);
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    private void walk(Node node, String path, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return; // aliases can make cycles; nothing this deep exists in an office file
        }
        valueLines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    continue;
                }
                String key = keyNode.getValue();
                String childPath = child(path, key);
                int keyLine = keyNode.getStartMark().getLine() + 1;
                Integer first = seen.putIfAbsent(key, keyLine);
                if (first != null) {
                    duplicateKeys.add(new DuplicateKey(childPath, key, keyLine, first));
                    continue;
                }
                keyLines.put(childPath, keyLine);
                walk(tuple.getValueNode(), childPath, depth + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), index(path, i), depth + 1);
            }
        }
    }
}
