package dev.neuroinfo.ws.server.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neuroinfo.ws.protocol.files.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens in {@code <dataDir>/tokens.json}, one JSON document holding every live token's record and
 * the SHA-256 of its secret; the secret itself is never written. Secrets are 256 random bits,
 * URL-safe base64, prefixed {@value #API_PREFIX} (API) or {@value #ADMIN_PREFIX} (admin) so an
 * operator can tell them apart.
 *
 * <p>Every change rewrites the file atomically: a temporary file in the same directory is written,
 * forced to disk and moved over the old one, so a crash at any moment leaves either the old or the
 * new file, never a torn one. Reads never touch the disk: they see an immutable snapshot that a
 * successful write replaces, so lookups take no lock and a failed write changes nothing.
 */
public final class FileTokenStore implements TokenStore {
    /** The file name inside the data directory. */
    public static final String FILE_NAME = "tokens.json";
    /** Prefix of API token secrets. */
    public static final String API_PREFIX = SecretFormat.API_PREFIX;
    /** Prefix of admin token secrets. */
    public static final String ADMIN_PREFIX = SecretFormat.ADMIN_PREFIX;

    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final DurableFile durable;
    private final Path file;
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot;

    private FileTokenStore(DurableFile durable, Snapshot initial) {
        this.durable = durable;
        this.file = durable.path();
        this.snapshot = initial;
    }

    /**
     * Opens the store in a data directory, creating the directory when missing and reading the
     * tokens saved there. Leftover temporary files of an interrupted write are removed.
     *
     * @throws StoreException when the directory cannot be used or the file cannot be read or is
     *                        corrupt; the message says which file and why, because starting with
     *                        no tokens would silently lock every client out
     */
    public static FileTokenStore open(Path dataDir) throws StoreException {
        Path directory = dataDir.toAbsolutePath().normalize();
        DurableFile durable = new DurableFile(directory, FILE_NAME);
        try {
            Files.createDirectories(directory);
            durable.removeLeftovers();
        } catch (IOException e) {
            throw new StoreException("Cannot use data directory " + directory + ": " + e, e);
        }
        return new FileTokenStore(durable, durable.exists() ? load(durable.path()) : Snapshot.EMPTY);
    }

    @Override
    public IssuedToken create(String user, TokenKind kind, boolean unlimited) throws StoreException {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        String secret = SecretFormat.tokenSecret(kind);
        synchronized (writeLock) {
            Snapshot current = snapshot;
            String id;
            do {
                id = SecretFormat.tokenId();
            } while (current.byId.containsKey(id));
            TokenRecord record = new TokenRecord(id, user, kind, unlimited, System.currentTimeMillis());
            Snapshot next = current.with(new Entry(record, SecretFormat.hash(secret)));
            persist(next);
            snapshot = next;
            return new IssuedToken(record, secret);
        }
    }

    @Override
    public Optional<TokenRecord> verify(String secret, TokenKind kind) {
        if (secret == null || secret.isEmpty() || kind == null) {
            return Optional.empty();
        }
        byte[] presented = SecretFormat.hash(secret);
        Entry entry = snapshot.byHash.get(HexFormat.of().formatHex(presented));
        // The map finds the candidate by hash; the final comparison is constant-time anyway so no
        // code path compares secret material byte by byte with an early exit.
        if (entry == null || !SecretFormat.sameHash(entry.hash, presented) || entry.record.kind() != kind) {
            return Optional.empty();
        }
        return Optional.of(entry.record);
    }

    @Override
    public List<TokenRecord> list() {
        return snapshot.byId.values().stream().map(Entry::record)
                .sorted(Comparator.comparingLong(TokenRecord::createdAt).thenComparing(TokenRecord::id))
                .toList();
    }

    @Override
    public boolean revoke(String id) throws StoreException {
        if (id == null) {
            return false;
        }
        synchronized (writeLock) {
            Snapshot current = snapshot;
            if (!current.byId.containsKey(id)) {
                return false;
            }
            Snapshot next = current.without(id);
            persist(next);
            snapshot = next;
            return true;
        }
    }

    @Override
    public boolean isLive(String id) {
        return id != null && snapshot.byId.containsKey(id);
    }

    /** Verification reads the snapshot in memory; only creating and revoking write the file. */
    @Override
    public boolean answersFromMemory() {
        return true;
    }

    /** The file this store keeps its tokens in. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- persistence

    private void persist(Snapshot next) throws StoreException {
        try {
            durable.write(serialize(next));
        } catch (IOException e) {
            throw new StoreException("Cannot write token file " + file + ": " + e, e);
        }
    }

    private static byte[] serialize(Snapshot snapshot) {
        ObjectNode root = JSON.createObjectNode().put("version", FORMAT_VERSION);
        ArrayNode tokens = root.putArray("tokens");
        for (Entry entry : snapshot.byId.values()) {
            TokenRecord r = entry.record;
            tokens.addObject()
                    .put("id", r.id())
                    .put("user", r.user())
                    .put("kind", r.kind().name())
                    .put("unlimited", r.unlimited())
                    .put("createdAt", r.createdAt())
                    .put("sha256", HexFormat.of().formatHex(entry.hash));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static Snapshot load(Path file) throws StoreException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw corrupt(file, "not readable as JSON (" + detail + ")", e);
        }
        if (root == null || !root.isObject() || root.path("version").asInt(-1) != FORMAT_VERSION
                || !root.path("tokens").isArray()) {
            throw corrupt(file, "expected {\"version\":" + FORMAT_VERSION + ",\"tokens\":[...]}", null);
        }
        Snapshot snapshot = Snapshot.EMPTY;
        int index = 0;
        for (JsonNode token : root.get("tokens")) {
            Entry entry = entry(file, token, index++);
            if (snapshot.byId.containsKey(entry.record.id())) {
                throw corrupt(file, "token id " + entry.record.id() + " appears twice", null);
            }
            snapshot = snapshot.with(entry);
        }
        return snapshot;
    }

    private static Entry entry(Path file, JsonNode token, int index) throws StoreException {
        String where = "tokens[" + index + "]";
        JsonNode id = token.get("id");
        JsonNode user = token.get("user");
        JsonNode kind = token.get("kind");
        JsonNode unlimited = token.get("unlimited");
        JsonNode createdAt = token.get("createdAt");
        JsonNode hash = token.get("sha256");
        if (id == null || !id.isTextual() || id.textValue().isEmpty() || user == null || !user.isTextual()
                || kind == null || !kind.isTextual() || unlimited == null || !unlimited.isBoolean()
                || createdAt == null || !createdAt.canConvertToLong() || !createdAt.isIntegralNumber()
                || hash == null || !hash.isTextual()) {
            throw corrupt(file, where + " lacks id, user, kind, unlimited, createdAt or sha256", null);
        }
        TokenKind tokenKind;
        byte[] digest;
        try {
            tokenKind = TokenKind.valueOf(kind.textValue());
            digest = HexFormat.of().parseHex(hash.textValue());
        } catch (IllegalArgumentException e) {
            throw corrupt(file, where + " has an unknown kind or a sha256 that is not hex", e);
        }
        if (digest.length != 32) {
            throw corrupt(file, where + " has a sha256 that is not 32 bytes", null);
        }
        return new Entry(new TokenRecord(id.textValue(), user.textValue(), tokenKind, unlimited.booleanValue(),
                createdAt.longValue()), digest);
    }

    private static StoreException corrupt(Path file, String why, Throwable cause) {
        return new StoreException("Token file " + file + " is corrupt: " + why
                + ". Restore it from a backup, or move it away to start with no tokens.", cause);
    }

    // ---------------------------------------------------------------- state

    /** A record and the hash of its secret. */
    private record Entry(TokenRecord record, byte[] hash) {
    }

    /** Immutable view of every live token, by id (in insertion order) and by hex hash. */
    private record Snapshot(Map<String, Entry> byId, Map<String, Entry> byHash) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of());

        Snapshot {
            byId = Collections.unmodifiableMap(byId);
            byHash = Collections.unmodifiableMap(byHash);
        }

        Snapshot with(Entry entry) {
            Map<String, Entry> ids = new LinkedHashMap<>(byId);
            Map<String, Entry> hashes = new HashMap<>(byHash);
            ids.put(entry.record.id(), entry);
            hashes.put(HexFormat.of().formatHex(entry.hash), entry);
            return new Snapshot(ids, hashes);
        }

        Snapshot without(String id) {
            Map<String, Entry> ids = new LinkedHashMap<>(byId);
            Entry removed = ids.remove(id);
            Map<String, Entry> hashes = new HashMap<>(byHash);
            hashes.remove(HexFormat.of().formatHex(removed.hash));
            return new Snapshot(ids, hashes);
        }
    }
}
