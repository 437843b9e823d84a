package dev.neuroinfo.ws.server.servlet;

import dev.neuroinfo.ws.server.config.ServerConfig;
import dev.neuroinfo.ws.server.config.Setting;
import dev.neuroinfo.ws.server.config.SettingSource;
import dev.neuroinfo.ws.server.config.SettingsReader;
import jakarta.servlet.ServletContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The WAR's configuration: the {@link Setting}s the WAR reads, each a servlet context
 * init-parameter or, failing that, the environment variable of the same name, as the embedded
 * server's command line reads it. The context parameter wins because it belongs to one deployment,
 * while the environment is shared by every application in the container. Only two defaults are
 * the WAR's own: the data directory and the public WebSocket URL depend on the context path.
 */
final class WebAppSettings {
    private final SettingSource source;
    private final String contextPath;

    /**
     * @param contextParameters a context init-parameter by name, or null
     * @param environment       the process environment
     * @param contextPath       the deployment's context path, empty for the root
     */
    WebAppSettings(UnaryOperator<String> contextParameters, Map<String, String> environment, String contextPath) {
        this.source = setting -> {
            if (!setting.inWar()) {
                return null;
            }
            String name = setting.variable();
            String parameter = contextParameters.apply(name);
            String value = parameter != null && !parameter.isBlank() ? parameter : environment.get(name);
            return value == null ? null : new SettingSource.Given(name, value);
        };
        this.contextPath = contextPath;
    }

    /** Settings from a servlet context's init-parameters and the process environment. */
    static WebAppSettings of(ServletContext servletContext) {
        return new WebAppSettings(servletContext::getInitParameter, System.getenv(), servletContext.getContextPath());
    }

    /** Whether the operator set the public WebSocket URL. */
    boolean hasPublicWebSocketUrl() {
        return SettingsReader.given(source, Setting.PUBLIC_WS_URL);
    }

    /**
     * The server configuration. Host and ports are the container's business and unused here.
     *
     * @throws IllegalArgumentException naming the setting when a value cannot be used
     */
    ServerConfig toConfig() {
        ServerConfig.Builder builder = SettingsReader.read(source);
        if (!hasPublicWebSocketUrl()) {
            // a guess at the usual container port; the operator is warned to set the real URL
            builder.publicWebSocketUrl("ws://localhost:8080" + contextPath + "/api/ws");
        }
        if (!SettingsReader.given(source, Setting.DATA_DIR)) {
            builder.dataDir(deploymentDataDir());
        }
        return builder.build();
    }

    /**
     * {@code ~/.neuroinfo-ws/<context>}, so that two deployments in one container never share a
     * token store by accident.
     */
    private Path deploymentDataDir() {
        String name = contextPath.isEmpty() ? "ROOT" : contextPath.substring(1).replace('/', '#');
        return Path.of(System.getProperty("user.home"), ".neuroinfo-ws", name);
    }
}
