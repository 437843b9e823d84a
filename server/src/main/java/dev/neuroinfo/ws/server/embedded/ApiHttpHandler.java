package dev.neuroinfo.ws.server.embedded;

import dev.neuroinfo.ws.server.http.ApiHeaders;
import dev.neuroinfo.ws.server.http.TicketEndpoint;
import dev.neuroinfo.ws.server.http.TicketResource;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executor;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * The embedded server's HTTP API handler: it answers a plain ticket request ({@code GET
 * /api/ws/ticket} without a body, exactly that path) itself, through {@link TicketEndpoint}, and
 * hands every other request to the Jersey application it wraps. The ticket request is half of a
 * ticket churn cycle; Jersey's per-request machinery (request scope, injection lookups, routing,
 * filters, an entity buffer) was most of its cost (docs/performance.md "Churn, now"). Anything
 * unusual (another method, {@code HEAD}, a body, another spelling of the path, a repeated {@code
 * Authorization}) goes to Jersey, so the answers stay Jersey's; this handler writes the same bytes
 * Jersey would for the requests it takes.
 *
 * <p>Threads: when the listener reads on its selector threads ({@link #readsOnSelectors}), a
 * ticket request is answered right there if every store it asks answers from memory, and every
 * other request is run on the transport's worker threads (Grizzly's {@link
 * RequestExecutorProvider.WorkerThreadProvider}), as the admin API may wait for the disk or a
 * fan-out.
 *
 * <p>A ticket request whose connection is already closed is not answered. Grizzly closes a
 * connection after its keep-alive's maximum of requests and still hands over the requests pipelined
 * behind the last, read with it; on a selector thread it logs a failed answer at WARNING with its
 * stack trace, so anyone, without a token, could buy 32 log lines per request. Such a request, or
 * one whose answer finds the connection closed, costs one debug line instead.
 *
 * <p>A request that arrives while more than a MiB of the connection's earlier answers is still
 * unwritten drops the connection, unanswered, with one debug line: its client pipelines without
 * reading, and the write queue, which takes every answer whole so that no worker thread waits for
 * a slow reader, would otherwise hold all of them.
 */
final class ApiHttpHandler extends HttpHandler {
    private static final System.Logger LOG = System.getLogger(ApiHttpHandler.class.getName());
    private static final String JSON = "application/json";
    private static final RequestExecutorProvider WORKERS = new RequestExecutorProvider.WorkerThreadProvider();
    /**
     * Unwritten answer bytes past which a connection's next request closes it. A client that reads
     * each answer before it asks again never has any; only one that pipelines requests without
     * reading gets here, and without a bound its answers would pile up in memory, since the write
     * queue holds every answer whole (EmbeddedServer).
     */
    private static final int MAX_UNREAD_ANSWERS = 1 << 20;

    private final HttpHandler jersey;
    private final TicketEndpoint tickets;
    private final boolean ticketsOnSelectors;
    private final RequestExecutorProvider executors = this::executorFor;

    /**
     * @param jersey  the Jersey application's container, which answers every other request
     * @param tickets the ticket endpoint's decisions
     */
    ApiHttpHandler(HttpHandler jersey, TicketEndpoint tickets) {
        this.jersey = jersey;
        this.tickets = tickets;
        this.ticketsOnSelectors = tickets.answersFromMemory();
    }

    /**
     * Whether the API listener may read on its selector threads: only when a ticket request can be
     * answered there. Otherwise every read goes to a worker thread, as Grizzly does by default.
     */
    boolean readsOnSelectors() {
        return ticketsOnSelectors;
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return executors;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        Connection<?> connection = request.getContext().getConnection();
        int unread = unreadAnswers(connection);
        if (unread > MAX_UNREAD_ANSWERS) {
            LOG.log(System.Logger.Level.DEBUG, "request behind {0} bytes of answers its client has not read, connection dropped",
                    unread);
            connection.terminateSilently();
            return;
        }
        if (!isPlainTicketRequest(request)) {
            jersey.service(request, response);
            return;
        }
        if (connection.isOpen()) {
            try {
                answer(request, response);
                return;
            } catch (IOException e) {
                if (connection.isOpen()) {
                    throw e;
                }
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "ticket request on a closed connection, not answered");
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }

    /** Null (run on this thread) for a ticket request that can be answered here; else Grizzly's worker choice. */
    private Executor executorFor(Request request) {
        return ticketsOnSelectors && isPlainTicketRequest(request) ? null : WORKERS.getExecutor(request);
    }

    /** Bytes of earlier answers still waiting in the connection's write queue. */
    private static int unreadAnswers(Connection<?> connection) {
        return connection instanceof NIOConnection nio ? nio.getAsyncWriteQueue().spaceInBytes() : 0;
    }

    private static boolean isPlainTicketRequest(Request request) {
        return Method.GET.equals(request.getMethod())
                && TicketResource.PATH.equals(request.getRequestURI())
                && request.getContentLengthLong() < 0
                && !request.getRequest().isChunked()
                && atMostOne(request.getHeaders(Header.Authorization));
    }

    private static boolean atMostOne(Iterable<String> values) {
        Iterator<String> iterator = values.iterator();
        if (iterator.hasNext()) {
            iterator.next();
        }
        return !iterator.hasNext();
    }

    /** Writes the endpoint's answer as Jersey writes it: status and reason, headers, JSON body. */
    private void answer(Request request, Response response) throws IOException {
        TicketEndpoint.Answer answer = tickets.answer(request.getHeader(Header.Authorization));
        response.setStatus(answer.status(), Status.fromStatusCode(answer.status()).getReasonPhrase());
        for (Map.Entry<String, String> header : answer.headers()) {
            response.addHeader(header.getKey(), header.getValue());
        }
        for (Map.Entry<String, String> header : ApiHeaders.forPath(TicketResource.PATH)) {
            response.addHeader(header.getKey(), header.getValue());
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
