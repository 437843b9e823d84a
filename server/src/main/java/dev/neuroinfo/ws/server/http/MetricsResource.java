package dev.neuroinfo.ws.server.http;

import dev.neuroinfo.ws.server.SharedServices;
import dev.neuroinfo.ws.server.auth.TokenKind;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /metrics} (OPS-1): this node's metrics in the Prometheus text format, or OpenMetrics
 * when the scraper asks for it. Not public: it takes an admin token as Bearer, which Prometheus
 * sends with {@code authorization: {credentials_file: ...}} in its scrape config, so the API port
 * needs no second listener and the WAR serves it on the container's port like everything else.
 */
@Path("/metrics")
public final class MetricsResource {
    private final SharedServices services;
    private final Credentials credentials;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsResource(SharedServices services) {
        this.services = services;
        this.credentials = new Credentials(services.tokens());
    }

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        credentials.require(authorization, TokenKind.ADMIN);
        ExpositionFormatWriter writer = formats.getOpenMetricsTextFormatWriter().accepts(accept)
                ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        MetricSnapshots snapshots = services.metrics().registry().scrape();
        StreamingOutput body = out -> writer.write(out, snapshots);
        return Response.ok(body).header(HttpHeaders.CONTENT_TYPE, writer.getContentType()).build();
    }
}
