package dev.neuroinfo.ws.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemasTest {

    @Test
    void filesListsExactlyTheShippedSchemaFiles() throws IOException, URISyntaxException {
        // The directory next to Schemas.class in the build output: test resources must not count.
        URL classes = Schemas.class.getProtectionDomain().getCodeSource().getLocation();
        Path directory = Path.of(classes.toURI()).resolve(Schemas.RESOURCE_DIRECTORY);
        Set<String> shipped;
        try (Stream<Path> entries = Files.list(directory)) {
            shipped = entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .collect(Collectors.toSet());
        }
        List<String> listed = Schemas.files();
        assertEquals(shipped, new HashSet<>(listed));
        assertEquals(listed.size(), new HashSet<>(listed).size(), "no file listed twice");
    }

    @Test
    void locatesASchemaByFileName() throws IOException {
        assertEquals("dev/neuroinfo/ws/schemas/welcome.json", Schemas.resourcePath("welcome.json"));
        assertEquals("https://neuroinfo.dev/schemas/welcome.json", Schemas.id("welcome.json"));
        assertTrue(Schemas.url("welcome.json").toString().endsWith("/dev/neuroinfo/ws/schemas/welcome.json"));
        try (InputStream in = Schemas.open("welcome.json")) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .contains("\"$id\": \"https://neuroinfo.dev/schemas/welcome.json\""));
        }
    }

    @Test
    void mapsAnIdBackToItsFile() {
        for (String file : Schemas.files()) {
            assertEquals(Optional.of(file), Schemas.fileForId(Schemas.id(file)));
        }
        assertEquals(Optional.empty(), Schemas.fileForId("https://neuroinfo.dev/schemas/nope.json"));
        assertEquals(Optional.empty(), Schemas.fileForId("https://example.com/welcome.json"));
        assertEquals(Optional.empty(), Schemas.fileForId(null));
    }

    @Test
    void rejectsUnknownFileNames() {
        assertThrows(IllegalArgumentException.class, () -> Schemas.resourcePath("nope.json"));
        assertThrows(IllegalArgumentException.class, () -> Schemas.url("../welcome.json"));
        assertThrows(IllegalArgumentException.class, () -> Schemas.open("Welcome.json"));
        assertThrows(NullPointerException.class, () -> Schemas.id(null));
    }
}
