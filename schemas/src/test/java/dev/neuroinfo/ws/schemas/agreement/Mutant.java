package dev.neuroinfo.ws.schemas.agreement;

/**
 * A valid document changed in one place.
 *
 * @param pointer JSON pointer (RFC 6901) of the changed member or value
 * @param kind    what was done there
 * @param detail  the replacement value, or the dropped or added member name
 * @param json    the changed document
 */
record Mutant(String pointer, Kind kind, String detail, String json) {

    /** The kinds of change. */
    enum Kind {
        /** A member was removed from an object. */
        DROP_MEMBER,
        /** A value was replaced by another (wrong type, null, out of range, wrong case, ...). */
        REPLACE_VALUE,
        /** A member the schema does not define was added to an object. */
        EXTRA_MEMBER,
        /** An array element was duplicated or the array emptied. */
        CHANGE_ARRAY
    }

    @Override
    public String toString() {
        return kind + " at '" + pointer + "' (" + detail + ")";
    }
}
