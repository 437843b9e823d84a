package dev.neuroinfo.ws.server.ws;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Moves the gate's admission into the new session's properties and builds endpoints that know
 * the {@link WebSocketCore}. Standard API only.
 */
final class AdmissionConfigurator extends ServerEndpointConfig.Configurator {
    static final String ADMISSION = AdmissionConfigurator.class.getName() + ".admission";

    private final WebSocketCore webSocket;

    AdmissionConfigurator(WebSocketCore webSocket) {
        this.webSocket = webSocket;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Admission admission = webSocket.handoff().takeFrom(request.getHeaders());
        if (admission != null) {
            config.getUserProperties().put(ADMISSION, admission);
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new EventEndpoint(webSocket));
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // browsers are expected (tickets exist for them); origin policy is the operator's proxy's job
        return true;
    }
}
