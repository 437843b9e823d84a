package dev.neuroinfo.ws.server.servlet;

import dev.neuroinfo.ws.server.ws.AdmissionHandoff;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A handshake the gate admitted, as the container's upgrade sees it: {@link AdmissionHandoff#HEADER}
 * carries the parked admission's key and any copy the client sent is gone. The container builds
 * the WebSocket handshake request from these headers, so the endpoint's configurator finds the key.
 */
final class AdmittedRequest extends HttpServletRequestWrapper {
    private final String key;

    AdmittedRequest(HttpServletRequest request, String key) {
        super(request);
        this.key = key;
    }

    @Override
    public String getHeader(String name) {
        return isHandoff(name) ? key : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return isHandoff(name) ? Collections.enumeration(List.of(key)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        Enumeration<String> original = super.getHeaderNames();
        while (original != null && original.hasMoreElements()) {
            String name = original.nextElement();
            if (!isHandoff(name)) {
                names.add(name);
            }
        }
        names.add(AdmissionHandoff.HEADER);
        return Collections.enumeration(names);
    }

    private static boolean isHandoff(String name) {
        return AdmissionHandoff.HEADER.equalsIgnoreCase(name);
    }
}
