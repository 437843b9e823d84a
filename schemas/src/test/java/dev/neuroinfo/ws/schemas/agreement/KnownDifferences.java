package dev.neuroinfo.ws.schemas.agreement;

import java.math.BigInteger;
import java.util.List;

/**
 * The one list of places where the schemas and the codec disagree by design. Anything not listed
 * here is a bug on one side or the other, and the agreement tests fail on it.
 *
 * <ol>
 *   <li><b>Extra members in event payloads (schema rejects, codec accepts).</b> The payload
 *   schemas and their parts (game, raid channel, schedule entry, subathon goal) say
 *   {@code additionalProperties: false}, so that a producer, such as a caller of the admin API,
 *   learns at once that it sent a field the protocol does not define. The codec ignores unknown
 *   members when decoding (issue "Foundation": "tolerant of unknown extra fields, strict about
 *   required ones"; the reasoning of docs/protocol.md MSG-15), so that a client built today keeps
 *   working when a server adds a field. The codec never writes such a member.</li>
 *   <li><b>Integers beyond the codec's Java types (schema accepts, codec rejects).</b> JSON Schema
 *   {@code integer} has no bounds and the schemas add none; the codec reads timestamps and counts
 *   into {@code long} and {@code year} into {@code int}, and refuses what does not fit rather than
 *   wrap it around. No real timestamp, count or year comes near those limits.</li>
 * </ol>
 */
final class KnownDifferences {
    private static final String EVENT_PAYLOAD = "/data/eventData";
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    /** Members the codec reads into a Java {@code int}; week and day are bounded by the schemas anyway. */
    private static final List<String> INT_MEMBERS = List.of("year");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    static final String PAYLOAD_EXTRA_MEMBER =
            "difference 1: payload schemas forbid unknown members, the codec tolerates them when decoding";
    static final String INTEGER_BEYOND_JAVA_TYPE =
            "difference 2: the schemas leave integers unbounded, the codec reads them into long (year: int)";

    private KnownDifferences() {
    }

    /**
     * Difference 1: a mutant of a payload that only adds a member its object does not define.
     *
     * @param payloadRoot JSON pointer of the payload in the document ({@code ""} for a bare
     *                    payload), or {@code null} when the document holds none
     * @param keywords    the keywords the schema objected with
     */
    static boolean isPayloadExtraMember(Mutant mutant, String payloadRoot, List<String> keywords) {
        return payloadRoot != null && mutant.kind() == Mutant.Kind.EXTRA_MEMBER
                && (mutant.pointer() + "/").startsWith(payloadRoot + "/")
                && !keywords.isEmpty() && keywords.stream().allMatch(ADDITIONAL_PROPERTIES::equals);
    }

    /** Difference 1 for a curated negative example of a payload or part schema. */
    static boolean isPayloadExtraMember(String keyword, boolean payloadOrPartSchema) {
        return payloadOrPartSchema && ADDITIONAL_PROPERTIES.equals(keyword);
    }

    /** Where the payload sits in an event message. */
    static String eventPayloadRoot() {
        return EVENT_PAYLOAD;
    }

    /** Difference 2: a mutant that put an integer where the codec's Java type cannot hold it. */
    static boolean isIntegerBeyondJavaType(Mutant mutant) {
        if (mutant.kind() != Mutant.Kind.REPLACE_VALUE || !mutant.detail().matches("-?[0-9]+")) {
            return false;
        }
        BigInteger value = new BigInteger(mutant.detail());
        String member = mutant.pointer().substring(mutant.pointer().lastIndexOf('/') + 1);
        boolean beyondLong = value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0;
        boolean beyondInt = value.compareTo(INT_MIN) < 0 || value.compareTo(INT_MAX) > 0;
        return beyondLong || (beyondInt && INT_MEMBERS.contains(member));
    }
}
