package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.server.SharedServices;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The HTTP API on port P as one Jersey application: the ticket endpoint, health, and the admin
 * API, all answering JSON in the catalogue's error shape. Built from the server's services, so the
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

    /** An application serving the given services' stores, limits and publisher. */
    public ApiApplication(SharedServices services) {
        JsonResponses responses = new JsonResponses(services.codec());
        register(new TicketResource(new TicketEndpoint(services), responses));
        register(new HealthResource(responses));
        register(new ReadinessResource(services.readiness(), responses));
        register(new MetricsResource(services));
        register(new AdminEventsResource(services, new EventBodyValidator(services.codec()), responses));
        register(new AdminTokensResource(services, responses));
        services.recovery().ifPresent(recovery -> register(new EventsResource(services, recovery, responses)));
        register(new ApiExceptionMapper(responses));
        register(new WebApplicationExceptionMapper(responses));
        register(new UnexpectedExceptionMapper(responses));
        register(new ResponseHeadersFilter());
        register(new RequestBodyLimit(services.config().maxRequestBodyBytes()));
        // WADL would answer OPTIONS on every path with XML and needs JAXB; nobody here wants it.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Mapped errors keep their JSON body instead of a container error page.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }
}
