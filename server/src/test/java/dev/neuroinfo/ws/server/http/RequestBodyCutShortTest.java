package dev.neuroinfo.ws.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A body whose client went away fails the filter's first look at it in whichever way the container
 * reports it, and each way is answered with a bare 400 (a body would be written to a closed
 * connection, which Jersey logs with a stack trace on Payara and GlassFish), not left to the
 * last-resort mapper that logs one too. WildFly fails Jersey's check for a body, which Grizzly
 * never does, so the embedded runs (AbortedRequestBodyTest) cannot show it.
 */
class RequestBodyCutShortTest {
    private final RequestBodyLimit filter = new RequestBodyLimit(1024);
    private final Map<String, Answer> answers = new HashMap<>();
    private Response aborted;

    @Test
    void aClosedStreamFoundWhileCheckingForABodyIsAnsweredWithABare400() throws IOException {
        answers.put("hasEntity", () -> {
            throw new ProcessingException(new IOException("UT010029: Stream is closed"));
        });
        filter.filter(request());
        assertBare400();
    }

    @Test
    void aBodyEndingEarlyIsAnsweredWithABare400() throws IOException {
        InputStream cut = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset by peer");
            }
        };
        answers.put("hasEntity", () -> true);
        answers.put("getEntityStream", () -> cut);
        filter.filter(request());
        assertBare400();
    }

    @Test
    void aProcessingFailureOfAnotherKindIsNotTakenForTheClients() {
        ProcessingException ours = new ProcessingException(new IllegalStateException("a fault of the server"));
        answers.put("hasEntity", () -> {
            throw ours;
        });
        assertEquals(ours, assertThrows(ProcessingException.class, () -> filter.filter(request())));
    }

    private void assertBare400() {
        assertNotNull(aborted, "the request was answered");
        assertEquals(400, aborted.getStatus());
        assertFalse(aborted.hasEntity(), "the answer has no body");
    }

    /** What a method of the request answers; it may throw as the container's would. */
    private interface Answer {
        Object get() throws Exception;
    }

    /** A POST to /api/admin/tokens without Content-Length whose other answers are in {@link #answers}. */
    private ContainerRequestContext request() {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> method.getName().equals("getPath") ? "api/admin/tokens" : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> null;
                    case "abortWith" -> {
                        aborted = (Response) args[0];
                        yield null;
                    }
                    default -> {
                        Answer answer = answers.get(method.getName());
                        if (answer == null) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield answer.get();
                    }
                });
    }
}
