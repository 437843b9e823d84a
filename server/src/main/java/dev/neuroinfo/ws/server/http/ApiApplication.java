package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.server.ServerContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The HTTP API on port P as one Jersey application: the ticket endpoint, health, and the admin
 * API, all answering JSON in the catalogue's error shape. Built from the server's context, so the
 * same application runs on the embedded Grizzly server and in a servlet container.
 *
 * <p>On Grizzly, register {@link PlainHttpAddOn} on the listener as well (see there).
 */
public final class ApiApplication extends ResourceConfig {
    /*
     * Jersey logs "provider ... will be ignored" for every resource registered as an instance,
     * although it serves them correctly (Jersey issue 3700). Kept in a field because
     * java.util.logging holds loggers weakly and would forget the level.
     */
    private static final Logger SPURIOUS_PROVIDER_WARNINGS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        SPURIOUS_PROVIDER_WARNINGS.setLevel(Level.SEVERE);
    }

    /** An application serving the given context's stores, limits and publisher. */
    public ApiApplication(ServerContext context) {
        JsonResponses responses = new JsonResponses(context.codec());
        register(new TicketResource(context, responses));
        register(new HealthResource(responses));
        register(new ReadinessResource(context.readiness(), responses));
        register(new MetricsResource(context));
        register(new AdminEventsResource(context, new EventBodyValidator(context.codec()), responses));
        register(new AdminTokensResource(context, responses));
        context.recovery().ifPresent(recovery -> register(new EventsResource(context, recovery, responses)));
        register(new ApiExceptionMapper(responses));
        register(new WebApplicationExceptionMapper(responses));
        register(new UnexpectedExceptionMapper(responses));
        register(new ResponseHeadersFilter());
        register(new RequestBodyLimit(context.config().maxRequestBodyBytes()));
        // WADL would answer OPTIONS on every path with XML and needs JAXB; nobody here wants it.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Mapped errors keep their JSON body instead of a container error page.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
