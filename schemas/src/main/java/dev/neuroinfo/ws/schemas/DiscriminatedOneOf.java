package dev.neuroinfo.ws.schemas;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.OneOfValidator;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code oneOf} with the standard verdict but the error report a reader wants from a dispatch on
 * a {@code const} discriminator. Our dispatching schemas are {@code oneOf}s whose branches each
 * fix {@code type} (or {@code eventType}) with a {@code const}. Stock networknt reports a failed
 * {@code oneOf} as one "must be valid to one and only one schema" error followed by every
 * branch's errors, so the one problem that matters (say, {@code additionalProperties} at
 * {@code /data/eventData}) is buried under "{@code /type} must be 'welcome'" and the like. This
 * keyword drops the branches whose own {@code properties.<name>.const} rejected the instance, and
 * the summary error with them, whenever some branch is left that the discriminator did select;
 * otherwise (no branch selected, or more than one valid) it reports exactly what stock does.
 * Which documents are valid is never changed.
 */
final class DiscriminatedOneOf implements Keyword {
    private static final String REF = "$ref";
    private static final String PROPERTIES = "properties";
    private static final String CONST = "const";

    @Override
    public String getValue() {
        return KeywordType.ONE_OF.getValue();
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema,
            SchemaContext schemaContext) {
        return new Validator(schemaLocation, schemaNode, parentSchema, schemaContext);
    }

    private static final class Validator extends OneOfValidator {
        Validator(SchemaLocation schemaLocation, JsonNode schemaNode, Schema parentSchema, SchemaContext context) {
            super(schemaLocation, schemaNode, parentSchema, context);
        }

        @Override
        public void validate(ExecutionContext context, JsonNode node, JsonNode rootNode, NodePath instanceLocation) {
            List<Error> outer = context.getErrors();
            List<Error> own = new ArrayList<>();
            context.setErrors(own);
            try {
                super.validate(context, node, rootNode, instanceLocation);
            } finally {
                context.setErrors(outer);
            }
            outer.addAll(focus(own, context.getEvaluationPath(), instanceLocation));
        }

        /**
         * The errors of the branches the discriminator selected, when every branch failed and some
         * was selected; else all of {@code errors}.
         */
        private List<Error> focus(List<Error> errors, NodePath oneOfPath, NodePath instanceLocation) {
            Map<Integer, List<Error>> byBranch = new TreeMap<>();
            for (Error error : errors) {
                NodePath path = error.getEvaluationPath();
                if (path.getNameCount() > oneOfPath.getNameCount() && path.startsWith(oneOfPath)) {
                    byBranch.computeIfAbsent(branchIndex(path, oneOfPath), i -> new ArrayList<>()).add(error);
                }
            }
            List<Error> selected = new ArrayList<>();
            for (List<Error> branch : byBranch.values()) {
                if (branch.stream().noneMatch(e -> rejectedByDiscriminator(e, oneOfPath, instanceLocation))) {
                    selected.addAll(branch);
                }
            }
            boolean everyBranchFailed = byBranch.size() == getSchemaNode().size();
            return everyBranchFailed && !selected.isEmpty() ? selected : errors;
        }

        /**
         * Whether a branch's error is its own {@code properties.<name>.const} (possibly behind one
         * {@code $ref}) rejecting the member {@code <name>} of the instance.
         */
        private static boolean rejectedByDiscriminator(Error error, NodePath oneOfPath, NodePath instanceLocation) {
            if (!CONST.equals(error.getKeyword())) {
                return false;
            }
            NodePath path = error.getEvaluationPath();
            int at = oneOfPath.getNameCount() + 1;
            if (at < path.getNameCount() && REF.equals(path.getName(at))) {
                at++;
            }
            if (path.getNameCount() != at + 3 || !PROPERTIES.equals(path.getName(at))
                    || !CONST.equals(path.getName(at + 2))) {
                return false;
            }
            return error.getInstanceLocation().equals(instanceLocation.append(path.getName(at + 1)));
        }

        private static int branchIndex(NodePath path, NodePath oneOfPath) {
            return Integer.parseInt(path.getName(oneOfPath.getNameCount()));
        }
    }
}
