package dev.neuroinfo.ws.server.redis;

/**
 * Every Redis key the server uses, in one place (docs/operations.md, "Cluster", shows the same
 * table). All start with {@value #PREFIX} so that the server can share a Redis with other
 * applications.
 */
final class RedisKeys {
    /** Common prefix of every key. */
    static final String PREFIX = "neuroinfo:";
    /** SET of the ids of every live token. */
    static final String TOKEN_IDS = PREFIX + "tokens";
    /** Prefix of the HASH holding one token's record and the SHA-256 of its secret. */
    static final String TOKEN = PREFIX + "token:";
    /** Prefix of the STRING that maps a secret's SHA-256 (hex) to its token id. */
    static final String TOKEN_BY_HASH = PREFIX + "token-by-hash:";
    /** Set once by the node that creates the first tokens of an empty store. */
    static final String BOOTSTRAPPED = PREFIX + "bootstrapped";
    /** Prefix of the STRING holding a ticket's grant, named by the ticket's SHA-256, expiring with it. */
    static final String TICKET = PREFIX + "ticket:";
    /** Prefix of the SET of a token's outstanding ticket hashes, so that revoking the token kills them. */
    static final String TOKEN_TICKETS = PREFIX + "token-tickets:";
    /** Prefix of the ZSET of a user's slot leases, scored by expiry (Redis time, ms). */
    static final String SLOTS = PREFIX + "slots:";
    /** Prefix of the ZSET of a rate-limited key's admissions, scored by time (Redis time, ms). */
    static final String RATE = PREFIX + "rate:";
    /** The STREAM every published event goes through (field {@value #FRAME_FIELD}), and revocations. */
    static final String EVENTS = PREFIX + "events";
    /** The stream entry field holding the event's wire frame. */
    static final String FRAME_FIELD = "frame";
    /** The stream entry field naming the event's type, so that a node routes the frame without parsing it. */
    static final String TYPE_FIELD = "type";
    /** The field of a control entry in the stream naming a revoked token whose connections every node closes. */
    static final String CLOSE_TOKEN_FIELD = "closeToken";
    /** The close code of such an entry. */
    static final String CLOSE_CODE_FIELD = "code";
    /** The close reason of such an entry. */
    static final String CLOSE_REASON_FIELD = "reason";
    /** The stream entry fields holding an event's epoch and offset, with the recovery extension on (REC-11). */
    static final String EPOCH_FIELD = "epoch";
    /** See {@link #EPOCH_FIELD}. */
    static final String OFFSET_FIELD = "offset";
    /** STRING: the current epoch of the cluster's history. */
    static final String EPOCH = PREFIX + "epoch";
    /** STRING: the newest offset issued in the current epoch (INCR). */
    static final String OFFSET = PREFIX + "offset";
    /** STREAM: the history, one entry per event with id {@code <offset>-1} and field {@value #FRAME_FIELD}. */
    static final String HISTORY = PREFIX + "history";
    /** HASH: event type to {@code "<offset> <frame>"} of its latest event. */
    static final String LATEST = PREFIX + "latest";
    /** STRING naming the open streamUpdate throttle window; expires when the window ends. */
    static final String THROTTLE_WINDOW = PREFIX + "throttle:streamUpdate:window";
    /** STRING holding the latest streamUpdate frame held back by the open window. */
    static final String THROTTLE_PENDING = PREFIX + "throttle:streamUpdate:pending";

    private RedisKeys() {
    }

    static String token(String id) {
        return TOKEN + id;
    }

    static String tokenByHash(String hashHex) {
        return TOKEN_BY_HASH + hashHex;
    }

    static String ticket(String hashHex) {
        return TICKET + hashHex;
    }

    static String tokenTickets(String tokenId) {
        return TOKEN_TICKETS + tokenId;
    }

    static String slots(String user) {
        return SLOTS + user;
    }

    static String rate(String limiter, String key) {
        return RATE + limiter + ":" + key;
    }
}
