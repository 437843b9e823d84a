package dev.neuroinfo.ws.war;

import java.util.Map;

/**
 * One deployment of the WAR in a container.
 *
 * @param contextPath "" for the root context, else e.g. {@code /inband}
 * @param parameters  servlet context init-parameters (the WAR's settings)
 */
record Deployment(String contextPath, Map<String, String> parameters) {
    Deployment {
        parameters = Map.copyOf(parameters);
    }
}
