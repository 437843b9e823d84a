package dev.neuroinfo.ws.server;

import java.util.Optional;

/** Whether this node can serve now, for load balancers' and orchestrators' readiness probes. */
@FunctionalInterface
public interface Readiness {
    /** Empty when the node can serve; otherwise why not, in words fit for an operator. */
    Optional<String> blocker();
}
