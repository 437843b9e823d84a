package dev.neuroinfo.ws.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neuroinfo.ws.server.TwoNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token store of a single node: the contract, and what its file gives (a restart, hashes only, safe writes). */
class FileTokenStoreTest extends TokenStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected TwoNodes<TokenStore> nodes() throws StoreException {
        return TwoNodes.alone(FileTokenStore.open(dataDir));
    }

    @Test
    void tokensSurviveARestart() throws Exception {
        FileTokenStore first = FileTokenStore.open(dataDir);
        IssuedToken alice = first.create("alice", TokenKind.API, true);
        IssuedToken bob = first.create("bob", TokenKind.API, false);
        IssuedToken admin = first.create("admin", TokenKind.ADMIN, false);
        assertTrue(first.revoke(bob.record().id()));

        FileTokenStore second = FileTokenStore.open(dataDir);
        assertEquals(List.of(alice.record(), admin.record()), second.list());
        assertEquals(Optional.of(alice.record()), second.verify(alice.secret(), TokenKind.API));
        assertEquals(Optional.of(admin.record()), second.verify(admin.secret(), TokenKind.ADMIN));
        assertEquals(Optional.empty(), second.verify(bob.secret(), TokenKind.API));
        assertFalse(second.isLive(bob.record().id()));
        assertTrue(second.isLive(alice.record().id()));
    }

    @Test
    void onlyHashesReachTheDisk() throws Exception {
        FileTokenStore store = FileTokenStore.open(dataDir);
        IssuedToken token = store.create("alice", TokenKind.API, false);
        String onDisk = Files.readString(dataDir.resolve(FileTokenStore.FILE_NAME), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains(token.secret()));
        assertFalse(onDisk.contains(token.secret().substring(FileTokenStore.API_PREFIX.length())));
        assertTrue(onDisk.contains(token.record().id()));
        assertTrue(onDisk.contains("sha256"));
    }

    @Test
    void writesLeaveNoTemporaryFileBehind() throws Exception {
        FileTokenStore store = FileTokenStore.open(dataDir);
        for (int i = 0; i < 5; i++) {
            store.revoke(store.create("u" + i, TokenKind.API, false).record().id());
            store.create("v" + i, TokenKind.API, false);
        }
        assertEquals(List.of(FileTokenStore.FILE_NAME), fileNames());
    }

    @Test
    void leftoverOfAnInterruptedWriteIsIgnoredAndRemoved() throws Exception {
        FileTokenStore store = FileTokenStore.open(dataDir);
        IssuedToken token = store.create("alice", TokenKind.API, false);
        // What a crash between writing the temporary file and the rename leaves behind.
        Files.writeString(dataDir.resolve(FileTokenStore.FILE_NAME + ".123.tmp"), "{\"version\":1,\"tok");

        FileTokenStore reopened = FileTokenStore.open(dataDir);
        assertEquals(Optional.of(token.record()), reopened.verify(token.secret(), TokenKind.API));
        assertEquals(List.of(FileTokenStore.FILE_NAME), fileNames());
    }

    @Test
    void corruptFileFailsOpeningWithAClearMessage() throws Exception {
        Path file = dataDir.resolve(FileTokenStore.FILE_NAME);
        for (String content : List.of("{\"version\":1,\"tokens\":[{\"id\":", "[]", "",
                "{\"version\":1,\"tokens\":[{\"id\":\"t_1\",\"user\":\"a\",\"kind\":\"API\"}]}",
                "{\"version\":1,\"tokens\":[{\"id\":\"t_1\",\"user\":\"a\",\"kind\":\"API\",\"unlimited\":false,"
                        + "\"createdAt\":1,\"sha256\":\"zz\"}]}")) {
            Files.writeString(file, content);
            StoreException e = assertThrows(StoreException.class, () -> FileTokenStore.open(dataDir), content);
            assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void failedWriteChangesNothing() throws Exception {
        FileTokenStore store = FileTokenStore.open(dataDir);
        IssuedToken kept = store.create("alice", TokenKind.API, false);
        // A directory where the temporary file would go makes every write fail.
        Path blocked = dataDir.resolve("gone");
        FileTokenStore doomed = FileTokenStore.open(blocked);
        Files.delete(blocked);
        Files.writeString(blocked, "not a directory");
        assertThrows(StoreException.class, () -> doomed.create("bob", TokenKind.API, false));
        assertEquals(List.of(), doomed.list());
        assertEquals(List.of(kept.record()), store.list());
    }

    @Test
    void concurrentCreatesAllPersist() throws Exception {
        FileTokenStore store = FileTokenStore.open(dataDir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> secrets = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    secrets.add(store.create("user" + n, TokenKind.API, false).secret());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        FileTokenStore reopened = FileTokenStore.open(dataDir);
        assertEquals(40, reopened.list().size());
        for (String secret : secrets) {
            assertTrue(reopened.verify(secret, TokenKind.API).isPresent());
        }
        assertNotEquals(0, secrets.size());
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
