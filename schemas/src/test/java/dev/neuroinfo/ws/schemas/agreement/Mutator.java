package dev.neuroinfo.ws.schemas.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns one valid document into many documents that each differ from it in one place: every member
 * dropped, every value replaced by null, by each JSON type, by numbers at and beyond the ranges the
 * protocol documents, strings by other casings, every array emptied or given a duplicate, every
 * object given a member it does not define.
 */
final class Mutator {
    /** The name of the member {@link Mutant.Kind#EXTRA_MEMBER} adds. */
    static final String EXTRA_MEMBER = "extraMember";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutator() {
    }

    /** All single-place changes of a JSON document. */
    static List<Mutant> mutants(String json) {
        JsonNode root = read(json);
        List<Mutant> mutants = new ArrayList<>();
        visit(root, "", root, mutants);
        return mutants;
    }

    private static void visit(JsonNode root, String pointer, JsonNode node, List<Mutant> out) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (String name : names(object)) {
                String child = pointer + "/" + escape(name);
                out.add(change(root, Mutant.Kind.DROP_MEMBER, child, name, n -> ((ObjectNode) n.at(pointer)).remove(name)));
                for (JsonNode replacement : replacements(object.get(name))) {
                    out.add(change(root, Mutant.Kind.REPLACE_VALUE, child, replacement.toString(),
                            n -> ((ObjectNode) n.at(pointer)).set(name, replacement)));
                }
                visit(root, child, object.get(name), out);
            }
            out.add(change(root, Mutant.Kind.EXTRA_MEMBER, pointer, EXTRA_MEMBER,
                    n -> ((ObjectNode) n.at(pointer)).put(EXTRA_MEMBER, 1)));
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            if (!array.isEmpty()) {
                out.add(change(root, Mutant.Kind.CHANGE_ARRAY, pointer, "emptied", n -> ((ArrayNode) n.at(pointer)).removeAll()));
                out.add(change(root, Mutant.Kind.CHANGE_ARRAY, pointer, "first element duplicated",
                        n -> ((ArrayNode) n.at(pointer)).add(array.get(0).deepCopy())));
            }
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                String child = pointer + "/" + i;
                for (JsonNode replacement : replacements(array.get(i))) {
                    out.add(change(root, Mutant.Kind.REPLACE_VALUE, child, replacement.toString(),
                            n -> ((ArrayNode) n.at(pointer)).set(index, replacement)));
                }
                visit(root, child, array.get(i), out);
            }
        }
    }

    /** Values to put where {@code original} stood; the original itself is never among them. */
    private static List<JsonNode> replacements(JsonNode original) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.textNode("s"), NODES.numberNode(7),
                NODES.numberNode(1.5), NODES.booleanNode(true), NODES.booleanNode(false), NODES.arrayNode(),
                NODES.objectNode()));
        if (original.isNumber()) {
            values.add(NODES.textNode(original.asText()));
            for (long n : new long[] {-1, 0, 1, 6, 7, 53, 54, Integer.MAX_VALUE + 1L, Long.MIN_VALUE}) {
                values.add(NODES.numberNode(n));
            }
            values.add(NODES.numberNode(BigInteger.ONE.shiftLeft(63)));
            values.add(NODES.numberNode(-Math.abs(original.asLong()) - 1));
        }
        if (original.isTextual()) {
            String text = original.textValue();
            values.add(NODES.textNode(""));
            values.add(NODES.textNode(text.toUpperCase(Locale.ROOT)));
            values.add(NODES.textNode(text.toLowerCase(Locale.ROOT)));
            if (!text.isEmpty()) {
                char first = text.charAt(0);
                char flipped = Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first);
                values.add(NODES.textNode(flipped + text.substring(1)));
                values.add(NODES.textNode(text + " "));
            }
            values.add(NODES.numberNode(7));
        }
        if (original.isBoolean()) {
            values.add(NODES.textNode(original.asText()));
            values.add(NODES.numberNode(original.booleanValue() ? 1 : 0));
        }
        return values.stream().filter(v -> !v.equals(original)).distinct().toList();
    }

    private static Mutant change(JsonNode root, Mutant.Kind kind, String pointer, String detail,
            Consumer<JsonNode> edit) {
        JsonNode copy = root.deepCopy();
        edit.accept(copy);
        return new Mutant(pointer, kind, detail, copy.toString());
    }

    private static List<String> names(ObjectNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
